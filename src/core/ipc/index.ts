/** The IPC contract shared by main, preload and renderer. */
export { CHANNELS, EVENTS, EVENT_CHANNEL_PREFIX, isChannel, type Channel, type EventName } from './channels';
export * from './contract';
export { ok, fail, IpcFailure, type IpcError, type IpcErrorCode, type IpcResult } from './result';
export { API_GLOBAL, type WorkflowBuilderApi, type WireMessage, type WireRequest } from './api';
