import { open, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { buildLogRelativePath } from '../../core/activities/log-paths';
import type { EventBus } from '../ipc/event-bus';

/**
 * Live tails of build logs for the run page: a follow reads the file once (its last
 * `initialBytes`), then only the bytes appended since, pushed as `logs.chunk` events. The file
 * is written by the buildPackage activity at `<logs>/<runId>/<package>.attempt-<n>.log` (it may not exist
 * before the package starts); its size is checked with a stat every `intervalMs`, never re-read.
 */
export interface LogTailerOptions {
  /** The folder the activities write logs under (`<data dir>/logs`). */
  logsDir: string;
  bus: EventBus;
  /** @default 250 */
  intervalMs?: number;
  /** How much of an existing file the first answer holds. @default 1 MiB */
  initialBytes?: number;
  /** Most follows at once; the oldest stops when a new one would exceed it. @default 16 */
  maxFollows?: number;
}

interface Follow {
  id: string;
  file: string;
  /** Where the next read starts in the file. */
  offset: number;
  /**
   * Stream offset minus file offset. A capped build log drops its middle (build-log.ts) and so
   * shrinks; the follow then goes on right after the last bytes it sent (found again in the
   * kept end), and the offsets it publishes keep growing, so the viewer's ordering holds.
   */
  shift: number;
  /** The last bytes sent (up to RECENT_BYTES), to find the place again after a shrink. */
  recent: Buffer;
  decoder: StringDecoder;
  reading: boolean;
  /**
   * Our own stat every `intervalMs` (not fs.watchFile: its first stat runs after watchFile()
   * returns, so a log created in between became its baseline and was never reported).
   */
  timer: NodeJS.Timeout;
}

/** The first answer of a follow. */
export interface LogFollowStart {
  followId: string;
  text: string;
  /** Bytes of the file before `text` that were left out (a long log). */
  skippedBytes: number;
  /** File offset after `text`: chunks continue from here. */
  offset: number;
  exists: boolean;
}

const MAX_CHUNK = 1 << 20;
const RECENT_BYTES = 4096;
const NEEDLE_BYTES = 256;
/** What the line BuildLog writes in place of the dropped middle contains. */
const OMITTED_MARKER = Buffer.from('bytes omitted (the log is capped');
/** How far back from a shrunk file's end its kept part is searched (above the default log cap). */
const MAX_RESUME_SEARCH = 32 << 20;

/**
 * Where to go on in a file that shrank (a capped log dropped its middle, keeping its end): right
 * after the last occurrence of the bytes sent last (their last NEEDLE_BYTES, timestamped lines,
 * so unique in practice); when those were dropped too (the viewer lagged behind a runaway build),
 * at the line saying what was omitted; at the start when neither is there (the file was replaced).
 */
async function resumeAfterShrink(file: string, size: number, recent: Buffer): Promise<number> {
  const from = Math.max(0, size - MAX_RESUME_SEARCH);
  const text = await readRange(file, from, size);
  const needle = recent.subarray(-NEEDLE_BYTES);
  const at = needle.length > 0 ? text.lastIndexOf(needle) : -1;
  if (at >= 0) return from + at + needle.length;
  const marker = text.lastIndexOf(OMITTED_MARKER);
  if (marker >= 0) return from + text.lastIndexOf(0x0a, marker) + 1;
  return 0;
}

export class LogTailer {
  private readonly follows = new Map<string, Follow>();
  private next = 1;

  constructor(private readonly options: LogTailerOptions) {}

  /** Path of a package's log of one attempt (names made safe by the same function the activity uses). */
  pathOf(workflowId: string, packageName: string, attempt = 1): string {
    return join(this.options.logsDir, ...buildLogRelativePath(workflowId, packageName, attempt).split('/'));
  }

  async follow(workflowId: string, packageName: string, attempt = 1): Promise<LogFollowStart> {
    const file = this.pathOf(workflowId, packageName, attempt);
    const size = await stat(file).then(
      (s) => s.size,
      () => -1,
    );
    const initial = this.options.initialBytes ?? 1 << 20;
    const from = Math.max(0, size - initial);
    const decoder = new StringDecoder('utf8');
    const text = size > 0 ? decoder.write(await readRange(file, from, size)) : '';
    const id = `log-${this.next++}`;
    const f: Follow = {
      id,
      file,
      offset: Math.max(0, size),
      shift: 0,
      recent: size > 0 ? await readRange(file, Math.max(0, size - RECENT_BYTES), size) : Buffer.alloc(0),
      decoder,
      reading: false,
      timer: setInterval(() => void this.pump(f), this.options.intervalMs ?? 250),
    };
    f.timer.unref();
    this.follows.set(id, f);
    while (this.follows.size > (this.options.maxFollows ?? 16))
      this.unfollow(this.follows.keys().next().value!);
    return { followId: id, text, skippedBytes: from, offset: f.offset, exists: size >= 0 };
  }

  /** Stops a follow; false when it was not running. */
  unfollow(followId: string): boolean {
    const f = this.follows.get(followId);
    if (!f) return false;
    clearInterval(f.timer);
    this.follows.delete(followId);
    return true;
  }

  /** Stops every follow (app shutdown). */
  close(): void {
    for (const id of [...this.follows.keys()]) this.unfollow(id);
  }

  /** Reads what was appended since the last read and publishes it. */
  private async pump(f: Follow): Promise<void> {
    if (f.reading) return;
    f.reading = true;
    try {
      for (;;) {
        if (!this.follows.has(f.id)) return;
        const size = await stat(f.file).then(
          (s) => s.size,
          () => -1,
        );
        if (size >= 0 && size < f.offset) {
          const resume = await resumeAfterShrink(f.file, size, f.recent);
          f.shift += f.offset - resume;
          f.offset = resume;
        }
        if (size <= f.offset) return;
        const end = Math.min(size, f.offset + MAX_CHUNK);
        const start = f.offset;
        const bytes = await readRange(f.file, start, end);
        const text = f.decoder.write(bytes);
        f.offset = end;
        f.recent = Buffer.concat([f.recent, bytes]).subarray(-RECENT_BYTES);
        if (text) this.options.bus.publish('logs.chunk', { followId: f.id, offset: start + f.shift, text });
      }
    } catch {
      // The file vanished between stat and read: the next change tries again.
    } finally {
      f.reading = false;
    }
  }
}

async function readRange(file: string, start: number, end: number): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(end - start);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, start);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
