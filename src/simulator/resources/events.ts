import { EVENTS } from '../../ari/operations';
import { fail } from '../model/result';
import { serve } from './served-operation';

/**
 * The events WebSocket is documented only: the HTTP server upgrades
 * `/ari/events` itself (http/events-socket.ts). The simulator places no
 * StasisBroadcast offers (yet), so every claim finds no channel in broadcast
 * state, as Asterisk answers for an unknown one (trace stasis-broadcast).
 */
export const EVENTS_SERVED = serve(EVENTS, {
  claimChannel: () => fail(404, 'Channel not found or not in broadcast state'),
});
