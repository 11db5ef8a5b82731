// The call both call benches run (bench/calls against the simulator, bench/session in one process): one
// definition, so the two measure the same flow. The hand-written contenders perform the same steps.
'use strict';

/** The Stasis app the benches use. */
const BENCH_APP = 'bench';

/** Answer, play a short sound, collect 4 digits (5 s for the first, 3 s between), hang up. */
const BENCH_FLOW = `# The bench flow: the same steps the hand-written app performs.
default: bench
flows:
  bench:
    steps:
      - answer
      - play: sound:beep
      - listen_dtmf: { max_digits: 4, timeout: 5s, inter_digit_timeout: 3s }
      - hangup
`;

module.exports = { BENCH_APP, BENCH_FLOW };
