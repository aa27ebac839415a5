import type { z } from 'zod';
import {
  contract,
  fail,
  isChannel,
  IpcFailure,
  ok,
  type Channel,
  type IpcResult,
  type ParsedRequestOf,
  type ResponseOf,
} from '../../core/ipc';

/** One implementation per channel; it receives the request already validated against the contract. */
export type Handlers = { [C in Channel]: (request: ParsedRequestOf<C>) => Promise<ResponseOf<C>> | ResponseOf<C> };

/** Dispatches one untrusted call: the only door from a renderer (or a WebSocket) into main. */
export type Dispatch = (channel: unknown, payload: unknown) => Promise<IpcResult<unknown>>;

/**
 * Maps an error thrown by a service to a reply. Services throw their own error classes
 * (StoreError, GraphError, …); `classify` lets the app name their codes without this module
 * importing every service.
 */
export type ErrorClassifier = (error: unknown) => IpcResult<never> | undefined;

/** Builds the dispatcher: unknown channels refused, payloads parsed, errors turned into data. */
export function createDispatcher(handlers: Handlers, classify: ErrorClassifier = () => undefined): Dispatch {
  return async (channel, payload) => {
    if (!isChannel(channel)) {
      return fail('UNKNOWN_CHANNEL', `Unknown channel ${JSON.stringify(String(channel)).slice(0, 120)}`);
    }
    const parsed = contract[channel].request.safeParse(payload ?? {});
    if (!parsed.success) return invalidInput(channel, parsed.error);
    try {
      const handler = handlers[channel] as (request: unknown) => Promise<unknown> | unknown;
      return ok(await handler(parsed.data));
    } catch (error) {
      if (error instanceof IpcFailure) return fail(error.code, error.message, error.path);
      const classified = classify(error);
      if (classified) return classified;
      const message = error instanceof Error ? error.message : String(error);
      return fail('INTERNAL', `${channel} failed: ${message}`);
    }
  };
}

/** Names the first offending field, e.g. `definition.nodes.3.id: Too small…`. */
function invalidInput(channel: Channel, error: z.ZodError): IpcResult<never> {
  const issue = error.issues[0];
  const path = issue?.path.map(String).join('.') ?? '';
  const where = path === '' ? 'request' : path;
  const message = `Invalid ${channel} request: ${where}: ${issue?.message ?? 'invalid value'}`;
  return path === '' ? fail('INVALID_INPUT', message) : fail('INVALID_INPUT', message, path);
}
