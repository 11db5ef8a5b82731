import { DateTime, IANAZone } from 'luxon';
import { VoxtraError } from '../core/errors';
import type { CalendarSpec, CalendarState, ClosureSpec, MinuteRange } from './calendar-spec';

/** Why a calendar is in its state at an instant (for logs and `voxtra` tools). */
export interface CalendarVerdict {
  readonly state: CalendarState;
  /** Name of the holiday (empty when it has none) when the state is `holiday`. */
  readonly holiday?: string;
  /** The closure in force, when a closure made the state `closed`. */
  readonly closure?: ClosureSpec;
  /** The local wall-clock time the verdict was made for (ISO, with offset). */
  readonly localTime: string;
}

const OFFSET_SLICE_MS = 15 * 60_000;

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/**
 * One calendar, prepared for fast lookups: holidays in hash maps, the week as
 * per-day range lists, closures sorted. Lookups convert the instant to local
 * wall-clock time in the calendar's zone, so opening hours follow DST.
 */
export class CompiledCalendar {
  private readonly zone: IANAZone;
  private readonly dated = new Map<string, string>();
  private readonly yearly = new Map<string, string>();
  private readonly week: readonly (readonly MinuteRange[])[];
  /** Per weekday: the ranges that run past midnight, as minutes into the next day. */
  private readonly spill: readonly (readonly number[])[];
  private readonly closures: readonly ClosureSpec[];
  private cachedSlice = Number.NaN;
  private cachedOffset = 0;

  constructor(readonly name: string, readonly spec: CalendarSpec) {
    if (!IANAZone.isValidZone(spec.timezone)) {
      throw new VoxtraError('CONFIG_INVALID', `calendar "${name}": "${spec.timezone}" is not an IANA time zone`);
    }
    this.zone = IANAZone.create(spec.timezone);
    for (const h of spec.holidays) {
      if (h.date.startsWith('--')) this.yearly.set(h.date.slice(2), h.name ?? '');
      else this.dated.set(h.date, h.name ?? '');
    }
    this.week = spec.week;
    this.spill = spec.week.map((ranges) => ranges.filter(([, end]) => end > 1440).map(([, end]) => end - 1440));
    this.closures = [...spec.closures].sort((a, b) => a.fromMs - b.fromMs);
  }

  /** The calendar's state at `nowMs` (epoch ms). */
  state(nowMs: number): CalendarState {
    return this.evaluate(nowMs, false).state;
  }

  /** The state at `nowMs` together with the holiday or closure behind it. */
  explain(nowMs: number): CalendarVerdict {
    return this.evaluate(nowMs, true);
  }

  private evaluate(nowMs: number, withLocal: boolean): CalendarVerdict {
    const localTime = withLocal ? (DateTime.fromMillis(nowMs, { zone: this.zone }).toISO() ?? '') : '';
    // Wall-clock fields from the zone offset, read as UTC fields of a shifted Date.
    const local = new Date(nowMs + this.offsetAt(nowMs) * 60_000);
    const year = local.getUTCFullYear();
    const month = local.getUTCMonth() + 1;
    const day = local.getUTCDate();
    const holiday = this.holidayName(year, month, day);
    if (holiday !== undefined) return { state: 'holiday', holiday, localTime };
    const closure = this.closureAt(nowMs);
    if (closure) return { state: 'closed', closure, localTime };
    const weekday = (local.getUTCDay() + 6) % 7;
    const minute = local.getUTCHours() * 60 + local.getUTCMinutes();
    return { state: this.openAt(year, month, day, weekday, minute) ? 'open' : 'closed', localTime };
  }

  /**
   * The zone's UTC offset in minutes at `ms`. Asking the zone is the slow part
   * of a lookup, so the offset of a 15-minute slice is remembered when it is
   * the same at both ends of the slice (offsets never change twice that fast).
   */
  private offsetAt(ms: number): number {
    const slice = Math.floor(ms / OFFSET_SLICE_MS);
    if (slice === this.cachedSlice) return this.cachedOffset;
    const first = this.zone.offset(slice * OFFSET_SLICE_MS);
    if (first !== this.zone.offset((slice + 1) * OFFSET_SLICE_MS - 1)) return this.zone.offset(ms);
    this.cachedSlice = slice;
    this.cachedOffset = first;
    return first;
  }

  private openAt(year: number, month: number, day: number, weekday: number, minute: number): boolean {
    for (const [start, end] of this.week[weekday]) {
      if (minute < start) break;
      if (minute < end) return true;
    }
    // The tail of yesterday's overnight range, unless yesterday was a holiday (its shift did not happen).
    const spill = this.spill[(weekday + 6) % 7];
    if (spill.length === 0 || !spill.some((end) => minute < end)) return false;
    const y = new Date(Date.UTC(year, month - 1, day - 1));
    return this.holidayName(y.getUTCFullYear(), y.getUTCMonth() + 1, y.getUTCDate()) === undefined;
  }

  private holidayName(year: number, month: number, day: number): string | undefined {
    const md = `${pad2(month)}-${pad2(day)}`;
    return this.dated.get(`${year}-${md}`) ?? this.yearly.get(md);
  }

  private closureAt(nowMs: number): ClosureSpec | undefined {
    for (const c of this.closures) {
      if (c.fromMs > nowMs) break;
      if (nowMs < c.toMs) return c;
    }
    return undefined;
  }
}
