/**
 * Quick tier. Proves WorkerHost.prewarm (issue 12, CLI start-up): the process forked ahead is the
 * one start() sends its specs to (one launch, not two), the specs are read only at start (after the
 * bundle exists), stop() ends a warm process that never started, and a warm process that died is
 * not used. Fake processes: this is about the host's bookkeeping, not Temporal.
 */
import { describe, expect, it } from 'vitest';
import type { WorkerProcessHandle } from '../../../src/main/worker-host/launch-worker-process';
import { WorkerHost } from '../../../src/main/worker-host/worker-host';
import type { HostToWorker, WorkerToHost } from '../../../src/main/worker-host/worker-protocol';

interface FakeProcess extends WorkerProcessHandle {
  sent: HostToWorker[];
  killed: boolean;
  exit(code: number | null): void;
}

function fakeProcess(): FakeProcess {
  const messages: ((m: WorkerToHost) => void)[] = [];
  const exits: ((code: number | null) => void)[] = [];
  const fake: FakeProcess = {
    pid: 1,
    sent: [],
    killed: false,
    send(message) {
      fake.sent.push(message);
      if (message.type === 'start')
        queueMicrotask(() => messages.forEach((l) => l({ type: 'ready', taskQueues: [] })));
      if (message.type === 'shutdown') queueMicrotask(() => fake.exit(0));
    },
    onMessage: (l) => void messages.push(l),
    onExit: (l) => void exits.push(l),
    onOutput: () => undefined,
    kill() {
      fake.killed = true;
      queueMicrotask(() => fake.exit(null));
    },
    exit: (code) => exits.forEach((l) => l(code)),
  };
  return fake;
}

function host(): { host: WorkerHost; launched: FakeProcess[]; specReads: () => number } {
  const launched: FakeProcess[] = [];
  let reads = 0;
  const h = new WorkerHost({
    connection: () => ({ address: 'x:1', namespace: 'default' }),
    workers: () => {
      reads += 1;
      return [{ taskQueue: 'q', workflowBundlePath: '/b.js' }];
    },
    launch: () => {
      const p = fakeProcess();
      launched.push(p);
      return p;
    },
  });
  return { host: h, launched, specReads: () => reads };
}

describe('WorkerHost.prewarm', () => {
  it('starts the warm process instead of launching another; specs are read at start', async () => {
    const { host: h, launched, specReads } = host();
    h.prewarm();
    h.prewarm();
    expect(launched).toHaveLength(1);
    expect(specReads()).toBe(0);
    await h.start();
    expect(launched).toHaveLength(1);
    expect(launched[0]!.sent.map((m) => m.type)).toEqual(['start']);
    expect(specReads()).toBe(1);
    expect(h.state).toBe('ready');
    await h.stop();
  });

  it('stop() ends a warm process that never started', async () => {
    const { host: h, launched } = host();
    h.prewarm();
    await h.stop();
    expect(launched[0]!.killed).toBe(true);
    await h.start();
    expect(launched).toHaveLength(2);
    await h.stop();
  });

  it('does not use a warm process that died', async () => {
    const { host: h, launched } = host();
    h.prewarm();
    launched[0]!.exit(1);
    await h.start();
    expect(launched).toHaveLength(2);
    expect(launched[0]!.sent).toEqual([]);
    await h.stop();
  });
});
