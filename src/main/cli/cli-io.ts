/** Where the CLI's commands print: stdout and stderr, or a test's collector. */
export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  /**
   * Set when stdout is a terminal: raw writes, so progress can redraw one status line in place.
   * Absent (CI logs, pipes, tests): commands print plain lines only.
   */
  tty?: { write: (text: string) => void; columns?: () => number | undefined };
}

/**
 * A command's arguments as `parse` (node's parseArgs) reads them, or undefined after printing the
 * mistake with the command's usage (the command then exits 2).
 */
export function parseOrShowUsage<T>(io: CliIo, usage: string, parse: () => T): T | undefined {
  try {
    return parse();
  } catch (error) {
    io.err(`${(error as Error).message}\n\n${usage}`);
    return undefined;
  }
}
