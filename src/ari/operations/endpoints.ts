import { defineResource, path } from './operation-spec';

const notFound = { code: 404, reason: 'Endpoints not found' };

/** `/endpoints`: the PJSIP endpoints. */
export const ENDPOINTS = defineResource('endpoints', 'Endpoint resources', {
  list: { method: 'GET', path: '/endpoints', summary: 'All endpoints.', responseClass: 'List[Endpoint]', params: [] },
  listByTech: {
    method: 'GET',
    path: '/endpoints/{tech}',
    summary: 'Endpoints of one technology.',
    responseClass: 'List[Endpoint]',
    params: [path('tech', 'Technology (PJSIP).')],
    errors: [notFound],
  },
  get: {
    method: 'GET',
    path: '/endpoints/{tech}/{resource}',
    summary: 'One endpoint.',
    responseClass: 'Endpoint',
    params: [path('tech', 'Technology (PJSIP).'), path('resource', 'Endpoint name.')],
    errors: [notFound],
  },
});
