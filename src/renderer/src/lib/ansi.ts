/**
 * ANSI SGR colours of build output, as segments with class names (never inline styles or
 * injected CSS): `ansi-fg-1` … `ansi-fg-15`, `ansi-bold`. Other escape sequences are dropped.
 */
export interface AnsiSegment {
  text: string;
  className: string;
}

// eslint-disable-next-line no-control-regex -- matching the escape character is the point
const ESCAPE = /\x1b\[([0-9;]*)([A-Za-z])/g;

/** Splits a line into coloured segments. */
export function parseAnsi(line: string): AnsiSegment[] {
  const segments: AnsiSegment[] = [];
  let fg: number | null = null;
  let bold = false;
  let last = 0;
  const push = (text: string) => {
    if (!text) return;
    const className = [fg !== null ? `ansi-fg-${fg}` : '', bold ? 'ansi-bold' : ''].filter(Boolean).join(' ');
    segments.push({ text, className });
  };
  for (const match of line.matchAll(ESCAPE)) {
    push(line.slice(last, match.index));
    last = match.index + match[0].length;
    if (match[2] !== 'm') continue;
    const codes = match[1] === '' ? [0] : match[1]!.split(';').map(Number);
    for (const code of codes) {
      if (code === 0) {
        fg = null;
        bold = false;
      } else if (code === 1) bold = true;
      else if (code === 22) bold = false;
      else if (code === 39) fg = null;
      else if (code >= 30 && code <= 37) fg = code - 30;
      else if (code >= 90 && code <= 97) fg = code - 90 + 8;
    }
  }
  push(line.slice(last));
  return segments;
}

/** True for a line that reports an error (the log's FAILED marker, or the word error). */
export function isErrorLine(line: string): boolean {
  return /\bFAILED\b|\berror\b|\bERR!/i.test(line);
}
