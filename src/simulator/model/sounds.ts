/** Length of one spoken digit, letter or number word (digits:12ab took 1.68 s on Asterisk). */
export const SPOKEN_UNIT_MS = 420;

/**
 * The simulator's sound library: Asterisk core-sound names and their lengths
 * in ms. Lengths for hello-world, vm-goodbye, beep and vm-nobodyavail come
 * from the recorded traces; the rest are close to the English core sounds.
 * Unknown names behave like a missing file. Extend with the `sounds` option.
 */
export const DEFAULT_SOUNDS: Readonly<Record<string, number>> = {
  'hello-world': 1420,
  'vm-nobodyavail': 2800,
  'demo-congrats': 5300,
  'demo-thanks': 4100,
  'demo-instruct': 11000,
  'demo-echotest': 4800,
  'demo-echodone': 2200,
  beep: 440,
  'tt-monkeys': 8200,
  'tt-weasels': 4200,
  'tt-allbusy': 3000,
  'vm-goodbye': 880,
  goodbye: 700,
  welcome: 700,
  'thank-you-for-calling': 1300,
  'queue-thankyou': 1600,
  'queue-holdtime': 1500,
  'queue-youarenext': 1200,
  'queue-thereare': 900,
  'queue-callswaiting': 1400,
  'queue-periodic-announce': 3500,
  'queue-minutes': 700,
  'queue-seconds': 700,
  'pls-hold-while-try': 2300,
  'please-try-again': 1200,
  invalid: 800,
  'option-is-invalid': 1300,
  'pbx-invalid': 2100,
  transfer: 600,
  'auth-thankyou': 700,
  press: 500,
  for: 400,
  to: 300,
  or: 300,
  'vm-press': 500,
  'vm-for': 400,
  'vm-star-cancel': 2800,
  'vm-intro': 5000,
  'vm-theperson': 1000,
  'vm-isunavail': 1600,
  'vm-isonphone': 1700,
  'vm-sorry': 800,
  'vm-review': 3000,
  'vm-rec-name': 2000,
  'vm-msgsaved': 1000,
  'vm-login': 1500,
  'vm-password': 700,
  'vm-incorrect': 1200,
  'vm-extension': 700,
  'vm-enter-num-to-call': 2200,
  'all-circuits-busy-now': 2200,
  'number-not-answering': 1700,
  'is-curntly-busy': 1200,
  'is-curntly-unavail': 1500,
  'the-party-you-are-calling': 1400,
  'ss-noservice': 5500,
  'conf-onlyperson': 2300,
  'dir-intro': 6000,
  'privacy-prompt': 3000,
  'agent-loginok': 900,
  'agent-loggedoff': 1200,
  ...numberedSounds(),
};

function numberedSounds(): Record<string, number> {
  const out: Record<string, number> = {};
  for (let i = 1; i <= 10; i++) out[`silence/${i}`] = i * 1000;
  for (let i = 0; i <= 20; i++) out[`digits/${i}`] = SPOKEN_UNIT_MS;
  for (const t of [30, 40, 50, 60, 70, 80, 90]) out[`digits/${t}`] = SPOKEN_UNIT_MS;
  for (const w of ['hundred', 'thousand', 'million', 'star', 'pound', 'minus']) out[`digits/${w}`] = SPOKEN_UNIT_MS;
  for (let c = 97; c <= 122; c++) out[`letters/${String.fromCharCode(c)}`] = SPOKEN_UNIT_MS;
  return out;
}

/** How many words English speaks for an integer (`number:` media). */
export function spokenWordCount(n: number): number {
  if (!Number.isFinite(n)) return 1;
  let words = n < 0 ? 1 : 0;
  let rest = Math.floor(Math.abs(n));
  if (rest === 0) return words + 1;
  for (const size of [1_000_000_000, 1_000_000, 1000]) {
    if (rest >= size) {
      words += spokenWordCount(Math.floor(rest / size)) + 1;
      rest %= size;
    }
  }
  if (rest >= 100) {
    words += 2;
    rest %= 100;
  }
  if (rest > 20) words += rest % 10 === 0 ? 1 : 2;
  else if (rest > 0) words += 1;
  return words;
}
