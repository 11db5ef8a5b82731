import type { AriSimulator } from '../../../src/simulator';

/** What a trace note makes the replay do (the recording used sipp; we use the control API). */
export type NoteHook = (text: string, sim: AriSimulator) => void | Promise<void>;

/** Caller data sipp's UAC scenarios sent. */
const SIPP_CALLER = { callerName: 'SIPp caller', callerNumber: '5551000' };

/**
 * The sipp scenarios behind the traces, re-expressed as simulator calls.
 * Timings are the ones the traces show (first digit 2.02 s after
 * StasisStart, BYE 1.04 s after it, UAS rings 0.51 s and hangs up 2 s after
 * answering).
 */
export const sippHooks: NoteHook = async (text, sim) => {
  const uac = /sipp uac\S* started \(pid \d+\): sipp -sf (\S+) -s (\S+)/.exec(text);
  if (uac) {
    const [, scenario, extension] = uac;
    const script =
      scenario === 'uac_dtmf_12hash.xml'
        ? [{ afterMs: 1818, dtmf: '12#' }]
        : scenario === 'uac_bye_1s.xml'
          ? [{ afterMs: 1036, hangup: true as const }]
          : undefined;
    sim.placeCall({ extension, ...SIPP_CALLER, script });
    return;
  }
  const uas = /sipp uas started \(pid \d+\): sipp (?:-sf (\S+)|-sn uas)/.exec(text);
  if (uas) {
    sim.setEndpoint('PJSIP/sipp', uas[1] === 'uas_bye_2s.xml' ? { kind: 'answer', ringMs: 508, hangupAfterMs: 2000 } : { kind: 'answer', ringMs: 0 });
    return;
  }
  if (/core stop now/.test(text)) await sim.stop();
};

/**
 * The newer traces' caller (acceptance/traces' uac.xml.tmpl): `From:
 * "Acceptance" <sip:5551000@...>`, never sends BYE.
 */
export const acceptanceHooks: NoteHook = async (text, sim) => {
  const uac = /sipp uac\S* started \(pid \d+\): sipp -sf \S+ -s (\S+) .*\(acceptance uac\.xml\.tmpl/.exec(text);
  if (uac) {
    sim.placeCall({ extension: uac[1], callerName: 'Acceptance', callerNumber: '5551000' });
    return;
  }
  await sippHooks(text, sim);
};
