import { defineResource, query } from './operation-spec';

/** `/events`: the events WebSocket. */
export const EVENTS = defineResource('events', 'WebSocket resource', {
  eventWebsocket: {
    method: 'GET',
    path: '/events',
    summary: 'WebSocket for events.',
    responseClass: 'Message',
    websocket: true,
    params: [query('app', 'string', 'Applications to receive events for.', { required: true, multi: true }), query('subscribeAll', 'boolean', 'Receive every event, not only the apps\u2019 own.')],
  },
});
