import { useEffect, useMemo, useRef, useState } from 'react';
import { useApi } from '../../api/api-context';
import { call, errorMessage } from '../../api/calls';
import { isErrorLine, parseAnsi } from '../../lib/ansi';
import { EMPTY_LOG, allLines, appendLog, type LogLines } from '../../lib/log-lines';
import { VirtualRows, type VirtualRowsHandle } from '../run-list/virtual-rows';

const LINE_HEIGHT = 18;
const HEIGHT = 260;

/**
 * The live tail of one package's build log: main sends the end of the file once, then only what
 * is appended (logs.chunk events). Virtualised; follow mode; jump to the first error; failed
 * lines only; ANSI colours.
 */
export function LogTail({
  workflowId,
  packageName,
  attempt = 1,
}: {
  workflowId: string;
  packageName: string;
  /** Which attempt's log (each attempt of a package has its own file). */
  attempt?: number;
}) {
  const api = useApi();
  const [log, setLog] = useState<LogLines>(EMPTY_LOG);
  const [skipped, setSkipped] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [follow, setFollow] = useState(true);
  const [errorsOnly, setErrorsOnly] = useState(false);
  const rows = useRef<VirtualRowsHandle>(null);

  useEffect(() => {
    let followId: string | null = null;
    let stopped = false;
    const early: Array<{ followId: string; offset: number; text: string }> = [];
    // A new package or run mounts a new LogTail (keyed by the caller): state starts empty.
    let offset = -1;
    const off = api.on('logs.chunk', (chunk) => {
      if (followId === null) early.push(chunk);
      else if (chunk.followId === followId && chunk.offset >= offset) {
        offset = chunk.offset + 1;
        setLog((l) => appendLog(l, chunk.text));
      }
    });
    call(api, 'logs.follow', { workflowId, packageName, attempt })
      .then((start) => {
        if (stopped) {
          void call(api, 'logs.unfollow', { followId: start.followId });
          return;
        }
        followId = start.followId;
        offset = start.offset;
        setSkipped(start.skippedBytes);
        let next = appendLog(EMPTY_LOG, start.text);
        for (const chunk of early)
          if (chunk.followId === followId && chunk.offset >= start.offset) next = appendLog(next, chunk.text);
        setLog(next);
      })
      .catch((e: unknown) => setError(errorMessage(e)));
    return () => {
      stopped = true;
      off();
      if (followId) void call(api, 'logs.unfollow', { followId });
    };
  }, [api, workflowId, packageName, attempt]);

  const lines = useMemo(() => {
    const all = allLines(log);
    return errorsOnly ? all.filter(isErrorLine) : all;
  }, [log, errorsOnly]);

  useEffect(() => {
    if (follow) rows.current?.scrollToIndex(lines.length - 1);
  }, [lines, follow]);

  const jumpToError = () => {
    const index = lines.findIndex(isErrorLine);
    if (index >= 0) {
      setFollow(false);
      rows.current?.scrollToIndex(index);
    }
  };

  return (
    <div className="log-tail" data-testid="log-tail">
      <div className="log-tail__toolbar">
        <label className="run-toolbar__check">
          <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} /> Follow
        </label>
        <label className="run-toolbar__check">
          <input type="checkbox" checked={errorsOnly} onChange={(e) => setErrorsOnly(e.target.checked)} />{' '}
          Errors only
        </label>
        <button type="button" className="link-button" onClick={jumpToError}>
          First error
        </button>
        <span className="muted" data-testid="log-line-count">
          {lines.length} lines
        </span>
      </div>
      {error ? <p className="text-bad">{error}</p> : null}
      {skipped > 0 ? (
        <p className="muted log-tail__skipped">{Math.round(skipped / 1024)} KB earlier not shown</p>
      ) : null}
      {lines.length === 0 && !error ? (
        <p className="muted log-tail__empty">No output yet.</p>
      ) : (
        <VirtualRows
          ref={rows}
          items={lines}
          rowHeight={LINE_HEIGHT}
          height={HEIGHT}
          className="log-tail__lines"
          onUserScroll={(atEnd) => setFollow(atEnd)}
          renderRow={(line, i) => (
            <div
              key={i}
              className={`log-line ${isErrorLine(line) ? 'log-line--error' : ''}`}
              style={{ height: LINE_HEIGHT }}
            >
              {parseAnsi(line).map((s, j) => (
                <span key={j} className={s.className || undefined}>
                  {s.text}
                </span>
              ))}
            </div>
          )}
        />
      )}
    </div>
  );
}
