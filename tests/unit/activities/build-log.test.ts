// Tier: quick (unit). The bounded build log: past its cap the middle is dropped, the beginning and
// the most recent lines kept, and one line says how many bytes were left out; lines without end
// are cut into pieces; the output tail kept for the result is bounded in bytes.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BuildLog, ByteTail } from '../../../src/main/activities/build-log';
import { tempDir } from './helpers';

const PREFIX = 32; // "2025-01-01T00:00:00.000Z stdout " (time, stream, spaces)

describe('BuildLog cap', () => {
  it('keeps the head and the tail under the cap, with one marker counting the dropped bytes', async () => {
    const file = path.join(tempDir(), 'run', 'p.attempt-1.log');
    const cap = 4096;
    const log = await BuildLog.open(file, () => 0, { capBytes: cap, outputTailBytes: 256 });
    const line = (n: number): string => `out ${String(n).padStart(4, '0')} ${'y'.repeat(50)}`; // 59 bytes
    for (let n = 1; n <= 1000; n++) log.chunk('stdout', `${line(n)}\n`);
    await log.close();
    const text = fs.readFileSync(file, 'utf8');
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(cap);
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toContain('out 0001');
    expect(lines.at(-1)).toContain('out 1000');
    const marker = lines.findIndex((l) => l.includes('bytes omitted'));
    const n = (l: string | undefined): number => Number(/out (\d{4})/.exec(l ?? '')?.[1]);
    const dropped = n(lines[marker + 1]) - n(lines[marker - 1]) - 1;
    expect(lines[marker]).toContain(`… ${dropped * (PREFIX + 59 + 1)} bytes omitted`);
    expect(log.omittedBytes).toBe(dropped * (PREFIX + 59 + 1));
    // Every kept line is whole and in order.
    const numbers = lines.filter((l) => l.includes(' out ')).map(n);
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    // The result's tail: whole lines, at most 256 bytes, ending with the last.
    expect(Buffer.byteLength(log.outputEnd())).toBeLessThanOrEqual(256);
    expect(log.outputEnd().endsWith(line(1000))).toBe(true);
  });

  it('a retry appending to a full log keeps it bounded too', async () => {
    const file = path.join(tempDir(), 'p.log');
    for (let attempt = 0; attempt < 3; attempt++) {
      const log = await BuildLog.open(file, () => 0, { capBytes: 2048, outputTailBytes: 100 });
      log.line(`=== try ${attempt + 1}`);
      for (let n = 0; n < 200; n++) log.chunk('stderr', `noise ${n}\n`);
      await log.close();
      expect(fs.statSync(file).size).toBeLessThanOrEqual(2048);
    }
    expect(fs.readFileSync(file, 'utf8')).toContain('noise 199');
  });

  it('a line that never ends is written in 64 KiB pieces instead of growing in memory', async () => {
    const file = path.join(tempDir(), 'p.log');
    const log = await BuildLog.open(file, () => 0);
    log.chunk('stdout', 'z'.repeat(200 * 1024));
    expect(fs.readFileSync(file, 'utf8').split('\n').filter(Boolean)).toHaveLength(3); // written at once
    await log.close();
    expect(fs.readFileSync(file, 'utf8').split('\n').filter(Boolean)).toHaveLength(4); // the rest at close
  });
});

describe('ByteTail', () => {
  it('keeps the last lines within the byte budget, and the end of one overlong line', () => {
    const tail = new ByteTail(10);
    for (const l of ['aaa', 'bbb', 'ccc', 'ddd']) tail.push(l);
    expect(tail.text()).toBe('ccc\nddd');
    tail.push('0123456789abcdef');
    expect(tail.text()).toBe('6789abcdef');
  });
});
