import type { AsteriskModel } from './asterisk-model';
import { Bridge } from './bridge';
import type { Channel } from './channel';
import { createLocalPair } from './local';

const RESET_VARS = ['ANSWEREDTIME', 'ANSWEREDTIME_MS', 'DIALEDTIME', 'DIALEDTIME_MS', 'QUEUEWAIT', 'QUEUEWAIT_MS'];

/**
 * A simulated Queue(name,options,URL,announce,timeout): one member,
 * `Local/<queue>-agent@<agents context>/n`, is rung at once; the agent leg
 * runs the agents dialplan (by default Answer, Playback(hello-world),
 * Wait(1), Hangup), is bridged with the caller in a basic bridge, and when it
 * hangs up the caller is hung up too. Queues configured with `noAgents` keep
 * the caller waiting until the timeout, then the dialplan continues.
 */
export function runQueue(m: AsteriskModel, ch: Channel, data: string, next: () => void): void {
  const parts = data.split(',');
  const queue = parts[0].trim();
  const timeoutSec = Number.parseInt(parts[4] ?? '', 10);
  m.note(ch, { kind: 'queue', queue });
  for (const v of RESET_VARS) m.setVar(ch, v, '');
  const startedAt = m.now();
  const state: { answeredAt?: number; member?: Channel; bridge?: Bridge } = {};

  if (timeoutSec > 0) {
    m.channelTimer(ch, timeoutSec * 1000, () => {
      if (state.answeredAt !== undefined) return;
      if (state.member && !state.member.hungUp) m.hangup(state.member, 'peer', 16, 'peer');
      m.setVar(ch, 'QUEUESTATUS', 'TIMEOUT');
      m.note(ch, { kind: 'queue-timeout', queue });
      next();
    });
  }
  ch.cleanups.push(() => {
    if (state.member && !state.member.hungUp) m.hangup(state.member, 'peer', 16, 'peer');
    const b = state.bridge;
    if (b) m.clock.setTimeout(() => m.destroyBridge(b), 0);
  });
  if (m.queues.get(queue)?.noAgents) return;

  const agentExten = `${queue}-agent`;
  const dialstring = `Local/${agentExten}@${m.names.agents}/n`;
  const { one, two } = createLocalPair(m, { exten: agentExten, context: m.names.agents, dialstring }, { origin: 'queue-member', outgoingApp: 'AppQueue' });
  state.member = one;
  one.dialString = dialstring;
  // app_queue gives the member leg the caller's dialed number as its caller id.
  one.caller = { name: '', number: ch.dialedExten };
  one.connected = { name: '', number: '' };
  two.caller = { ...ch.caller };
  two.connected = { name: '', number: ch.dialedExten };
  m.emitDial('', dialstring, one, ch);
  one.onAnswered = () => {
    const answeredAt = m.now();
    state.answeredAt = answeredAt;
    one.connected = { ...ch.caller };
    one.dialplan = { ...one.dialplan, exten: ch.dialplan.exten };
    m.emitDial('ANSWER', dialstring, one, ch);
    const waited = answeredAt - startedAt;
    m.setVar(ch, 'QUEUEPOSITION', '1');
    m.setVar(ch, 'QUEUEWAIT', String(Math.floor(waited / 1000)));
    m.setVar(ch, 'QUEUEWAIT_MS', String(Math.floor(waited)));
    const bridge = new Bridge(m.ids.uuid(), 'mixing', 'basic', '', m.now());
    state.bridge = bridge;
    m.bridges.set(bridge.id, bridge);
    m.note(ch, { kind: 'queue-answered', queue, agent: two.name });
    m.joinBridge(bridge, ch, { exchangeConnectedLine: false });
    m.joinBridge(bridge, one, { exchangeConnectedLine: false });
  };
  one.cleanups.push(() => {
    const answeredAt = state.answeredAt;
    if (answeredAt === undefined || ch.hungUp) return;
    const talked = m.now() - answeredAt;
    const dialed = m.now() - startedAt;
    m.channelTimer(ch, 0, () => {
      m.leaveBridge(ch);
      m.setVar(ch, 'ANSWEREDTIME', String(Math.floor(talked / 1000)));
      m.setVar(ch, 'ANSWEREDTIME_MS', String(Math.floor(talked)));
      m.setVar(ch, 'DIALEDTIME', String(Math.floor(dialed / 1000)));
      m.setVar(ch, 'DIALEDTIME_MS', String(Math.floor(dialed)));
      m.hangup(ch, 'dialplan', 16, 'agent');
    });
  });
  m.runDialplan(two, m.names.agents, agentExten, 1);
}
