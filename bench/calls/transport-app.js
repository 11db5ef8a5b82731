// The `voxtra-transport` contender of bench/calls: Voxtra's ARI transport
// (`AriClientTransport` from a build: the events socket and its handover, the
// request pipeline with its deadline and bounded pool, the HTTP executor, the
// application event filter Voxtra sets for a flow that places no calls) under
// the bench flow written by hand with callbacks, as minimal-app.js writes it:
// answer; play sound:beep to its end; collect four digits (digits pressed
// during the sound count), 5 s for the first and 3 s between digits; hang up.
// Nothing of Voxtra's runtime runs: no gateway, admission, session, `call`
// object, call control, logging or metrics. Between the minimal app and
// `voxtra`, it tells what Voxtra's transport costs from what the layers above
// it cost.
//
// Usage: node transport-app.js <dist> <url> <user> <password> <app>
'use strict';

const path = require('node:path');
const { setTimeout, clearTimeout } = require('node:timers');

const [dist, url, username, password, app] = process.argv.slice(2);
const { AriClientTransport } = require(path.resolve(dist, 'ari'));

const DIGITS = 4;
const FIRST_DIGIT_MS = 5000;
const NEXT_DIGIT_MS = 3000;
const IGNORE_BODY = { ignoreBody: true };

// Exit normally on SIGTERM (lets --cpu-prof write its profile).
process.on('SIGTERM', () => process.exit(0));

const transport = new AriClientTransport({ name: 'default', url, username, password, eventFilter: true, legEvents: false });
const failed = (err) => console.error(`request failed: ${err.message}`);

/** One call: digits so far, and the digit timer once the sound has played. */
class Call {
  constructor(id) {
    this.id = id;
    this.digits = 0;
    this.listening = false;
    this.timer = undefined;
    this.done = false;
  }

  listen() {
    this.listening = true;
    this.next();
  }

  digit() {
    this.digits++;
    if (this.listening) this.next();
  }

  next() {
    clearTimeout(this.timer);
    if (this.digits >= DIGITS) return this.hangup();
    this.timer = setTimeout(() => this.hangup(), this.digits === 0 ? FIRST_DIGIT_MS : NEXT_DIGIT_MS);
  }

  hangup() {
    if (this.done) return;
    this.done = true;
    transport.request('channels.hangup', { channelId: this.id }, IGNORE_BODY).catch(failed);
  }

  end() {
    clearTimeout(this.timer);
    calls.delete(this.id);
  }
}

const calls = new Map();

transport.onEvent((event) => {
  switch (event.type) {
    case 'StasisStart': {
      const id = event.channel.id;
      calls.set(id, new Call(id));
      transport
        .request('channels.answer', { channelId: id }, IGNORE_BODY)
        .then(() => transport.request('channels.play', { channelId: id, media: 'sound:beep' }, IGNORE_BODY))
        .catch(failed);
      return;
    }
    case 'PlaybackFinished': {
      const target = event.playback.target_uri;
      calls.get(target.slice(target.indexOf(':') + 1))?.listen();
      return;
    }
    case 'ChannelDtmfReceived':
      calls.get(event.channel.id)?.digit();
      return;
    case 'StasisEnd':
      calls.get(event.channel.id)?.end();
      return;
    default:
      return;
  }
});

transport.connect([app]).then(
  () => console.log('connected to ARI through Voxtra\'s transport; handling calls'),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
