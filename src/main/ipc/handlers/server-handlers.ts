import type { TemporalService } from '../../dev-server';
import type { Handlers } from '../dispatcher';

/** server.status: the current status; changes are pushed as the `server.status` event. */
export function createServerHandlers(temporal: Pick<TemporalService, 'status'>): Pick<Handlers, 'server.status'> {
  return { 'server.status': () => temporal.status() };
}
