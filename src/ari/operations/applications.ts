import { defineResource, path, query, type AriOperationDefinition } from './operation-spec';

const applicationName = path('applicationName', "Application's name");

const subscription = (method: 'POST' | 'DELETE', summary: string): AriOperationDefinition => ({
  method,
  path: '/applications/{applicationName}/subscription',
  summary,
  responseClass: 'Application',
  params: [applicationName, query('eventSource', 'string', 'URIs: channel:{id}, bridge:{id}, endpoint:{tech}[/{resource}], deviceState:{name}.', { required: true, multi: true })],
  errors: [{ code: 400, reason: 'Missing parameter.' }, { code: 404, reason: 'Application does not exist.' }, { code: 422, reason: 'Event source does not exist.' }],
});

/** `/applications`: Stasis applications and their subscriptions. */
export const APPLICATIONS = defineResource('applications', 'Stasis application resources', {
  list: { method: 'GET', path: '/applications', summary: 'Stasis applications.', responseClass: 'List[Application]', params: [] },
  get: {
    method: 'GET',
    path: '/applications/{applicationName}',
    summary: 'One Stasis application.',
    responseClass: 'Application',
    params: [applicationName],
    errors: [{ code: 404, reason: 'Application does not exist.' }],
  },
  subscribe: subscription('POST', 'Subscribe an application to event sources.'),
  unsubscribe: subscription('DELETE', 'Unsubscribe an application from event sources.'),
  filter: {
    method: 'PUT',
    path: '/applications/{applicationName}/eventFilter',
    summary: 'Filter the event types an application receives (allowed/disallowed lists of {"type": ...}).',
    responseClass: 'Application',
    params: [applicationName, { name: 'filter', description: 'Specify which event types to allow/disallow', paramType: 'body', required: false, allowMultiple: false, dataType: 'object' }],
    errors: [{ code: 400, reason: 'Bad request.' }, { code: 404, reason: 'Application does not exist.' }],
  },
});
