// The hand-written contender of bench/calls: the bench flow (answer, play a
// short sound, collect four DTMF digits, hang up) written the way the
// ari-client README writes apps: one client, event handlers on it and on the
// channel instance, promises from the generated methods, ari-client's own
// HTTP requests (no bounding of connections or requests in flight).
// Usage: node handwritten-app.js <url> <user> <password> <app>
'use strict';

const ari = require('ari-client');

const [url, username, password, app] = process.argv.slice(2);

// Exit normally on SIGTERM (lets --cpu-prof write its profile).
process.on('SIGTERM', () => process.exit(0));

ari
  .connect(url, username, password)
  .then((client) => {
    client.on('StasisStart', (event, channel) => {
      const digits = [];
      const onDtmf = (dtmf) => {
        digits.push(dtmf.digit);
        if (digits.length === 4) channel.hangup().catch(() => undefined);
      };
      channel.on('ChannelDtmfReceived', onDtmf);
      channel.once('StasisEnd', () => channel.removeListener('ChannelDtmfReceived', onDtmf));
      channel
        .answer()
        .then(() => channel.play({ media: 'sound:beep' }, client.Playback()))
        .catch((err) => console.error(`call ${channel.id}: ${err.message}`));
    });
    return client.start(app);
  })
  .then(() => {
    console.log('connected to ARI; handling calls');
    if (process.send) process.send({ type: 'ready' });
  })
  .catch((err) => {
    console.error(err);
    process.exit(1);
  });
