import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EventBus } from '../../../src/main/ipc/event-bus';
import { LogTailer } from '../../../src/main/log-tail/log-tailer';
import { tempDir } from '../store/helpers';

describe('LogTailer', () => {
  let tailer: LogTailer | undefined;
  afterEach(() => tailer?.close());

  function setup(initialBytes?: number) {
    const logsDir = tempDir();
    const bus = new EventBus();
    const chunks: Array<{ followId: string; offset: number; text: string }> = [];
    bus.subscribe((event, payload) => {
      if (event === 'logs.chunk') chunks.push(payload as (typeof chunks)[number]);
    });
    tailer = new LogTailer({ logsDir, bus, intervalMs: 20, initialBytes });
    return { logsDir, chunks, tailer };
  }

  it('follows a log that does not exist yet, then sends only appended bytes', async () => {
    const { chunks, tailer } = setup();
    const start = await tailer.follow('run-1', '@acme/db');
    expect(start).toMatchObject({ text: '', offset: 0, exists: false, skippedBytes: 0 });
    const file = tailer.pathOf('run-1', '@acme/db');
    expect(file.endsWith(join('run-1', '@acme__db.attempt-1.log'))).toBe(true);
    expect(tailer.pathOf('run-1', '@acme/db', 2).endsWith(join('run-1', '@acme__db.attempt-2.log'))).toBe(
      true,
    );
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, 'line 1\n');
    await expect.poll(() => chunks.map((c) => c.text).join(''), { timeout: 5000 }).toBe('line 1\n');
    // A multi-byte character split across two writes arrives whole.
    const euro = Buffer.from('€');
    appendFileSync(file, Buffer.concat([Buffer.from('cost 5'), euro.subarray(0, 1)]));
    await expect.poll(() => chunks.length, { timeout: 5000 }).toBeGreaterThanOrEqual(2);
    appendFileSync(file, Buffer.concat([euro.subarray(1), Buffer.from('\n')]));
    await expect.poll(() => chunks.map((c) => c.text).join(''), { timeout: 5000 }).toBe('line 1\ncost 5€\n');
    expect(chunks[0]!.offset).toBe(0);
    expect(chunks[1]!.offset).toBe(7); // each chunk starts where the previous one ended
    expect(chunks.every((c) => c.followId === start.followId)).toBe(true);
  });

  it('answers the end of a long log at once, and stops on unfollow', async () => {
    const { chunks, tailer } = setup(10);
    const file = tailer.pathOf('run-2', 'pkg');
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, '0123456789abcdefghij');
    const start = await tailer.follow('run-2', 'pkg');
    expect(start).toMatchObject({ text: 'abcdefghij', skippedBytes: 10, offset: 20, exists: true });
    expect(tailer.unfollow(start.followId)).toBe(true);
    expect(tailer.unfollow(start.followId)).toBe(false);
    appendFileSync(file, 'more');
    await new Promise((r) => setTimeout(r, 150));
    expect(chunks).toEqual([]);
  });

  it('goes on after what it sent when a capped log drops its middle, with offsets that keep growing', async () => {
    const { chunks, tailer } = setup();
    const file = tailer.pathOf('run-3', 'pkg');
    mkdirSync(dirname(file), { recursive: true });
    const middle = 'middle\n'.repeat(300); // 2100 bytes
    const end = Array.from({ length: 60 }, (_, i) => `tail ${String(i).padStart(2, '0')}\n`).join(''); // 480 bytes
    writeFileSync(file, `head\n${middle}${end}`);
    const start = await tailer.follow('run-3', 'pkg');
    expect(start.offset).toBe(5 + 2100 + 480);
    // As BuildLog compacts: the middle replaced by a shorter marker, the end kept, then more output.
    const marker =
      '… 2100 bytes omitted (the log is capped at 2000 bytes: its beginning and its end are kept) …\n';
    writeFileSync(file, `head\n${marker}${end}`);
    appendFileSync(file, 'next\n');
    await expect.poll(() => chunks.map((c) => c.text).join(''), { timeout: 5000 }).toBe('next\n');
    expect(chunks[0]!.offset).toBe(start.offset); // where the viewer's text ended, not the file's offset
  });

  it('after a shrink that dropped what it sent too, goes on at the line saying what was omitted', async () => {
    const { chunks, tailer } = setup();
    const file = tailer.pathOf('run-4', 'pkg');
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `head\n${'seen\n'.repeat(100)}`);
    const start = await tailer.follow('run-4', 'pkg');
    const marker =
      '… 900 bytes omitted (the log is capped at 64 bytes: its beginning and its end are kept) …\n';
    writeFileSync(file, `head\n${marker}later\n`);
    await expect.poll(() => chunks.map((c) => c.text).join(''), { timeout: 5000 }).toBe(`${marker}later\n`);
    expect(chunks[0]!.offset).toBe(start.offset);
  });
});
