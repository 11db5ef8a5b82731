/**
 * The slice of Asterisk's `$[...]` expressions dialplans use around Stasis():
 * comparisons (`=`, `!=`, `<`, `>`, `<=`, `>=`) of quoted or bare operands,
 * numerically when both are numbers, and `&` / `|` between comparisons.
 * Evaluated after `${...}` substitution, as pbx_substitute_variables does.
 */
export function expandExpressions(text: string): string {
  return text.replace(/\$\[([^[\]]*)\]/g, (_m, expr: string) => evaluate(expr));
}

const TOKEN = /\s*("(?:[^"\\]|\\.)*"|!=|<=|>=|=|<|>|&|\||[^\s"=!<>&|]+)/y;

function tokens(expr: string): string[] {
  const out: string[] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(expr); m; m = TOKEN.exec(expr)) out.push(m[1]);
  return out;
}

const unquote = (t: string): string => (t.startsWith('"') && t.endsWith('"') && t.length >= 2 ? t.slice(1, -1) : t);
const isNumber = (s: string): boolean => /^[+-]?\d+(\.\d+)?$/.test(s);

function compare(a: string, op: string, b: string): boolean {
  const numeric = isNumber(a) && isNumber(b);
  const x: number | string = numeric ? Number(a) : a;
  const y: number | string = numeric ? Number(b) : b;
  switch (op) {
    case '=':
      return x === y;
    case '!=':
      return x !== y;
    case '<':
      return x < y;
    case '>':
      return x > y;
    case '<=':
      return x <= y;
    default:
      return x >= y;
  }
}

const truthy = (s: string): boolean => s !== '' && s !== '0';

function evaluate(expr: string): string {
  const t = tokens(expr);
  let result: boolean | undefined;
  let joiner: string | undefined;
  for (let i = 0; i < t.length; ) {
    let value: boolean;
    if (i + 1 < t.length && ['=', '!=', '<', '>', '<=', '>='].includes(t[i + 1])) {
      value = compare(unquote(t[i]), t[i + 1], unquote(t[i + 2] ?? ''));
      i += 3;
    } else if (t.length === 1) {
      return unquote(t[0]);
    } else {
      value = truthy(unquote(t[i]));
      i += 1;
    }
    result = result === undefined ? value : joiner === '&' ? result && value : result || value;
    joiner = t[i];
    i += joiner === '&' || joiner === '|' ? 1 : 0;
    if (joiner !== '&' && joiner !== '|') break;
  }
  return result ? '1' : '0';
}

/** pbx_checkcondition: empty is false, a number is its value, any other text is true. */
export function conditionTrue(text: string): boolean {
  const s = text.trim();
  if (s === '') return false;
  return isNumber(s) ? Number(s) !== 0 : true;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/**
 * ${STRFTIME(epoch,timezone,format)} at `nowMs` (UTC; the epoch argument,
 * when given, replaces now): %s, %<n>q (fractional seconds, n digits),
 * %Y %m %d %H %M %S and %%.
 */
export function strftime(nowMs: number, args: string): string {
  const [epoch = '', , format = '%c'] = args.split(',');
  const ms = epoch.trim() !== '' && isNumber(epoch.trim()) ? Number(epoch.trim()) * 1000 : nowMs;
  const d = new Date(Math.floor(ms));
  return format.replace(/%(\d?)([sqYmdHMS%])/g, (_m, digits: string, c: string) => {
    switch (c) {
      case 's':
        return String(Math.floor(ms / 1000));
      case 'q':
        return pad(d.getUTCMilliseconds(), 3).slice(0, Number(digits || '3'));
      case 'Y':
        return String(d.getUTCFullYear());
      case 'm':
        return pad(d.getUTCMonth() + 1);
      case 'd':
        return pad(d.getUTCDate());
      case 'H':
        return pad(d.getUTCHours());
      case 'M':
        return pad(d.getUTCMinutes());
      case 'S':
        return pad(d.getUTCSeconds());
      default:
        return '%';
    }
  });
}
