import { useState } from 'react';
import type { ServerStatus } from '../../../../core/ipc/contract';
import { inspectWorkflow } from '../../lib/temporal-links';

/**
 * A workflow in Temporal's own tools: a link into the external cluster's Web UI when Settings has
 * its address, else the `temporal workflow show` command to copy (the embedded server has no Web
 * UI: it runs headless, see docs/security.md).
 */
export function TemporalInspect({ server, workflowId }: { server: ServerStatus | null; workflowId: string }) {
  const [copied, setCopied] = useState(false);
  const link = inspectWorkflow(server, workflowId);
  if (link.kind === 'none') return null;
  if (link.kind === 'web-ui') {
    return (
      <a href={link.url} target="_blank" rel="noreferrer noopener" data-testid="web-ui-link">
        Open in Temporal Web UI ↗
      </a>
    );
  }
  const copy = () => {
    void navigator.clipboard
      ?.writeText(link.command)
      .then(() => setCopied(true))
      .catch(() => undefined);
  };
  return (
    <span className="temporal-inspect">
      <code className="temporal-inspect__command" data-testid="cli-command">
        {link.command}
      </code>{' '}
      <button type="button" className="button button--ghost button--small" onClick={copy}>
        {copied ? 'Copied' : 'Copy'}
      </button>
    </span>
  );
}
