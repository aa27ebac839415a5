import { closeSync, fchmodSync, openSync, readSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';

import { PRIVATE_FILE_MODE } from '../app/private-files';

/**
 * The dev server's stdout/stderr go straight to a file descriptor (not a pipe): the server keeps
 * logging if the app dies (a Go program dies of SIGPIPE when its stdout pipe breaks), and no log
 * volume can ever back-pressure the app's event loop.
 *
 * Because the child holds the descriptor, the file is rotated at each (re)start rather than while
 * running: when it exceeds `maxBytes` it becomes `<log>.1` (replacing the previous one). At the
 * default warn level a server writes a few KB per day, so one generation is plenty.
 */
export interface OpenedServerLog {
  /** Descriptor to hand to the child; close it in the parent once spawned. */
  fd: number;
  /** Size of the file when opened: what this run writes starts here. */
  offset: number;
}

export function openServerLog(logPath: string, maxBytes: number, header: string): OpenedServerLog {
  const size = fileSize(logPath);
  if (size > maxBytes) {
    rmSync(`${logPath}.1`, { force: true });
    renameSync(logPath, `${logPath}.1`);
  }
  const fd = openSync(logPath, 'a', PRIVATE_FILE_MODE);
  fchmodSync(fd, PRIVATE_FILE_MODE); // a log written by an older version, or under another umask
  writeSync(fd, `\n=== ${new Date().toISOString()} ${header}\n`);
  return { fd, offset: fileSize(logPath) };
}

/** What the server wrote since `offset`, at most the last `maxBytes`. */
export function readServerLogSince(logPath: string, offset: number, maxBytes = 16 * 1024): string {
  const size = fileSize(logPath);
  if (size <= offset) return '';
  const start = Math.max(offset, size - maxBytes);
  const buffer = Buffer.alloc(size - start);
  const fd = openSync(logPath, 'r');
  try {
    readSync(fd, buffer, 0, buffer.length, start);
  } finally {
    closeSync(fd);
  }
  return buffer.toString('utf8');
}

/**
 * The most telling line of a run's output: the last ERROR/FATAL message of the JSON log, else the
 * last non-empty line. Used to say why the server exited, in the status message.
 */
export function lastServerError(output: string): string | undefined {
  const lines = output
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('==='));
  for (let index = lines.length - 1; index >= 0; index--) {
    const line = lines[index] ?? '';
    if (!line.startsWith('{')) continue;
    try {
      const entry = JSON.parse(line) as { level?: string; msg?: string; error?: string };
      if (
        entry.level === 'ERROR' ||
        entry.level === 'FATAL' ||
        entry.level === 'PANIC' ||
        entry.level === 'DPANIC'
      ) {
        return entry.error && entry.msg && !entry.msg.includes(entry.error)
          ? `${entry.msg}: ${entry.error}`
          : (entry.msg ?? line);
      }
    } catch {
      // not JSON: handled below
    }
  }
  // Go panics and flag errors are plain text; the startup banner (`Server:  localhost:7233`…) is not news.
  const plain = lines.filter((line) => !line.startsWith('{') && !BANNER_LINE.test(line));
  return plain.at(-1);
}

const BANNER_LINE = /^(CLI |Server:|HTTP:|UI:|Metrics:|Stopping server)/;

/** `listen tcp 127.0.0.1:7233: bind: address already in use` → 7233. */
export function portInUseFromOutput(output: string): number | undefined {
  const match = /listen tcp [^\s]*:(\d+): bind: address already in use/.exec(output);
  return match ? Number(match[1]) : undefined;
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}
