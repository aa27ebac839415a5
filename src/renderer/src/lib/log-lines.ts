/**
 * A growing log as lines: chunks are appended without re-splitting what came before (only the
 * unfinished last line is joined with the next chunk). 100k lines are a plain array.
 */
export interface LogLines {
  lines: string[];
  /** The last line, not ended by a newline yet. */
  partial: string;
}

export const EMPTY_LOG: LogLines = { lines: [], partial: '' };

/** The log with `text` appended (a new object; the old lines array is copied once per chunk). */
export function appendLog(log: LogLines, text: string): LogLines {
  const parts = (log.partial + text).split(/\r?\n/);
  const partial = parts.pop() ?? '';
  return { lines: parts.length > 0 ? log.lines.concat(parts) : log.lines, partial };
}

/** Every line, the unfinished one included. */
export function allLines(log: LogLines): string[] {
  return log.partial ? [...log.lines, log.partial] : log.lines;
}
