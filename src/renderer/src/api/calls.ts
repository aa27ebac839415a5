import type { WorkflowBuilderApi } from '../../../core/ipc/api';
import type { Channel } from '../../../core/ipc/channels';
import type { RequestOf, ResponseOf } from '../../../core/ipc/contract';
import type { IpcError } from '../../../core/ipc/result';

/** A failed IPC call, carrying the structured error from main. */
export class ApiError extends Error {
  constructor(
    readonly channel: Channel,
    readonly error: IpcError,
  ) {
    super(error.message);
    this.name = 'ApiError';
  }

  get code(): IpcError['code'] {
    return this.error.code;
  }
}

/**
 * Invokes `channel` and returns its value, throwing `ApiError` on an `{ok:false}` reply. A
 * transport that throws or rejects (it should not) is reported as an INTERNAL error.
 */
export async function call<C extends Channel>(
  api: WorkflowBuilderApi,
  channel: C,
  request: RequestOf<C>,
): Promise<ResponseOf<C>> {
  let result;
  try {
    result = await api.invoke(channel, request);
  } catch (error) {
    throw new ApiError(channel, {
      code: 'INTERNAL',
      message: error instanceof Error ? error.message : String(error),
    });
  }
  if (!result.ok) throw new ApiError(channel, result.error);
  return result.value;
}

/** A message a user can read, for any thrown value. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError)
    return error.error.path ? `${error.message} (at ${error.error.path})` : error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}
