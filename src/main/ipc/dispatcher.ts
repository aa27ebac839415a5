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
import { checkJsonLimits, PAYLOAD_LIMITS, type JsonLimitProblem } from '../../core/json/json-limits';

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
    let request: unknown;
    try {
      // Depth and size first, without recursion: a schema (or any recursive code) must never
      // see a payload that could overflow the stack.
      const tooBig = checkJsonLimits(payload ?? {}, PAYLOAD_LIMITS);
      if (tooBig !== undefined) return payloadRefused(channel, tooBig);
      const parsed = contract[channel].request.safeParse(payload ?? {});
      if (!parsed.success) return invalidInput(channel, parsed.error);
      request = parsed.data;
    } catch (error) {
      // Whatever a schema throws (a RangeError on input no limit foresaw) is a refused request.
      const message = error instanceof Error ? error.message : String(error);
      return fail('INVALID_INPUT', `Invalid ${channel} request: ${message}`);
    }
    try {
      const handler = handlers[channel] as (request: unknown) => Promise<unknown> | unknown;
      return ok(await handler(request));
    } catch (error) {
      if (error instanceof IpcFailure) return fail(error.code, error.message, error.path);
      const classified = classify(error);
      if (classified) return classified;
      const message = error instanceof Error ? error.message : String(error);
      return fail('INTERNAL', `${channel} failed: ${message}`);
    }
  };
}

/** The whole payload broke a limit: names where (cut short for deep paths) and the limit. */
function payloadRefused(channel: Channel, problem: JsonLimitProblem): IpcResult<never> {
  const path = problem.path.slice(0, 12).map(String).join('.') + (problem.path.length > 12 ? '…' : '');
  const message = `Invalid ${channel} request: ${path === '' ? 'request' : path} ${problem.message}`;
  return path === '' ? fail('INVALID_INPUT', message) : fail('INVALID_INPUT', message, path);
}

/** Names the first offending field, e.g. `definition.nodes.3.id: Too small…`. */
function invalidInput(channel: Channel, error: z.ZodError): IpcResult<never> {
  const issue = error.issues[0];
  const path = issue?.path.map(String).join('.') ?? '';
  const where = path === '' ? 'request' : path;
  const message = `Invalid ${channel} request: ${where}: ${issue?.message ?? 'invalid value'}`;
  return path === '' ? fail('INVALID_INPUT', message) : fail('INVALID_INPUT', message, path);
}
