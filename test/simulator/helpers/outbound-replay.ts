import type { OutboundWebSocketConfig, SimulatorOptions } from '../../../src/simulator';
import { OutboundServer, type ServerSocket } from './outbound-server';
import { tracesDialplan } from './readme-dialplan';
import type { TraceLine } from './trace-file';
import type { ReplayContext, ReplayExtension } from './trace-replay';

/** What happened on the recorder's side of the outbound sockets, for the comparisons. */
export interface OutboundFacts {
  /** Upgrade requests in arrival order, with their outcome. */
  readonly sockets: readonly ServerSocket[];
  /** Trace socket name → the simulator's socket it was matched with (opened sockets, in order). */
  readonly aliases: ReadonlyMap<string, ServerSocket>;
  /** Scale the replay ran at (real ms per trace ms). */
  readonly scale: number;
}

/** The websocket_client.conf + ari.conf settings a trace note describes, pointed at the replay's server. */
export interface OutboundSetup {
  /** ari.conf section name. */
  readonly id: string;
  /** Prefix of the trace's connection names (`out`, `pc`); the pseudo socket is `<prefix>-server`. */
  readonly prefix: string;
  /** The configuration, `uri` given as a path (host and port are the replay server's). */
  readonly config: OutboundWebSocketConfig;
  /** Configured from the start (per call), or when this note appears (persistent, at a reload). */
  readonly addedAt?: RegExp;
  /** Removed when this note appears. */
  readonly removedAt?: RegExp;
}

/**
 * Plays the recorder's WebSocket server for an outbound trace: listens,
 * stops and listens again on one port, accepts or refuses upgrades as the
 * trace's `mode` lines say, closes or drops sockets (`server-close`,
 * `server-terminate`), adds and removes the simulator's outbound
 * configuration at the notes where the recording changed Asterisk's, and
 * binds each socket the trace opened to the simulator's socket that opened
 * in the same place in order, so frames, close codes and `ws-send` lines
 * line up by the trace's names.
 */
export function outboundReplay(setup: OutboundSetup, facts: { current?: OutboundFacts }): ReplayExtension {
  const server = new OutboundServer(setup.prefix);
  const aliases = new Map<string, ServerSocket>();
  const traceOpened: string[] = [];
  let ctxRef: ReplayContext | undefined;
  let added = false;
  const configure = (): void => {
    ctxRef?.sim.setOutbound(setup.id, { ...setup.config, uri: `ws://127.0.0.1:${server.port}${setup.config.uri}` });
  };
  const own = (socket: string): boolean => socket === `${setup.prefix}-server` || socket.startsWith(`${setup.prefix}-`);

  server.onOpen = (sock) => {
    const opened = server.sockets.filter((s) => s.outcome === 'open');
    const name = traceOpened[opened.indexOf(sock)];
    if (!name || !ctxRef) return;
    aliases.set(name, sock);
    const result = ctxRef.result;
    const sim = { events: sock.frames, eventTimes: sock.frameTimes, ws: undefined, send: (text: string, binary: boolean) => sock.ws?.send(text, { binary }) };
    result.sockets.set(name, sim);
  };
  server.onFrame = (sock, frame) => {
    const name = [...aliases.entries()].find(([, s]) => s === sock)?.[0];
    if (name) ctxRef?.received(name, frame);
  };

  return {
    async prepare(): Promise<SimulatorOptions> {
      await server.listen();
      await server.stopListening();
      const options: SimulatorOptions = { dialplan: tracesDialplan(), apps: ['voxtra'] };
      return setup.addedAt ? options : { ...options, outbound: { [setup.id]: { ...setup.config, uri: `ws://127.0.0.1:${server.port}${setup.config.uri}` } } };
    },

    async line(line: TraceLine, ctx: ReplayContext): Promise<boolean> {
      ctxRef = ctx;
      facts.current = { sockets: server.sockets, aliases, scale: ctx.scale };
      if (traceOpened.length === 0) {
        for (const l of ctx.result.trace) if (l.dir === 'ws' && l.what === 'open' && own(l.socket) && l.socket !== `${setup.prefix}-server`) traceOpened.push(l.socket);
      }
      if (line.dir === 'note') {
        if (setup.addedAt?.test(line.text) && !added) {
          added = true;
          await ctx.until(line.t);
          configure();
          return true;
        }
        if (setup.removedAt?.test(line.text)) {
          await ctx.caughtUp('the configuration removal');
          await ctx.until(line.t);
          ctx.sim.removeOutbound(setup.id);
          return true;
        }
        return false;
      }
      if (line.dir !== 'ws' || !own(line.socket)) return false;
      switch (line.what) {
        case 'listen':
          await ctx.until(line.t);
          server.mode = modeOf(line.mode);
          await server.listen();
          return true;
        case 'stop-listening':
          await ctx.until(line.t);
          await server.stopListening();
          return true;
        case 'mode':
          await ctx.until(line.t);
          server.mode = modeOf(line.mode);
          return true;
        case 'server-close':
        case 'server-terminate': {
          await ctx.caughtUp(`${line.socket} ${line.what}`);
          await ctx.until(line.t);
          const sock = aliases.get(line.socket);
          if (line.what === 'server-close') sock?.ws?.close(line.code ?? 1000, line.reason ?? '');
          else sock?.ws?.terminate();
          return true;
        }
        case 'open':
          await ctx.waitFor(`${line.socket} to open`, () => aliases.has(line.socket));
          return true;
        case 'close':
          await ctx.waitFor(`${line.socket} to close`, () => aliases.get(line.socket)?.closeCode !== undefined);
          {
            const s = ctx.result.sockets.get(line.socket);
            if (s) s.closeCode = aliases.get(line.socket)?.closeCode;
          }
          return true;
        default:
          // upgrade-request, upgrade-response, upgrade-refused, tcp-close: compared afterwards.
          return true;
      }
    },

    async close(): Promise<void> {
      await server.close();
    },
  };
}

function modeOf(mode: string | undefined): OutboundServer['mode'] {
  if (mode === 'refuse 401') return 401;
  if (mode === 'refuse 503') return 503;
  return 'accept';
}
