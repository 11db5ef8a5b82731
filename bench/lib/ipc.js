// Waiting for a child process's IPC messages, shared by the bench drivers.
'use strict';

const { setTimeout, clearTimeout } = require('node:timers');

/** Resolves with the next IPC message of `type` from `child`; rejects after `timeoutMs`. */
function nextMessage(child, type, timeoutMs) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.off('message', on);
      reject(new Error(`no ${type} message within ${timeoutMs} ms`));
    }, timeoutMs);
    const on = (msg) => {
      if (!msg || msg.type !== type) return;
      clearTimeout(timer);
      child.off('message', on);
      resolve(msg);
    };
    child.on('message', on);
  });
}

module.exports = { nextMessage };
