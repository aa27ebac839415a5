import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  findTemporalCli,
  locateTemporalCli,
  provisionTemporal,
  TemporalCliNotFoundError,
  temporalCacheDir,
} from '../../../src/main/dev-server/temporal-cli.mjs';
import { makeTempDir, temporalCliPath } from './support';

/**
 * The provisioning steps, exercised end to end with stand-ins for the slow or networked parts: a
 * fake `go` (a real build takes minutes; verified by hand, see docs/architecture/dev-server.md) and
 * a loopback HTTP server playing temporal.download.
 */
const FAKE_DEV_BUILD = 'temporal version 0.0.0-DEV (Server 1.29.1, UI 2.42.1)';
const FAKE_RELEASE = 'temporal version 1.5.1 (Server 1.29.1, UI 2.42.1)';

function script(path: string, body: string): string {
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}

/** A `go` that "builds" a fake temporal into $GOBIN after `delaySeconds`, counting its builds. */
function fakeGo(binDir: string, options: { fail?: string; delaySeconds?: number; counter: string }): void {
  mkdirSync(binDir, { recursive: true });
  const install = options.fail
    ? `echo "go: downloading github.com/temporalio/cli v1.5.1" >&2\necho "${options.fail}" >&2\nexit 1`
    : `/bin/sleep ${options.delaySeconds ?? 0}\nprintf '#!/bin/sh\\necho "${FAKE_DEV_BUILD}"\\n' > "$GOBIN/temporal"\n/bin/chmod 755 "$GOBIN/temporal"`;
  script(
    join(binDir, 'go'),
    `if [ "$1" = version ]; then echo "go version go1.25.4 linux/amd64"; exit 0; fi\necho build >> "${options.counter}"\n${install}`,
  );
}

