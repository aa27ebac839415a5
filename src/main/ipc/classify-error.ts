import { fail, type IpcErrorCode, type IpcResult } from '../../core/ipc';
import { isStoreError, type StoreErrorCode } from '../store/store-error';

const STORE_CODES: Record<StoreErrorCode, IpcErrorCode> = {
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  INVALID: 'INVALID_INPUT',
  SCHEMA_TOO_NEW: 'STORE_ERROR',
  CORRUPT: 'STORE_ERROR',
  IO: 'STORE_ERROR',
};

/** Names the errors services throw with the IPC code a renderer can act on. */
export function classifyServiceError(error: unknown): IpcResult<never> | undefined {
  if (isStoreError(error)) return fail(STORE_CODES[error.code], error.message, error.path);
  if (error instanceof Error && error.name === 'ServiceError') {
    // Temporal client errors (connection refused, not found) keep their own words.
    return fail('TEMPORAL_ERROR', error.message);
  }
  return undefined;
}
