/**
 * The one reply shape of every IPC call. Errors travel as data because thrown errors lose
 * their class (and often their message) when they cross Electron IPC or a WebSocket.
 */

/** Error codes a handler may answer with. */
export type IpcErrorCode =
  | 'INVALID_INPUT'
  | 'UNKNOWN_CHANNEL'
  | 'UNAUTHORIZED'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'SERVER_UNAVAILABLE'
  | 'STORE_ERROR'
  | 'TEMPORAL_ERROR'
  | 'COMPILE_ERROR'
  | 'INTERNAL';

/** A failure named precisely enough for the UI to point at the problem. */
export interface IpcError {
  code: IpcErrorCode;
  message: string;
  /** Dotted path of the offending field, when the error is about one (e.g. `definition.nodes.3.id`). */
  path?: string;
}

/** `{ok: true, value} | {ok: false, error}`. */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError };

/** Builds a success reply. */
export function ok<T>(value: T): IpcResult<T> {
  return { ok: true, value };
}

/** Builds a failure reply. */
export function fail(code: IpcErrorCode, message: string, path?: string): { ok: false; error: IpcError } {
  return path === undefined ? { ok: false, error: { code, message } } : { ok: false, error: { code, message, path } };
}

/** An error that handlers throw to answer with a specific code; the dispatcher turns it into a reply. */
export class IpcFailure extends Error {
  constructor(
    readonly code: IpcErrorCode,
    message: string,
    readonly path?: string,
  ) {
    super(message);
    this.name = 'IpcFailure';
  }
}
