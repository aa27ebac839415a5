/**
 * The runtime list of channel and event names, kept apart from the schemas so the preload
 * bundle (which only needs names) does not pull zod in.
 */

/** Every invoke channel, `<domain>.<verb>`. */
export const CHANNELS = [
  'definitions.list',
  'definitions.get',
  'definitions.save',
  'definitions.delete',
  'definitions.versions',
  'definitions.restore',
  'examples.load',
  'compiler.compile',
  'runs.start',
  'runs.cancel',
  'runs.list',
  'runs.get',
  'runs.state',
  'runs.snapshot',
  'runs.graph',
  'runs.retry',
  'runs.retryFailed',
  'runs.finish',
  'logs.follow',
  'logs.unfollow',
  'export.run',
  'server.status',
  'worker.status',
  'settings.getConnection',
  'settings.saveConnection',
  'workspaces.list',
  'workspaces.open',
  'workspaces.close',
  'workspaces.variables',
  'workspaces.saveVariables',
  'commands.list',
  'commands.save',
  'monorepo.folders',
  'monorepo.inspect',
  'monorepo.build',
  'runs.report',
] as const;

/** A channel name. */
export type Channel = (typeof CHANNELS)[number];

/** Every event pushed from main to the renderer. */
export const EVENTS = [
  'server.status',
  'worker.status',
  'runs.changed',
  'runs.state',
  'logs.chunk',
  'app.error',
] as const;

/** An event name. */
export type EventName = (typeof EVENTS)[number];

/** True when `name` is a known channel (used to refuse unknown ones before any parsing). */
export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && (CHANNELS as readonly string[]).includes(name);
}

/** Electron only: the ipcRenderer channel of an event is this prefix + the event name. */
export const EVENT_CHANNEL_PREFIX = 'event:';
