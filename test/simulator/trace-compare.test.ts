import { compareReplay } from './helpers/trace-compare';
import { replayTrace, type ReplayResult } from './helpers/trace-replay';
import type { TraceLine } from './helpers/trace-file';

/** The comparison must notice when the simulator and the recording disagree. */
describe('trace comparison', () => {
  let result: ReplayResult;

  beforeAll(async () => {
    result = await replayTrace('inbound-sip-answer-play-hangup');
  });

  const withTrace = (edit: (lines: TraceLine[]) => TraceLine[]): ReplayResult => ({ ...result, trace: edit(result.trace.map((l) => ({ ...l }) as TraceLine)) });

  test('an identical replay has no mismatches', () => {
    expect(compareReplay(result)).toEqual([]);
  });

  test('a different status code is reported', () => {
    const edited = withTrace((lines) => lines.map((l) => (l.dir === 'response' && l.id === 1 ? { ...l, status: 200 } : l)));
    expect(compareReplay(edited).map((m) => m.where)).toContainEqual(expect.stringMatching(/^response 1 POST .*answer$/));
  });

  test('a different event field value is reported', () => {
    const edited = withTrace((lines) => lines.map((l) => (l.dir === 'event' && l.type === 'ChannelHangupRequest' ? { ...l, raw: l.raw.replace('"cause":32', '"cause":16') } : l)));
    expect(compareReplay(edited).map((m) => m.where)).toContainEqual(expect.stringContaining('ChannelHangupRequest'));
  });

  test('a missing event changes the sequence', () => {
    const edited = withTrace((lines) => lines.filter((l) => !(l.dir === 'event' && l.type === 'ChannelStateChange')));
    const mismatches = compareReplay(edited);
    expect(mismatches.some((m) => m.detail.includes('sequence'))).toBe(true);
  });

  test('allowances silence only the places they name', () => {
    const edited = withTrace((lines) => lines.map((l) => (l.dir === 'response' && l.id === 1 ? { ...l, status: 200 } : l)));
    expect(compareReplay(edited, { 'response 1 ': 'test' })).toEqual([]);
  });
});
