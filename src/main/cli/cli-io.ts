/** Where the CLI's commands print: stdout and stderr, or a test's collector. */
export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
}
