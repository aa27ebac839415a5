import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, utimes } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { assembleProject, projectHash, type GeneratedProject } from './assemble';
import { pruneLeastRecent } from './prune-least-recent';
import {
  forkChildProcess,
  resolveChildEntry,
  type ChildProcessHandle,
  type LaunchChildProcess,
} from '../child-process/child-process-handle';
import type { BundleReply, BundleRequest } from './bundle-protocol';
import { PRIVATE_DIR_MODE } from '../app/private-files';

/** The short-lived bundler process as the BundleCache sees it. */
export type BundleProcessHandle = ChildProcessHandle<BundleRequest, BundleReply>;
export type LaunchBundleProcess = LaunchChildProcess<BundleRequest, BundleReply>;

/** Bumped when the way bundles are produced changes, so old cache entries are not reused. */
const BUNDLE_FORMAT = 1;

/** `bundle-process.js` next to the bundled main, else the TypeScript source through tsx. */
export function resolveBundlerEntry(): { entry: string; execArgv: string[] } {
  return resolveChildEntry(import.meta.url, 'bundle-process');
}

/** Forks the bundler under plain Node. */
export const launchNodeBundleProcess: LaunchBundleProcess = () => forkChildProcess(resolveBundlerEntry());

/** One bundle from the cache. */
export interface BundleResult {
  /** sha256 of the bundle's inputs: the generated project, the SDK version, the bundle format. */
  hash: string;
  /** `<dataDir>/bundles/<hash>.js` */
  path: string;
  cacheHit: boolean;
  /** Time this call took (a hit costs only hashing). */
  durationMs: number;
}

export interface BundleCacheOptions {
  dataDir: string;
  /** @default launchNodeBundleProcess */
  launch?: LaunchBundleProcess;
  /**
   * Bundles (and generated projects) kept; the least recently used beyond it are deleted after
   * each new bundling. A hit marks a bundle used. @default 50
   */
  maxEntries?: number;
  /** Time allowed to one bundling. @default 120000 */
  timeoutMs?: number;
  log?: (level: 'info' | 'warn' | 'error', message: string) => void;
}

/**
 * Workflow bundles keyed by the sha256 of their inputs, in `<dataDir>/bundles/`. A miss assembles
 * the project (`<dataDir>/builds/<hash>/src`) and runs webpack in a short-lived child process; a
 * hit only hashes. Concurrent requests for the same inputs share one bundling.
 */
export class BundleCache {
  readonly stats = { hits: 0, misses: 0, bundleMs: 0 };
  private readonly inFlight = new Map<string, Promise<string>>();
  private readonly sdkVersion = temporalWorkflowVersion();

  constructor(private readonly options: BundleCacheOptions) {}

  /** The cache key of a project. */
  keyOf(project: GeneratedProject): string {
    return createHash('sha256')
      .update(`${BUNDLE_FORMAT}\0${this.sdkVersion}\0${projectHash(project)}`)
      .digest('hex');
  }

  /** The bundle of `project`, from the cache or made now. */
  async bundle(project: GeneratedProject): Promise<BundleResult> {
    const started = performance.now();
    const hash = this.keyOf(project);
    const path = join(this.options.dataDir, 'bundles', `${hash}.js`);
    if (existsSync(path)) {
      this.stats.hits += 1;
      const now = new Date();
      await utimes(path, now, now).catch(() => undefined); // most recently used: kept by prune()
      const durationMs = Math.round(performance.now() - started);
      this.options.log?.('info', `bundle cache hit ${hash.slice(0, 12)} (${durationMs} ms)`);
      return { hash, path, cacheHit: true, durationMs };
    }
    let pending = this.inFlight.get(hash);
    if (!pending) {
      this.stats.misses += 1;
      pending = this.make(project, path).finally(() => this.inFlight.delete(hash));
      this.inFlight.set(hash, pending);
    }
    await pending;
    const durationMs = Math.round(performance.now() - started);
    return { hash, path, cacheHit: false, durationMs };
  }

  private async make(project: GeneratedProject, outFile: string): Promise<string> {
    const assembled = await assembleProject(this.options.dataDir, project);
    await mkdir(join(this.options.dataDir, 'bundles'), { recursive: true, mode: PRIVATE_DIR_MODE });
    const reply = await this.runBundler({ type: 'bundle', workflowsPath: assembled.workflowsPath, outFile });
    this.stats.bundleMs += reply.durationMs;
    await this.prune().catch((error: unknown) =>
      this.options.log?.('warn', `bundle cache prune failed: ${String(error)}`),
    );
    this.options.log?.(
      'info',
      `bundled ${assembled.hash.slice(0, 12)} in ${reply.durationMs} ms (${Math.round(reply.bytes / 1024)} KiB) → ${outFile}`,
    );
    return outFile;
  }

  /** Deletes the least recently used bundles and builds beyond `maxEntries`. Returns how many. */
  async prune(): Promise<number> {
    const max = Math.max(2, this.options.maxEntries ?? 50);
    const bundles = await pruneLeastRecent(
      join(this.options.dataDir, 'bundles'),
      max,
      (name) => name.endsWith('.js') && !this.inFlight.has(name.slice(0, -3)),
    );
    const builds = await pruneLeastRecent(
      join(this.options.dataDir, 'builds'),
      max,
      (name) => !name.startsWith('.'),
    );
    return bundles + builds;
  }

  private runBundler(request: BundleRequest): Promise<{ bytes: number; durationMs: number }> {
    const child = (this.options.launch ?? launchNodeBundleProcess)();
    const output: string[] = [];
    child.onOutput((line) => {
      output.push(line);
      if (output.length > 50) output.shift();
    });
    return new Promise((resolve, reject) => {
      let settled = false;
      const settle = (fn: () => void): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        fn();
      };
      const timeoutMs = this.options.timeoutMs ?? 120_000;
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        settle(() => reject(new Error(`Bundling ${request.workflowsPath} took longer than ${timeoutMs} ms`)));
      }, timeoutMs);
      child.onMessage((reply) => {
        if (reply.type === 'done') settle(() => resolve(reply));
        else settle(() => reject(new Error(`Bundling ${request.workflowsPath} failed: ${reply.message}`)));
      });
      child.onExit((code) => {
        settle(() =>
          reject(
            new Error(
              `The bundler process exited with code ${String(code)}${output.length ? `: ${output.join('\n')}` : ''}`,
            ),
          ),
        );
      });
      child.send(request);
    });
  }
}

function temporalWorkflowVersion(): string {
  try {
    const require = createRequire(import.meta.url);
    const pkg = JSON.parse(readFileSync(require.resolve('@temporalio/workflow/package.json'), 'utf8')) as {
      version?: string;
    };
    return pkg.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
