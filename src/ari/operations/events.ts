import { defineResource, query } from './operation-spec';

/** `/events`: the events WebSocket, and claiming a channel a StasisBroadcast offers. */
export const EVENTS = defineResource('events', 'WebSocket resource', {
  eventWebsocket: {
    method: 'GET',
    path: '/events',
    summary: 'WebSocket for events.',
    responseClass: 'Message',
    websocket: true,
    params: [query('app', 'string', 'Applications to receive events for.', { required: true, multi: true }), query('subscribeAll', 'boolean', 'Receive every event, not only the apps\u2019 own.')],
  },
  // StasisBroadcast (Asterisk 20.20 / 22.10 / 23.4): the first claim wins (204), a late one gets 409.
  claimChannel: {
    method: 'POST',
    path: '/events/claim',
    summary: 'Claim a channel a StasisBroadcast offers; the first claim wins.',
    responseClass: 'void',
    params: [query('channelId', 'string', 'The ID of the channel to claim', { required: true }), query('application', 'string', 'The name of the application claiming the channel', { required: true })],
    errors: [{ code: 404, reason: 'Channel not found or not in broadcast state.' }, { code: 409, reason: 'Channel has already been claimed by another application.' }],
  },
});
