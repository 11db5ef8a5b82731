import { EVENTS } from '../../ari/operations';
import { serve } from './served-operation';

/** Documented only: the HTTP server upgrades `/ari/events` itself (http/events-socket.ts). */
export const EVENTS_SERVED = serve(EVENTS, {});
