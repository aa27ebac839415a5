import type { Channel, EventName } from './channels';
import type { EventPayloadOf, RequestOf, ResponseOf } from './contract';
import type { IpcResult } from './result';

/**
 * The renderer-facing API derived from the contract: one method per channel (`invoke`) plus
 * an event subscription. Implemented by the Electron preload (over ipcRenderer) and by the
 * browser-mode WebSocket client, so the renderer does not know which one it talks to.
 */
export interface WorkflowBuilderApi {
  invoke<C extends Channel>(channel: C, request: RequestOf<C>): Promise<IpcResult<ResponseOf<C>>>;
  /** Subscribes to an event; returns the unsubscribe function. */
  on<E extends EventName>(event: E, listener: (payload: EventPayloadOf<E>) => void): () => void;
}

/** Name of the global the Electron preload exposes (`window.workflowBuilder`). */
export const API_GLOBAL = 'workflowBuilder';

/** Browser-mode wire protocol over the WebSocket. */
export type WireRequest = { id: number; channel: string; payload: unknown };
export type WireMessage =
  | { kind: 'reply'; id: number; reply: IpcResult<unknown> }
  | { kind: 'event'; event: EventName; payload: unknown };
