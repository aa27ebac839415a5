import { describe, expect, it } from 'vitest';
import { isErrorLine, parseAnsi } from '../../../src/renderer/src/lib/ansi';
import { EMPTY_LOG, allLines, appendLog } from '../../../src/renderer/src/lib/log-lines';

describe('parseAnsi', () => {
  it('turns SGR colours into class names and drops other escapes', () => {
    expect(parseAnsi('plain')).toEqual([{ text: 'plain', className: '' }]);
    expect(parseAnsi('\x1b[31mred\x1b[0m and \x1b[1;92mbold green\x1b[39m\x1b[2K')).toEqual([
      { text: 'red', className: 'ansi-fg-1' },
      { text: ' and ', className: '' },
      { text: 'bold green', className: 'ansi-fg-10 ansi-bold' },
    ]);
  });
  it('recognises error lines', () => {
    expect(isErrorLine('2026 build  FAILED: migration 042 failed')).toBe(true);
    expect(isErrorLine('npm ERR! code 1')).toBe(true);
    expect(isErrorLine('progress 40%')).toBe(false);
  });
});

describe('appendLog', () => {
  it('keeps an unfinished line until its newline comes', () => {
    let log = appendLog(EMPTY_LOG, 'a\nb');
    expect(log.lines).toEqual(['a']);
    expect(allLines(log)).toEqual(['a', 'b']);
    log = appendLog(log, 'c\r\nd\n');
    expect(allLines(log)).toEqual(['a', 'bc', 'd']);
  });
  it('100k lines append in well under a frame each', () => {
    let log = EMPTY_LOG;
    const chunk = Array.from({ length: 1000 }, (_, i) => `line ${i}`).join('\n') + '\n';
    const t0 = performance.now();
    for (let i = 0; i < 100; i++) log = appendLog(log, chunk);
    expect(log.lines).toHaveLength(100_000);
    expect((performance.now() - t0) / 100).toBeLessThan(16);
  });
});
