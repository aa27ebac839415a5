import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import type { Channel, RequestOf, ResponseOf, RunRecord, WireMessage } from '../../src/core/ipc';

/**
 * A test's own client of the browser-mode host: the same WebSocket protocol the page speaks,
 * with the launch token (a non-browser client sends no Origin). Used to set up data (save the
 * PackageBuilder examples, start runs) the way the app's own calls do.
 */
export class IpcClient {
  private nextId = 1;
  private readonly waiting = new Map<number, (message: WireMessage & { kind: 'reply' }) => void>();

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as WireMessage;
      if (message.kind === 'reply') this.waiting.get(message.id)?.(message);
    });
  }

  /** Connects to the host of `appUrl` (`http://127.0.0.1:PORT/#token=…`). */
  static async connect(appUrl: string): Promise<IpcClient> {
    const url = new URL(appUrl);
    const token = new URLSearchParams(url.hash.slice(1)).get('token') ?? '';
    const socket = new WebSocket(`ws://${url.host}/ipc`, ['wb.v1', `wb.token.${token}`]);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return new IpcClient(socket);
  }

  async call<C extends Channel>(channel: C, payload: RequestOf<C>): Promise<ResponseOf<C>> {
    const id = this.nextId++;
    const reply = new Promise<WireMessage & { kind: 'reply' }>((resolve) => this.waiting.set(id, resolve));
    this.socket.send(JSON.stringify({ id, channel, payload }));
    const message = await reply;
    this.waiting.delete(id);
    if (!message.reply.ok)
      throw new Error(`${channel}: ${message.reply.error.code} ${message.reply.error.message}`);
    return message.reply.value as ResponseOf<C>;
  }

  close(): void {
    this.socket.close();
  }
}

// Playwright runs from the repository root (playwright.config.ts).
const examples = join(process.cwd(), 'examples');

/**
 * Saves the PackageBuilder examples as the CLI `run` command does (the child first; the parent's
 * `"definitionId": "package-build"` replaced with the id it got), with the parent's concurrency
 * set to `maxConcurrent`. Definitions already saved under the examples' names are reused: two
 * copies would compile to the same workflow type, which the app refuses while a run of one is
 * open. Returns the parent's id.
 */
export async function savePackageBuilder(ipc: IpcClient, maxConcurrent = 4): Promise<string> {
  const child = JSON.parse(readFileSync(join(examples, 'package-build.json'), 'utf8')) as Definition;
  const existing = await ipc.call('definitions.list', {});
  const byName = (name: string) => existing.find((d) => d.name === name);
  const childId = byName(child.name)?.id ?? (await ipc.call('definitions.save', { definition: child })).id;
  const text = readFileSync(join(examples, 'package-builder.json'), 'utf8').replaceAll(
    '"package-build"',
    JSON.stringify(childId),
  );
  const parent = JSON.parse(text) as Definition & {
    nodes: Array<{ kind: string; data: Record<string, unknown> }>;
  };
  for (const node of parent.nodes) if (node.kind === 'dynamicLoop') node.data.maxConcurrent = maxConcurrent;
  const saved = byName(parent.name);
  const root = await ipc.call('definitions.save', {
    definition: parent,
    ...(saved ? { id: saved.id, expectedVersion: saved.version } : {}),
  });
  return root.id;
}

type Definition = RequestOf<'definitions.save'>['definition'];

/** Starts a run of a saved definition. */
export function startRun(
  ipc: IpcClient,
  definitionId: string,
  input: Record<string, unknown> = {},
): Promise<RunRecord> {
  return ipc.call('runs.start', { definitionId, input });
}
