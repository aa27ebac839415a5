import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '../app/private-files';
import { LineTail } from './activity-support';

/** Where a log line came from. */
export type LogStream = 'build' | 'stdout' | 'stderr';

/**
 * A package's build log: an append-only text file, one timestamped line per output line
 * (`2025-01-01T12:00:00.000Z stdout  compiled 12 files`). Retries append to the same file, each
 * attempt starting with its own header line. Keeps the last output lines for error messages.
 */
export class BuildLog {
  private readonly partial: Record<LogStream, string> = { build: '', stdout: '', stderr: '' };
  private readonly outputTail = new LineTail(20);

  private constructor(
    readonly file: string,
    private readonly stream: WriteStream,
    private readonly now: () => number,
  ) {}

  static async open(file: string, now: () => number): Promise<BuildLog> {
    await mkdir(dirname(file), { recursive: true, mode: PRIVATE_DIR_MODE });
    const stream = createWriteStream(file, { flags: 'a', mode: PRIVATE_FILE_MODE });
    await new Promise<void>((resolve, reject) => {
      stream.once('open', () => resolve());
      stream.once('error', reject);
    });
    return new BuildLog(file, stream, now);
  }

  /** A whole message from the activity itself. */
  line(message: string): void {
    for (const line of message.split(/\r?\n/)) this.writeLine('build', line);
  }

  /** A chunk of a child process's output; incomplete lines wait for the next chunk or `close`. */
  chunk(stream: 'stdout' | 'stderr', data: Buffer | string): void {
    const text = this.partial[stream] + data.toString();
    const lines = text.split(/\r?\n/);
    this.partial[stream] = lines.pop() ?? '';
    for (const line of lines) this.writeLine(stream, line);
  }

  /** The last lines of the child's output (stdout and stderr interleaved). */
  tail(): string {
    return this.outputTail.text();
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
    this.flush();
    await new Promise<void>((resolve, reject) => {
      this.stream.end((error?: Error | null) => (error ? reject(error) : resolve()));
    });
  }

  private writeLine(stream: LogStream, line: string): void {
    if (stream !== 'build') this.outputTail.push(line);
    this.stream.write(`${new Date(this.now()).toISOString()} ${stream.padEnd(6)} ${line}\n`);
  }
}
