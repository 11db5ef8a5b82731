import { defineResource, path, query } from './operation-spec';

/** `/sounds`: the installed sound files. */
export const SOUNDS = defineResource('sounds', 'Sound resources', {
  list: {
    method: 'GET',
    path: '/sounds',
    summary: 'Installed sounds.',
    responseClass: 'List[Sound]',
    params: [query('lang', 'string', 'Only sounds in this language.'), query('format', 'string', 'Only sounds in this format.')],
  },
  get: { method: 'GET', path: '/sounds/{soundId}', summary: 'One sound.', responseClass: 'Sound', params: [path('soundId', "Sound's id")] },
});
