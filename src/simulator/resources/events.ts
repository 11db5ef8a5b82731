import { EVENTS } from '../../ari/operations';
import * as events from '../model/ops/event-ops';
import { serve } from './served-operation';

/** The events WebSocket is documented only (the HTTP server upgrades `/ari/events` itself, http/events-socket.ts); claims are served. */
export const EVENTS_SERVED = serve(EVENTS, { claimChannel: events.claimChannel });
