// One call of the bench flow as the hand-written contenders of bench/calls
// run it (minimal-app.js, transport-app.js), and the table of calls that the
// events after StasisStart move on: the digits so far, and the digit
// timer once the sound has played. The sound's end starts the listening
// (digits pressed during it count); four digits, or 5 s without the first or
// 3 s without the next, end it with a hangup.
'use strict';

const { setTimeout, clearTimeout } = require('node:timers');

const DIGITS = 4;
const FIRST_DIGIT_MS = 5000;
const NEXT_DIGIT_MS = 3000;

class BenchCall {
  /** `sendHangup(id)` sends the hangup request, once. */
  constructor(id, sendHangup) {
    this.id = id;
    this.sendHangup = sendHangup;
    this.digits = 0;
    this.listening = false;
    this.timer = undefined;
    this.done = false;
  }

  /** The sound ended: listen (the digits already pressed count). */
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
    this.sendHangup(this.id);
  }

  /** The call left the app (StasisEnd): no timer stays. */
  end() {
    clearTimeout(this.timer);
  }
}

/** The calls in progress, by channel id, and the events after StasisStart that move them on. */
class BenchCalls {
  constructor() {
    this.byId = new Map();
  }

  add(call) {
    this.byId.set(call.id, call);
  }

  /** Moves a call on for PlaybackFinished, ChannelDtmfReceived and StasisEnd (which ends it); false for any other event. */
  onEvent(event) {
    switch (event.type) {
      case 'PlaybackFinished': {
        const target = event.playback.target_uri;
        this.byId.get(target.slice(target.indexOf(':') + 1))?.listen();
        return true;
      }
      case 'ChannelDtmfReceived':
        this.byId.get(event.channel.id)?.digit();
        return true;
      case 'StasisEnd': {
        const call = this.byId.get(event.channel.id);
        if (call) {
          this.byId.delete(call.id);
          call.end();
        }
        return true;
      }
      default:
        return false;
    }
  }
}

module.exports = { BenchCall, BenchCalls };
