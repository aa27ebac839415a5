/** Messages between the BundleCache (main) and the short-lived bundler process. */
export interface BundleRequest {
  type: 'bundle';
  /** The generated project's workflows.ts. */
  workflowsPath: string;
  /** Where to write the bundle (written to `<outFile>.tmp-*` first, then renamed). */
  outFile: string;
}

export type BundleReply =
  { type: 'done'; bytes: number; durationMs: number } | { type: 'failed'; message: string };
