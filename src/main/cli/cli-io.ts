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
