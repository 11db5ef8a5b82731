import { expandEnv } from '../../src/config/env-expand';

const env = { HOST: 'pbx', EMPTY: '', PASS: 'p$ss' };

describe('expandEnv', () => {
  it.each([
    ['http://${HOST}:8088', 'http://pbx:8088'],
    ['${MISSING:-fallback}', 'fallback'],
    ['${EMPTY:-fallback}', 'fallback'],
    ['${HOST:-fallback}', 'pbx'],
    ['${MISSING:-}', ''],
    ['cost $$5', 'cost $5'],
    ['$${HOST}', '${HOST}'],
    ['pa$word', 'pa$word'],
    ['${PASS}', 'p$ss'],
    ['a ${HOST} b ${HOST}', 'a pbx b pbx'],
    ['${MISSING:-a:b-c}', 'a:b-c'],
  ])('%j → %j', (text, out) => {
    expect(expandEnv(text, env)).toEqual({ value: out, problems: [] });
  });

  it('reports undefined variables with no default', () => {
    expect(expandEnv('x ${NOPE} y', env).problems).toEqual([{ code: 'ENV_UNDEFINED', message: 'environment variable NOPE is not set', offset: 2 }]);
  });

  it.each(['${1BAD}', '${A B}', '${A-x}', '${}', '${A:-${B}}', 'open ${HOST'])('reports %j as ENV_SYNTAX', (text) => {
    expect(expandEnv(text, env).problems.map((p) => p.code)).toEqual(['ENV_SYNTAX']);
  });
});
