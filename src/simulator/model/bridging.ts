import type { AsteriskModel } from './asterisk-model';
import type { Bridge } from './bridge';
import type { Channel } from './channel';
import * as ev from './events';

export interface JoinOptions {
  /** Swap connected-line data with the other member (Stasis bridges do; queue bridges here do not). */
  readonly exchangeConnectedLine?: boolean;
  readonly inhibitConnectedLineUpdates?: boolean;
}

/**
 * Adds `ch` to `bridge`. The channel's Stasis app subscribes to the bridge, so
 * it sees ChannelEnteredBridge (with the member list so far) and later
 * ChannelLeftBridge/BridgeDestroyed. With two members each gets BRIDGEPEER
 * (and BRIDGEPVTCALLID for PJSIP peers); connected lines are exchanged.
 */
export function join(m: AsteriskModel, bridge: Bridge, ch: Channel, opts: JoinOptions = {}): void {
  if (ch.bridge === bridge) return;
  if (ch.bridge) leave(m, ch);
  bridge.channels.push(ch);
  ch.bridge = bridge;
  if (ch.stasis) {
    bridge.subscribedApps.add(ch.stasis.app);
    m.apps.get(ch.stasis.app)?.bridgeIds.add(bridge.id);
  }
  m.emit(ev.bridgeChannelEvent('ChannelEnteredBridge', m.ts(), bridge, ch), m.appsForBridge(bridge));
  const others = bridge.channels.filter((c) => c !== ch);
  m.note(ch, { kind: 'bridged', bridgeId: bridge.id, peers: others.map((c) => c.id) });
  for (const o of others) m.note(o, { kind: 'bridged', bridgeId: bridge.id, peers: [ch.id] });
  if (bridge.channels.length === 2) {
    peerVarRound(m, bridge);
    const exchange = (opts.exchangeConnectedLine ?? true) && !opts.inhibitConnectedLineUpdates;
    const other = others[0];
    if (exchange && copyCaller(ch, other)) {
      m.emitChannel(ch, ev.channelEvent('ChannelConnectedLine', m.ts(), ch));
      peerVarRound(m, bridge);
    }
    if (exchange && ch.state === 'Up' && copyCaller(other, ch)) m.emitChannel(other, ev.channelEvent('ChannelConnectedLine', m.ts(), other));
  }
  bridge.recomputeTechnology();
}

/** Takes `ch` out of its bridge: BRIDGEPEER/BRIDGEPVTCALLID cleared, ChannelLeftBridge. The bridge stays. */
export function leave(m: AsteriskModel, ch: Channel): void {
  const bridge = ch.bridge;
  if (!bridge) return;
  for (const name of ['BRIDGEPEER', 'BRIDGEPVTCALLID']) if (ch.vars.get(name)) m.setVar(ch, name, '');
  bridge.channels.splice(bridge.channels.indexOf(ch), 1);
  ch.bridge = undefined;
  m.emit(ev.bridgeChannelEvent('ChannelLeftBridge', m.ts(), bridge, ch), m.appsForBridge(bridge));
  m.note(ch, { kind: 'unbridged', bridgeId: bridge.id });
  bridge.recomputeTechnology();
}

/** DELETE /bridges/{id}: members leave, then BridgeDestroyed to the bridge's subscribers. */
export function destroy(m: AsteriskModel, bridge: Bridge): void {
  if (bridge.destroyed) return;
  for (const ch of [...bridge.channels]) leave(m, ch);
  bridge.destroyed = true;
  m.emit(ev.bridgeEvent('BridgeDestroyed', m.ts(), bridge), m.appsForBridge(bridge));
  m.bridges.delete(bridge.id);
  for (const name of bridge.subscribedApps) {
    m.apps.get(name)?.bridgeIds.delete(bridge.id);
    m.pruneApp(name);
  }
}

/** With exactly two members, each learns its peer's name (and SIP Call-ID). */
export function peerVarRound(m: AsteriskModel, bridge: Bridge): void {
  if (bridge.channels.length !== 2) return;
  const [a, b] = bridge.channels;
  for (const [self, peer] of [
    [a, b],
    [b, a],
  ] as const) {
    m.setVar(self, 'BRIDGEPEER', peer.name);
    if (peer.tech === 'PJSIP') m.setVar(self, 'BRIDGEPVTCALLID', peer.protocolId);
  }
}

/** Sets `target.connected` to `source.caller`; true when it changed. */
function copyCaller(target: Channel, source: Channel): boolean {
  if (target.connected.name === source.caller.name && target.connected.number === source.caller.number) return false;
  target.connected = { ...source.caller };
  return true;
}
