import { defineResource, query } from './operation-spec';

/** `/asterisk`: system information and global variables. */
export const ASTERISK = defineResource('asterisk', 'Asterisk resources', {
  getInfo: {
    method: 'GET',
    path: '/asterisk/info',
    summary: 'Asterisk system information.',
    responseClass: 'AsteriskInfo',
    params: [query('only', 'string', 'Which sections to return.', { multi: true, list: ['build', 'system', 'config', 'status'] })],
  },
  ping: { method: 'GET', path: '/asterisk/ping', summary: 'Liveness check.', responseClass: 'AsteriskPing', params: [] },
  getGlobalVar: {
    method: 'GET',
    path: '/asterisk/variable',
    summary: 'Value of a global variable.',
    responseClass: 'Variable',
    params: [query('variable', 'string', 'Variable name.', { required: true })],
    errors: [{ code: 400, reason: 'Missing variable parameter.' }],
  },
  setGlobalVar: {
    method: 'POST',
    path: '/asterisk/variable',
    summary: 'Set a global variable.',
    responseClass: 'void',
    params: [query('variable', 'string', 'Variable name.', { required: true }), query('value', 'string', 'Value.')],
    errors: [{ code: 400, reason: 'Missing variable parameter.' }],
  },
});
