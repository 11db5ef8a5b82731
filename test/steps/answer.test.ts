import { answerStep } from '../../src/steps/answer';
import { harness } from './support/harness';
import { paramsOf } from './support/normalize';
import { validateStep, validateStepValue } from './support/schema';

describe('answer', () => {
  it('is written bare (or with an empty map) and takes no parameters', () => {
    expect(validateStep('answer')).toBe(true);
    expect(validateStepValue(answerStep, {}).valid).toBe(true);
    expect(validateStepValue(answerStep, { now: true }).valid).toBe(false);
    expect(validateStepValue(answerStep, 'yes').valid).toBe(false);
    expect(paramsOf('answer')).toEqual({});
  });

  it('answers the channel and reports the action', async () => {
    const h = harness({ flows: { main: ['answer'] } });
    expect((await h.run()).outcome).toBe('completed');
    expect(h.port.ops).toEqual(['answer']);
    expect(h.events.find((e) => e.kind === 'callAction')).toMatchObject({ action: 'answer' });
  });

  it('an answer refused because the channel is gone ends the flow quietly', async () => {
    const h = harness({ flows: { main: ['answer', { play: 'sound:x' }] } });
    h.port.callerHangup();
    expect((await h.run()).outcome).toBe('caller_hangup');
    expect(h.port.calls).toEqual([]);
  });
});
