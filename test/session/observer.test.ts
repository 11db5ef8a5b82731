import { combineObservers, emit, recordEvents, type SessionObserver } from '../../src/session/observer';
import { memoryLogger } from '../../src/core/logger';

describe('observers', () => {
  const event = { callId: 'c1', at: 5, name: 'x', value: 1 };

  it('recordEvents keeps every event with its kind', () => {
    const { observer, events } = recordEvents();
    emit(observer, 'variableSet', event);
    emit(observer, 'callAction', { callId: 'c1', at: 6, action: 'answer', detail: {} });
    expect(events).toEqual([
      { kind: 'variableSet', ...event },
      { kind: 'callAction', callId: 'c1', at: 6, action: 'answer', detail: {} },
    ]);
  });

  it('combineObservers fans out, and one failing observer neither stops the others nor throws', () => {
    const a = recordEvents();
    const broken: SessionObserver = {
      variableSet: () => {
        throw new Error('bug');
      },
    };
    const b = recordEvents();
    emit(combineObservers(a.observer, broken, undefined, b.observer), 'variableSet', event);
    expect(a.events).toHaveLength(1);
    expect(b.events).toHaveLength(1);
  });

  it('emit logs a failing observer', () => {
    const log = memoryLogger();
    emit({ ended: () => { throw new Error('bug'); } }, 'ended', { callId: 'c', at: 0, flowId: 'f', outcome: 'completed', steps: 0, durationMs: 0 }, log);
    expect(log.records).toEqual([expect.objectContaining({ level: 'warn', event: 'ended', msg: 'session observer failed' })]);
  });
});