describe('provision-temporal', () => {
  const temp = makeTempDir('provision');
  afterAll(temp.cleanup);
  const quiet = () => {};

  it('finds the provisioned binary quickly, without building', () => {
    const started = Date.now();
    const cli = findTemporalCli();
    expect(Date.now() - started).toBeLessThan(2_000);
    if (process.env.CI === 'true' || temporalCliPath) {
      expect(cli?.path).toBe(temporalCliPath);
      expect(cli?.version).toMatch(/^(1\.5\.\d+|0\.0\.0-DEV)/);
    }
  });

  it('checks <resourcesPath>/temporal/temporal first (the packaged app)', () => {
    const resources = join(temp.dir, 'resources');
    mkdirSync(join(resources, 'temporal'), { recursive: true });
    script(join(resources, 'temporal', 'temporal'), `echo "${FAKE_RELEASE}"`);
    const cli = findTemporalCli({
      resourcesPath: resources,
      env: { PATH: '', XDG_CACHE_HOME: join(temp.dir, 'empty-cache') },
    });
    expect(cli).toEqual({
      path: join(resources, 'temporal', 'temporal'),
      version: '1.5.1 (Server 1.29.1, UI 2.42.1)',
      source: 'resources',
    });
  });

  it('accepts only an official 1.5.x release from PATH', () => {
    const pathDir = join(temp.dir, 'path-bin');
    mkdirSync(pathDir);
    script(join(pathDir, 'temporal'), `echo "${FAKE_DEV_BUILD}"`);
    const location = locateTemporalCli({
      env: { PATH: pathDir, XDG_CACHE_HOME: join(temp.dir, 'empty-cache') },
    });
    expect(location.cli).toBeUndefined();
    expect(location.message).toContain(
      `PATH: ${join(pathDir, 'temporal')}: reports "0.0.0-DEV (Server 1.29.1, UI 2.42.1)", need an official 1.5.x release`,
    );

    script(join(pathDir, 'temporal'), `echo "${FAKE_RELEASE}"`);
    expect(findTemporalCli({ env: { PATH: pathDir } })?.source).toBe('path');
  });

  it('treats a broken TEMPORAL_CLI_PATH as final: no build, one message saying what to fix', async () => {
    const counter = join(temp.dir, 'explicit-builds');
    const goBin = join(temp.dir, 'explicit-go');
    fakeGo(goBin, { counter });
    const env = {
      TEMPORAL_CLI_PATH: join(temp.dir, 'not-there'),
      PATH: goBin,
      XDG_CACHE_HOME: join(temp.dir, 'explicit-cache'),
    };
    const failure = provisionTemporal({ env, log: quiet });
    await expect(failure).rejects.toBeInstanceOf(TemporalCliNotFoundError);
    await expect(failure).rejects.toThrow(
      `TEMPORAL_CLI_PATH: ${join(temp.dir, 'not-there')}: does not exist`,
    );
    await expect(failure).rejects.toThrow('Fix TEMPORAL_CLI_PATH or unset it.');
    expect(existsSync(counter)).toBe(false);
  });

  it("fails with one message listing every step, keeping go's exact stderr", async () => {
    const goBin = join(temp.dir, 'failing-go');
    fakeGo(goBin, {
      counter: join(temp.dir, 'failing-builds'),
      fail: 'go: github.com/temporalio/cli@v1.5.1 requires go >= 1.25.0',
    });
    const env = { PATH: goBin, XDG_CACHE_HOME: join(temp.dir, 'failing-cache') };
    const error = await provisionTemporal({ env, log: quiet, download: false }).catch(
      (caught: unknown) => caught as TemporalCliNotFoundError,
    );

    expect(error).toBeInstanceOf(TemporalCliNotFoundError);
    const message = (error as Error).message;
    expect(message).toContain('1. TEMPORAL_CLI_PATH: not set');
    expect(message).toContain('2. PATH: no temporal on PATH');
    expect(message).toContain(
      `3. cache: ${join(temp.dir, 'failing-cache', 'workflow-builder', 'temporal-1.5.1', 'temporal')} does not exist`,
    );
    expect(message).toContain(
      '4. go install: `go install github.com/temporalio/cli/cmd/temporal@v1.5.1` exited with 1 (go version go1.25.4 linux/amd64)',
    );
    expect(message).toContain('go: github.com/temporalio/cli@v1.5.1 requires go >= 1.25.0');
    expect(message).toContain('5. download: skipped');
    expect(message).toContain('install Go 1.25+');
    expect(message).toContain('TEMPORAL_CLI_PATH=/path/to/temporal');
    // Nothing half-built is left behind.
    expect(readdirSync(join(temp.dir, 'failing-cache', 'workflow-builder'))).toEqual([]);
  });

  it('builds once for two concurrent provisioners (lock), atomically, with a manifest; later runs find it', async () => {
    const counter = join(temp.dir, 'concurrent-builds');
    const goBin = join(temp.dir, 'slow-go');
    fakeGo(goBin, { counter, delaySeconds: 1 });
    const env = { PATH: goBin, XDG_CACHE_HOME: join(temp.dir, 'shared-cache') };

    const [first, second] = await Promise.all([
      provisionTemporal({ env, log: quiet, download: false }),
      provisionTemporal({ env, log: quiet, download: false }),
    ]);
    const cacheDir = temporalCacheDir(env);
    expect(readFileSync(counter, 'utf8').trim().split('\n')).toEqual(['build']);
    expect(first.path).toBe(join(cacheDir, 'temporal'));
    expect(second.path).toBe(first.path);
    expect([first.source, second.source].sort()).toEqual(['built', 'cache']);
    expect(JSON.parse(readFileSync(join(cacheDir, 'manifest.json'), 'utf8'))).toMatchObject({
      cliVersion: '1.5.1',
      source: 'go install',
    });
    expect(readdirSync(join(temp.dir, 'shared-cache', 'workflow-builder'))).toEqual(['temporal-1.5.1']); // no lock, no staging left

    // A "fresh clone" on the same machine: the cache is outside the clone, so nothing is rebuilt.
    expect(findTemporalCli({ env })).toEqual({
      path: first.path,
      version: '0.0.0-DEV (Server 1.29.1, UI 2.42.1)',
      source: 'cache',
    });
  });

  it('falls back to the release download (tar.gz) when there is no Go', async () => {
    const archiveDir = join(temp.dir, 'archive');
    mkdirSync(archiveDir);
    script(join(archiveDir, 'temporal'), `echo "${FAKE_RELEASE}"`);
    execFileSync('tar', ['-czf', join(temp.dir, 'temporal.tar.gz'), '-C', archiveDir, 'temporal']);
    const requests: string[] = [];
    const server: Server = createServer((request, response) => {
      requests.push(request.url ?? '');
      response.end(readFileSync(join(temp.dir, 'temporal.tar.gz')));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    try {
      const env = { PATH: '', XDG_CACHE_HOME: join(temp.dir, 'download-cache') };
      const cli = await provisionTemporal({
        env,
        log: quiet,
        downloadBaseUrl: `http://127.0.0.1:${port}/cli/archive`,
      });
      expect(requests).toEqual(['/cli/archive/v1.5.1?platform=linux&arch=amd64']);
      expect(cli).toEqual({
        path: join(temporalCacheDir(env), 'temporal'),
        version: '1.5.1 (Server 1.29.1, UI 2.42.1)',
        source: 'downloaded',
      });
      expect(JSON.parse(readFileSync(join(temporalCacheDir(env), 'manifest.json'), 'utf8'))).toMatchObject({
        source: 'download',
      });
    } finally {
      server.close();
    }
  });

  it('prints the resolved path in CLI mode', () => {
    const dir = join(temp.dir, 'cli-mode');
    mkdirSync(dir);
    const binary = join(dir, 'temporal');
    symlinkSync(join(temp.dir, 'archive', 'temporal'), binary);
    const out = execFileSync(process.execPath, ['scripts/provision-temporal.mjs'], {
      env: { ...process.env, TEMPORAL_CLI_PATH: binary },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    expect(out).toBe(`${binary}\n`);
  });
});
