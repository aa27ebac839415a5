import type { ServerStatus } from '../../../core/ipc/contract';

/**
 * Where a user can inspect a workflow in Temporal's own tools. The embedded dev server runs
 * `--headless` (its Web UI would answer any web page, see docs/security.md), so for it — and for an
 * external cluster without a configured Web UI address — the answer is the `temporal` CLI command
 * that shows the workflow's history; for an external cluster with `webUiUrl`, a real link.
 */
export type TemporalInspectLink =
  { kind: 'web-ui'; url: string } | { kind: 'cli'; command: string } | { kind: 'none' };

/** `<base>/namespaces/<ns>/workflows/<id>` or the `temporal workflow show` command. */
export function inspectWorkflow(
  server: ServerStatus | null | undefined,
  workflowId: string,
): TemporalInspectLink {
  if (!server) return { kind: 'none' };
  if (server.mode === 'external' && server.uiUrl) {
    const base = server.uiUrl.replace(/\/+$/, '');
    return {
      kind: 'web-ui',
      url: `${base}/namespaces/${encodeURIComponent(server.namespace)}/workflows/${encodeURIComponent(workflowId)}`,
    };
  }
  if (!server.address) return { kind: 'none' };
  const parts = [
    'temporal workflow show',
    `--workflow-id ${shellQuote(workflowId)}`,
    `--address ${shellQuote(server.address)}`,
    `--namespace ${shellQuote(server.namespace)}`,
  ];
  return { kind: 'cli', command: parts.join(' ') };
}

/** A POSIX shell word: bare when it is plainly safe, else single-quoted. */
export function shellQuote(word: string): string {
  if (/^[A-Za-z0-9_./:@-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}
