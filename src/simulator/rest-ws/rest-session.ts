import { runOperation } from '../api/dispatch';
import { normalizeArgs } from '../api/normalize-args';
import { reasonPhrase } from '../api/reason-phrase';
import type { AriRouter } from '../http/ari-router';
import type { AsteriskModel } from '../model/asterisk-model';
import type { Channel } from '../model/channel';
import type { JsonObject } from '../model/json';
import { whenIdle } from '../model/media-engine';
import { Args, type OpArgs } from '../model/ops/args';
import type { AriResult } from '../model/result';
import { parseRestFrame, type RestRequest } from './rest-request';
import { restResponseFrame, type RestReply } from './rest-response';
import { resolveRestTarget } from './rest-route';

/**
 * Operations whose handler joins the channel's Stasis thread
 * (stasis_app_send_command, res/stasis/control.c), and the parameter naming
 * their channels: they wait for the media the channel plays or records.
 */
const JOINS_CHANNEL: Readonly<Record<string, string>> = {
  'channels.answer': 'channelId',
  'channels.setChannelVar': 'channelId',
  'bridges.addChannel': 'channel',
  'bridges.removeChannel': 'channel',
};

export interface RestSessionOptions {
  readonly model: AsteriskModel;
  readonly router: AriRouter;
  /** The app responses name and whose event filter they pass (the socket's first app). */
  readonly appName: () => string;
  /** Writes one frame to the socket (events and responses share it). */
  readonly write: (frame: JsonObject) => void;
  /** Real ms each request waits before it is served (the simulator's responseDelayMs). */
  readonly responseDelayMs?: number;
  /** Host header of the upgrade (the api-docs' basePath). */
  readonly host?: string;
}

/**
 * REST over one ARI WebSocket: RESTRequest frames in, RESTResponse frames
 * out, answered one at a time in the order they arrived, as the socket's
 * single thread does on Asterisk. A request that joins a channel's thread
 * while the channel plays or records is answered when the media ends, and
 * every request behind it on this socket waits too (head-of-line), while
 * HTTP requests and other sockets go on. A response the app's event filter
 * does not allow is dropped.
 */
export class RestSession {
  private readonly inbox: string[] = [];
  private running = false;
  private closed = false;

  constructor(private readonly o: RestSessionOptions) {}

  /** A text frame from the client (binary frames are ignored by the caller, as by Asterisk). */
  receive(text: string): void {
    if (this.closed) return;
    this.inbox.push(text);
    this.pump();
  }

  /** The socket is gone: queued requests are dropped; one already waiting still runs, unanswered. */
  close(): void {
    this.closed = true;
    this.inbox.length = 0;
  }

  /** Requests received and not yet answered (the one in progress included). */
  get backlog(): number {
    return this.inbox.length + (this.running ? 1 : 0);
  }

  private pump(): void {
    if (this.running) return;
    this.running = true;
    for (let text = this.inbox.shift(); text !== undefined; text = this.inbox.shift()) {
      if (this.closed) break;
      if (this.handle(text) === 'waiting') return;
    }
    this.running = false;
  }

  private resume(): void {
    this.running = false;
    this.pump();
  }

  private handle(text: string): 'done' | 'waiting' {
    const delay = this.o.responseDelayMs ?? 0;
    if (delay <= 0) return this.serve(text);
    setTimeout(() => {
      if (this.serve(text) === 'done') this.resume();
    }, delay);
    return 'waiting';
  }

  /** Answers one frame; 'waiting' when it waits for a channel (the answer and resume() come later). */
  private serve(text: string): 'done' | 'waiting' {
    const parsed = parseRestFrame(text);
    if ('refusal' in parsed) {
      const r = parsed.refusal;
      this.reply({ ...r, body: r.message === undefined ? undefined : { message: r.message } });
      return 'done';
    }
    const req = parsed.request;
    const target = resolveRestTarget(this.o.router, req, this.o.host);
    if ('answer' in target) {
      this.answer(req, target.answer);
      return 'done';
    }
    const { route, path } = target;
    const args = normalizeArgs(route, { path, query: req.query, body: req.body });
    const run = (): void => this.answer(req, runOperation(this.o.model, route, args), route.op);
    const channels = this.joinedChannels(route.op, args);
    if (channels.length === 0) {
      run();
      return 'done';
    }
    let sync = true;
    let ready = false;
    this.afterEach(channels, 0, () => {
      ready = true;
      if (sync) return;
      run();
      this.resume();
    });
    sync = false;
    if (!ready) return 'waiting';
    run();
    return 'done';
  }

  private joinedChannels(op: string, args: OpArgs): Channel[] {
    const param = JOINS_CHANNEL[op];
    if (param === undefined) return [];
    const out: Channel[] = [];
    for (const id of new Args(args).list(param)) {
      const ch = this.o.model.liveChannel(id);
      if (ch?.stasis) out.push(ch);
    }
    return out;
  }

  private afterEach(channels: readonly Channel[], i: number, done: () => void): void {
    if (i >= channels.length) {
      done();
      return;
    }
    whenIdle(channels[i], () => this.afterEach(channels, i + 1, done));
  }

  private answer(req: RestRequest, result: AriResult, op?: string): void {
    this.reply({ transactionId: req.transactionId, requestId: req.requestId, uri: req.uri, status: result.status, reason: reasonPhrase(result, op), body: result.body });
  }

  private reply(reply: RestReply): void {
    if (this.closed) return;
    const m = this.o.model;
    const app = this.o.appName();
    if (!m.allows(app, 'RESTResponse')) return;
    this.o.write(restResponseFrame(reply, app, m.ts(), m.asteriskId));
  }
}
