import type { EventPayloadOf } from '../../core/ipc';

/** The part of `process` the handler listens on (an EventEmitter in tests). */
export interface ProcessEvents {
  on(event: 'uncaughtException', listener: (error: unknown) => void): unknown;
  on(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
  off(event: 'uncaughtException' | 'unhandledRejection', listener: (error: unknown) => void): unknown;
}

export interface LastResortOptions {
  process: ProcessEvents;
  /** Tells the renderer (the app's event bus: `app.error`). */
  report: (payload: EventPayloadOf<'app.error'>) => void;
  log: (message: string) => void;
  /** Stops the app (after the report); called once, when errors come faster than `maxPerMinute`. */
  exit: (code: number) => void;
  now?: () => number;
  /** @default 10 */
  maxPerMinute?: number;
}

/** Exit code when errors keep coming: EX_SOFTWARE, "internal software error". */
export const LAST_RESORT_EXIT_CODE = 70;

/**
 * A process-wide last resort for errors nothing else caught: a callback that throws, a promise
 * nobody awaited. Node's default is to die, which takes down every open window and run monitor
 * for one bad request; instead the error is logged and shown to the user, and the app keeps
 * serving. Every request path already turns errors into replies (the dispatcher) and every
 * socket has its own 'error' listener, so what arrives here is a bug in one callback, not a
 * corrupted process. One exception: errors in a burst (more than `maxPerMinute` in a minute)
 * mean something is looping on a broken state, and the app stops rather than spin.
 *
 * Returns the uninstall function.
 */
export function installLastResortHandler(options: LastResortOptions): () => void {
  const now = options.now ?? Date.now;
  const maxPerMinute = options.maxPerMinute ?? 10;
  const recent: number[] = [];
  let exiting = false;

  const handle = (kind: EventPayloadOf<'app.error'>['kind'], error: unknown): void => {
    const t = now();
    recent.push(t);
    while (recent.length > 0 && (recent[0] as number) <= t - 60_000) recent.shift();
    const fatal = recent.length > maxPerMinute;
    const message = error instanceof Error ? error.message : String(error);
    const stack = error instanceof Error && error.stack ? error.stack : message;
    try {
      options.log(`[${kind}]${fatal ? ' (too many errors: stopping)' : ''} ${stack}`);
      options.report({ kind, message, at: new Date(t).toISOString(), fatal });
    } catch {
      // The last resort must not throw itself: that would be a second uncaught exception.
    }
    if (fatal && !exiting) {
      exiting = true;
      options.exit(LAST_RESORT_EXIT_CODE);
    }
  };
  const onException = (error: unknown): void => handle('uncaughtException', error);
  const onRejection = (reason: unknown): void => handle('unhandledRejection', reason);
  options.process.on('uncaughtException', onException);
  options.process.on('unhandledRejection', onRejection);
  return () => {
    options.process.off('uncaughtException', onException);
    options.process.off('unhandledRejection', onRejection);
  };
}
