import type { AsteriskModel } from './asterisk-model';
import type { CallerId } from './caller-id';
import type { Channel, ChannelOrigin } from './channel';

export interface LocalTarget {
  readonly exten: string;
  readonly context: string;
  /** `exten@context` as Dial events report it. */
  readonly dialstring: string;
}

/** Parses the device part of `Local/<exten>@<context>[/options]`. */
export function parseLocalDevice(device: string): LocalTarget {
  const [target] = device.split('/');
  const at = target.lastIndexOf('@');
  const exten = at >= 0 ? target.slice(0, at) : target;
  const context = at >= 0 ? target.slice(at + 1) : 'default';
  return { exten, context, dialstring: target };
}

export interface LocalPairOptions {
  readonly origin: ChannelOrigin;
  /** Dialplan app the ;1 half shows while dialing (AppDial2, AppQueue). */
  readonly outgoingApp: string;
  readonly callerId?: CallerId;
  readonly channelId?: string;
  readonly otherChannelId?: string;
}

/**
 * Allocates both halves of a Local channel: `;1` (the originated/dialed side)
 * and `;2` (which will run the dialplan at exten@context), sharing one name
 * counter, with consecutive ids like Asterisk.
 */
export function createLocalPair(m: AsteriskModel, target: LocalTarget, opts: LocalPairOptions): { one: Channel; two: Channel } {
  const counter = m.ids.nameSuffix('Local');
  const resource = `${target.exten}@${target.context}`;
  const cid = opts.callerId ?? { name: '', number: '' };
  const location = { context: target.context, exten: target.exten, priority: 1 };
  const one = m.newChannel({
    tech: 'Local',
    resource,
    nameSuffix: ';1',
    sharedNameCounter: counter,
    origin: opts.origin,
    protocolId: '',
    state: 'Down',
    caller: cid,
    connected: cid,
    dialplan: { ...location, appName: opts.outgoingApp, appData: opts.outgoingApp ? '(Outgoing Line)' : '' },
    id: opts.channelId,
  });
  const two = m.newChannel({
    tech: 'Local',
    resource,
    nameSuffix: ';2',
    sharedNameCounter: counter,
    origin: 'local-peer',
    protocolId: '',
    state: 'Ring',
    caller: cid,
    connected: cid,
    dialplan: { ...location, appName: '', appData: '' },
    id: opts.otherChannelId,
  });
  one.localPeer = two;
  two.localPeer = one;
  return { one, two };
}
