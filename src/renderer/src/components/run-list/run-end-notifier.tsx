import { useEffect, useState } from 'react';
import { useApi } from '../../api/api-context';
import { call } from '../../api/calls';
import { hashOf, navigate } from '../../lib/hash-route';
import { RunEndTracker } from '../../lib/run-end';

/** How long an in-app notice stays. */
const NOTICE_MS = 8000;

/**
 * Says when a run ends: a desktop notification in the Electron app (when the OS allows it), an
 * in-app notice in browser mode (a page cannot rely on notification permission there).
 */
export function RunEndNotifier() {
  const api = useApi();
  const [notices, setNotices] = useState<Array<{ id: number; text: string; workflowId: string }>>([]);

  useEffect(() => {
    const tracker = new RunEndTracker();
    let next = 1;
    // Runs already running when the app (re)loads end "now" too.
    call(api, 'runs.list', { limit: 500 })
      .then((items) => items.filter((r) => r.status === 'running').forEach((r) => tracker.update(r)))
      .catch(() => undefined);
    const desktop =
      document.documentElement.dataset.transport === 'electron' && typeof Notification !== 'undefined';
    // Electron grants only this permission (src/main/electron/main.ts); asked once, up front.
    if (desktop && Notification.permission === 'default')
      void Notification.requestPermission().catch(() => undefined);
    return api.on('runs.changed', (record) => {
      const text = tracker.update(record);
      if (!text) return;
      // Desktop: a system notification when the OS lets the app show one; else, as in browser
      // mode, the in-app notice (a run end is never silently dropped).
      if (desktop && Notification.permission === 'granted') {
        const notification = new Notification('Run ended', { body: text });
        notification.onclick = () => {
          window.focus();
          navigate({ page: 'run', workflowId: record.workflowId });
        };
        return;
      }
      const id = next++;
      setNotices((list) => [...list, { id, text, workflowId: record.workflowId }]);
      setTimeout(() => setNotices((list) => list.filter((n) => n.id !== id)), NOTICE_MS);
    });
  }, [api]);

  if (notices.length === 0) return null;
  return (
    <div className="run-notices" role="status" aria-live="polite">
      {notices.map((n) => (
        <a
          key={n.id}
          className="run-notice"
          href={hashOf({ page: 'run', workflowId: n.workflowId })}
          data-testid="run-end-notice"
        >
          Run ended — {n.text}
        </a>
      ))}
    </div>
  );
}
