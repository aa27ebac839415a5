import { closeSync, fstatSync, ftruncateSync, openSync, readSync, writeSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '../app/private-files';
import { LineTail } from './activity-support';

/** Where a log line came from. */
export type LogStream = 'build' | 'stdout' | 'stderr';

/** How big a build log and the output a result carries may grow. */
export interface BuildLogLimits {
  /**
   * Most bytes of the log file. Past it the middle is dropped: the first half stays (how the build
   * began), then a line saying how many bytes were left out, then the most recent output.
   */
  capBytes: number;
  /** Most bytes of output kept for the result (`output`). */
  outputTailBytes: number;
}

export const DEFAULT_LOG_LIMITS: BuildLogLimits = { capBytes: 16 * 1024 * 1024, outputTailBytes: 64 * 1024 };

/** A line longer than this (a program printing without newlines) is written in pieces. */
const MAX_PENDING_LINE = 64 * 1024;

/**
 * A package's build log: an append-only text file, one timestamped line per output line
 * (`2025-01-01T12:00:00.000Z stdout  compiled 12 files`), written as the output arrives (the
 * dashboard tails it). One file per package per attempt; Temporal's retries of an attempt append,
 * each under its own header line. Bounded by `capBytes` (see BuildLogLimits), so a runaway build
 * cannot fill the disk. Keeps the last output lines for error messages and the last
 * `outputTailBytes` of output for the result.
 */
export class BuildLog {
  private readonly partial: Record<LogStream, string> = { build: '', stdout: '', stderr: '' };
  private readonly errorTail = new LineTail(20);
  private readonly outputTail: ByteTail;
  /** End of the kept beginning of the file, once the file has grown past half the cap. */
  private headEnd: number | undefined;
  /** Length of the "bytes omitted" line right after the head, once there is one. */
  private markerBytes = 0;
  /** Output bytes dropped so far. */
  private omitted = 0;
  private closed = false;

  private constructor(
    readonly file: string,
    private readonly fd: number,
    private size: number,
    private readonly now: () => number,
    private readonly limits: BuildLogLimits,
  ) {
    this.outputTail = new ByteTail(limits.outputTailBytes);
    if (size > this.halfCap()) this.headEnd = lineBoundaryBefore(fd, this.halfCap());
  }

  static async open(
    file: string,
    now: () => number,
    limits: BuildLogLimits = DEFAULT_LOG_LIMITS,
  ): Promise<BuildLog> {
    if (!(limits.capBytes >= 1024))
      throw new RangeError(`a log cap of ${limits.capBytes} bytes is too small`);
    await mkdir(dirname(file), { recursive: true, mode: PRIVATE_DIR_MODE });
    // Appending: a retry of the same attempt continues the file. Synchronous writes keep the file
    // exactly as the log says (no buffered tail lost if the worker dies) and let compaction
    // truncate it safely.
    const fd = openSync(file, 'a+', PRIVATE_FILE_MODE);
    return new BuildLog(file, fd, fstatSync(fd).size, now, limits);
  }

  /** A whole message from the activity itself. */
  line(message: string): void {
    for (const line of message.split(/\r?\n/)) this.writeLine('build', line);
  }

  /** A chunk of a child process's output; incomplete lines wait for the next chunk or `close`. */
  chunk(stream: 'stdout' | 'stderr', data: Buffer | string): void {
    const text = this.partial[stream] + data.toString();
    const lines = text.split(/\r?\n/);
    let rest = lines.pop() ?? '';
    for (const line of lines) this.writeLine(stream, line);
    while (rest.length > MAX_PENDING_LINE) {
      this.writeLine(stream, rest.slice(0, MAX_PENDING_LINE));
      rest = rest.slice(MAX_PENDING_LINE);
    }
    this.partial[stream] = rest;
  }

  /** The last lines of the child's output (stdout and stderr interleaved), for error messages. */
  tail(): string {
    return this.errorTail.text();
  }

  /** The last `outputTailBytes` of the child's output (whole lines). */
  outputEnd(): string {
    return this.outputTail.text();
  }

  /** Bytes of output dropped from the middle of the file so far. */
  get omittedBytes(): number {
    return this.omitted;
  }

  /** Writes the output's pending incomplete lines (the process has ended). */
  flush(): void {
    for (const stream of ['stdout', 'stderr'] as const) {
      if (this.partial[stream] !== '') this.writeLine(stream, this.partial[stream]);
      this.partial[stream] = '';
    }
  }

  /** Flushes pending partial lines and closes the file. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.flush();
    this.closed = true;
    closeSync(this.fd);
  }

  private halfCap(): number {
    return Math.floor(this.limits.capBytes / 2);
  }

  private writeLine(stream: LogStream, line: string): void {
    if (this.closed) return;
    if (stream !== 'build') {
      this.errorTail.push(line);
      this.outputTail.push(line);
    }
    this.append(Buffer.from(this.format(stream, line)));
  }

  private format(stream: LogStream, line: string): string {
    return `${new Date(this.now()).toISOString()} ${stream.padEnd(6)} ${line}\n`;
  }

  private append(bytes: Buffer): void {
    // The head ends at a line boundary: where the file was before the line that passes half the cap.
    if (this.headEnd === undefined && this.size + bytes.length > this.halfCap()) this.headEnd = this.size;
    writeSync(this.fd, bytes);
    this.size += bytes.length;
    if (this.size > this.limits.capBytes) this.compact();
  }

  /**
   * Drops the middle: keeps the head, then one line saying how much is left out, then the last
   * quarter of the cap (from a line start). Runs once per quarter cap of output, so the copying
   * costs about as much as writing.
   */
  private compact(): void {
    const head = this.headEnd ?? 0;
    const keep = Math.floor(this.limits.capBytes / 4);
    const from = Math.max(head + this.markerBytes, this.size - keep);
    const tail = Buffer.alloc(this.size - from);
    readSync(this.fd, tail, 0, tail.length, from);
    const newline = tail.indexOf(0x0a);
    const kept = newline >= 0 && newline < tail.length - 1 ? tail.subarray(newline + 1) : tail;
    this.omitted += this.size - head - this.markerBytes - kept.length;
    const marker = Buffer.from(
      this.format(
        'build',
        `… ${this.omitted} bytes omitted (the log is capped at ${this.limits.capBytes} bytes: its beginning and its end are kept) …`,
      ),
    );
    ftruncateSync(this.fd, head);
    writeSync(this.fd, marker);
    writeSync(this.fd, kept);
    this.markerBytes = marker.length;
    this.size = head + marker.length + kept.length;
  }
}

/** The last `max` bytes of lines pushed into it (whole lines; a longer single line is cut at its start). */
export class ByteTail {
  private readonly lines: string[] = [];
  private bytes = 0;
  constructor(private readonly max: number) {}

  push(line: string): void {
    const size = Buffer.byteLength(line) + 1;
    this.lines.push(line);
    this.bytes += size;
    while (this.bytes > this.max && this.lines.length > 1) {
      this.bytes -= Buffer.byteLength(this.lines.shift() as string) + 1;
    }
  }

  text(): string {
    const text = this.lines.join('\n');
    if (Buffer.byteLength(text) <= this.max) return text;
    // One line longer than the whole budget: keep its end.
    const buffer = Buffer.from(text);
    return buffer
      .subarray(buffer.length - this.max)
      .toString('utf8')
      .replace(/^\uFFFD+/, '');
  }
}

/** Offset just after the last newline at or before `limit` in the file (0 when there is none). */
function lineBoundaryBefore(fd: number, limit: number): number {
  const buffer = Buffer.alloc(limit);
  const read = readSync(fd, buffer, 0, limit, 0);
  const newline = buffer.subarray(0, read).lastIndexOf(0x0a);
  return newline + 1;
}
