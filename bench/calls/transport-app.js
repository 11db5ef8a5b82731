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

const [dist, url, username, password, app] = process.argv.slice(2);
const { AriClientTransport } = require(path.resolve(dist, 'ari'));
const { BenchCall, BenchCalls } = require('../lib/bench-call');

const IGNORE_BODY = { ignoreBody: true };

// Exit normally on SIGTERM (lets --cpu-prof write its profile).
process.on('SIGTERM', () => process.exit(0));

const transport = new AriClientTransport({ name: 'default', url, username, password, eventFilter: true, legEvents: false });
const failed = (err) => console.error(`request failed: ${err.message}`);

const hangupChannel = (id) => transport.request('channels.hangup', { channelId: id }, IGNORE_BODY).catch(failed);
const calls = new BenchCalls();

transport.onEvent((event) => {
  switch (event.type) {
    case 'StasisStart': {
      const id = event.channel.id;
      calls.add(new BenchCall(id, hangupChannel));
      transport
        .request('channels.answer', { channelId: id }, IGNORE_BODY)
        .then(() => transport.request('channels.play', { channelId: id, media: 'sound:beep' }, IGNORE_BODY))
        .catch(failed);
      return;
    }
    default:
      calls.onEvent(event);
  }
});

transport.connect([app]).then(
  () => console.log('connected to ARI through Voxtra\'s transport; handling calls'),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
