import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { EventPayloadOf } from '../../../src/core/ipc';
import { events } from '../../../src/core/ipc/contract';
import { installLastResortHandler, LAST_RESORT_EXIT_CODE } from '../../../src/main/app/last-resort-handler';
import { EventBus } from '../../../src/main/ipc/event-bus';

function setup(maxPerMinute?: number) {
  const proc = new EventEmitter();
  const bus = new EventBus();
  const reported: Array<EventPayloadOf<'app.error'>> = [];
  bus.subscribe((event, payload) => {
    if (event === 'app.error') reported.push(payload as EventPayloadOf<'app.error'>);
  });
  const logs: string[] = [];
  const exits: number[] = [];
  let t = Date.parse('2026-01-01T00:00:00.000Z');
  const uninstall = installLastResortHandler({
    process: proc,
    report: (payload) => bus.publish('app.error', payload),
    log: (m) => logs.push(m),
    exit: (code) => exits.push(code),
    now: () => t,
    maxPerMinute,
  });
  return { proc, reported, logs, exits, uninstall, advance: (ms: number) => (t += ms) };
}

describe('last-resort handler', () => {
  it('logs an uncaught exception with its stack, reports it on the bus, and keeps running', () => {
    const { proc, reported, logs, exits } = setup();
    proc.emit('uncaughtException', new Error('boom in a callback'));
    expect(logs[0]).toMatch(/^\[uncaughtException\] Error: boom in a callback\n\s+at /);
    expect(reported).toEqual([
      { kind: 'uncaughtException', message: 'boom in a callback', at: '2026-01-01T00:00:00.000Z', fatal: false },
    ]);
    expect(events['app.error'].safeParse(reported[0]).success).toBe(true);
    expect(exits).toEqual([]);
  });

  it('reports an unhandled rejection, whatever its reason', () => {
    const { proc, reported } = setup();
    proc.emit('unhandledRejection', 'plain string reason');
    expect(reported[0]).toMatchObject({ kind: 'unhandledRejection', message: 'plain string reason', fatal: false });
  });

  it('stops the app once errors come faster than the limit, and only once', () => {
    const { proc, reported, exits, advance } = setup(3);
    for (let i = 0; i < 3; i++) proc.emit('uncaughtException', new Error(`e${i}`));
    expect(exits).toEqual([]);
    advance(61_000); // the old ones age out
    for (let i = 0; i < 3; i++) proc.emit('uncaughtException', new Error(`late${i}`));
    expect(exits).toEqual([]);
    proc.emit('uncaughtException', new Error('one too many'));
    proc.emit('uncaughtException', new Error('and another'));
    expect(exits).toEqual([LAST_RESORT_EXIT_CODE]);
    expect(reported.at(-2)).toMatchObject({ message: 'one too many', fatal: true });
  });

  it('survives a reporter that throws, and uninstalls', () => {
    const proc = new EventEmitter();
    const uninstall = installLastResortHandler({
      process: proc,
      report: () => {
        throw new Error('transport gone');
      },
      log: () => undefined,
      exit: () => undefined,
    });
    expect(() => proc.emit('uncaughtException', new Error('x'))).not.toThrow();
    uninstall();
    expect(proc.listenerCount('uncaughtException')).toBe(0);
    expect(proc.listenerCount('unhandledRejection')).toBe(0);
  });
});
