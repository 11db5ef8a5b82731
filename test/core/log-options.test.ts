import { isLogLevel, LOG_FORMATS, LOG_LEVELS, LOG_METHOD_LEVELS } from '../../src/core/log-options';
import { memoryLogger, silentLogger } from '../../src/core/logger';

describe('log options', () => {
  it('knows pino\'s levels, lowest first, and nothing else', () => {
    expect(LOG_LEVELS).toEqual(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']);
    expect(LOG_LEVELS.every(isLogLevel)).toBe(true);
    expect(['verbose', 'INFO', '', undefined, 3].some(isLogLevel)).toBe(false);
    expect(LOG_FORMATS).toEqual(['auto', 'json', 'pretty']);
  });

  it('the method levels are a subset of the levels and each is a method of the Logger port', () => {
    const records = memoryLogger();
    for (const level of LOG_METHOD_LEVELS) {
      expect(isLogLevel(level)).toBe(true);
      expect(typeof silentLogger[level]).toBe('function');
      records[level]('x');
    }
    expect(records.records.map((r) => r.level)).toEqual([...LOG_METHOD_LEVELS]);
  });
});
