/**
 * When a channel's digest is due: times of day and time zones as people type them, local wall time
 * in a zone (Node's built-in Intl, no date library), and the due rule — defined once here and used by
 * the dispatcher and the local runner.
 *
 * Everything is computed in the subscription's own zone, so a 09:00 Europe/Paris digest stays at 09:00
 * local across daylight-saving changes (08:00Z in winter, 07:00Z in summer). A time that does not exist
 * locally (inside a spring-forward gap) happens when the clock jumps past it; a time that exists twice
 * (a fall-back overlap) happens at its first occurrence, and the lastDigestDate rule keeps the second
 * from posting again.
 */
import type { Subscription } from "../model/digest";

const MINUTE = 60_000;
const DAY = 86_400_000;

// ---------------------------------------------------------------------------------------------
// Parsing what people type

/**
 * A time of day as people type it → "HH:MM" (24-hour); undefined when it is not one.
 * Accepts "9", "09", "9:00", "09:00", "21:15", "9am", "9 AM", "9:30pm", "9:30 p.m.", "12am" (00:00),
 * "12pm" (12:00), "noon" and "midnight". With am/pm the hour is 1–12; without, 0–23.
 */
export function parseTime(text: string): string | undefined {
  const input = text.trim().toLowerCase();
  if (input === "noon") return "12:00";
  if (input === "midnight") return "00:00";
  const match = /^(\d{1,2})(?::(\d{2}))?\s*(?:([ap])\.?\s*m\.?)?$/.exec(input);
  if (!match) return undefined;
  let hour = Number(match[1]);
  const minute = match[2] === undefined ? 0 : Number(match[2]);
  const meridiem = match[3];
  if (minute > 59) return undefined;
  if (meridiem) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (meridiem === "p" ? 12 : 0);
  } else if (hour > 23) {
    return undefined;
  }
  return `${pad(hour)}:${pad(minute)}`;
}

let zonesByLowerCase: Map<string, string> | undefined;

/**
 * An IANA time zone, case-insensitively → its name in canonical casing ("europe/paris" → "Europe/Paris");
 * undefined when Intl does not know it. "UTC", "Etc/UTC", "GMT" (and Intl's other UTC aliases) → "UTC".
 *
 * The name the user chose is kept, only its casing is fixed: "Asia/Kolkata" stays "Asia/Kolkata" although
 * Node 20's ICU resolves it to the older "Asia/Calcutta" (both name the same rules). Bare abbreviations
 * other than UTC/GMT ("EST", "PST", "CET") are refused: Intl maps them to surprising zones (EST is
 * America/Panama, with no daylight saving) and people who type them rarely mean that.
 */
export function parseTimeZone(text: string): string | undefined {
  const input = text.trim();
  if (input.length === 0 || input.length > 64 || !/^[A-Za-z0-9_+\-/]+$/.test(input)) return undefined;
  let resolved: string;
  try {
    resolved = new Intl.DateTimeFormat("en-US", { timeZone: input }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
  if (resolved === "UTC") return "UTC";
  if (!input.includes("/")) return undefined;
  const lower = input.toLowerCase();
  if (resolved.toLowerCase() === lower) return resolved;
  zonesByLowerCase ??= new Map(Intl.supportedValuesOf("timeZone").map((zone) => [zone.toLowerCase(), zone]));
  return zonesByLowerCase.get(lower) ?? titleCaseZone(lower);
}

/** "asia/ho_chi_minh" → "Asia/Ho_Chi_Minh", "us/pacific" → "US/Pacific": the casing of an alias Intl does not list. */
function titleCaseZone(lower: string): string {
  const cased = lower.replace(/(^|[/_-])([a-z])/g, (_, separator: string, letter: string) => separator + letter.toUpperCase());
  return cased.startsWith("Us/") ? `US/${cased.slice(3)}` : cased;
}

// ---------------------------------------------------------------------------------------------
// Local wall time

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let cached = formatters.get(timeZone);
  if (!cached) {
    // Throws RangeError for an unknown zone (and nothing is cached).
    cached = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      weekday: "short",
    });
    formatters.set(timeZone, cached);
  }
  return cached;
}

const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

interface Wall {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  weekday: number;
}

function wallTime(instant: number, timeZone: string): Wall {
  const wall: Wall = { year: 0, month: 0, day: 0, hour: 0, minute: 0, weekday: 0 };
  for (const part of formatter(timeZone).formatToParts(instant)) {
    switch (part.type) {
      case "year":
      case "month":
      case "day":
      case "minute":
        wall[part.type] = Number(part.value);
        break;
      case "hour":
        // h23 already gives 0–23; the modulo guards against ICUs that print midnight as "24".
        wall.hour = Number(part.value) % 24;
        break;
      case "weekday":
        wall.weekday = WEEKDAYS[part.value] ?? 0;
        break;
    }
  }
  return wall;
}

/** The local wall time of `instant`, read as if it were UTC, in ms (minute precision). */
function wallMs(instant: number, timeZone: string): number {
  const w = wallTime(instant, timeZone);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);
}

/** The zone's offset from UTC at `instant`, in ms (e.g. +3_600_000 for Paris in winter). */
function offsetAt(instant: number, timeZone: string): number {
  const minute = Math.floor(instant / MINUTE) * MINUTE;
  return wallMs(minute, timeZone) - minute;
}

/**
 * The local calendar date ("YYYY-MM-DD"), weekday (1 = Monday … 7 = Sunday) and minutes since local
 * midnight (0–1439, seconds dropped) of `instant` in `timeZone`. Throws RangeError for an unknown zone.
 */
export function localParts(instant: Date, timeZone: string): { date: string; weekday: number; minutes: number } {
  const w = wallTime(instant.getTime(), timeZone);
  return { date: `${w.year}-${pad(w.month)}-${pad(w.day)}`, weekday: w.weekday, minutes: w.hour * 60 + w.minute };
}

// ---------------------------------------------------------------------------------------------
// The due rule

/** "HH:MM" (leniently, any parseTime form) → minutes since midnight; undefined when unreadable. */
function minutesOf(time: string): number | undefined {
  const parsed = parseTime(time);
  if (!parsed) return undefined;
  return Number(parsed.slice(0, 2)) * 60 + Number(parsed.slice(3));
}

function isDigestDay(days: Subscription["days"], weekday: number): boolean {
  return days !== "weekdays" || weekday <= 5;
}

/**
 * The due rule, defined once (the dispatcher and the local runner use it): a subscription is due at
 * `now` when, in its own zone, today is a digest day (daily, or Mon–Fri for "weekdays"), the local time
 * has reached its HH:MM, and no digest was posted for today's local date or a later one. A run that comes
 * late the same local day still finds it due (catch-up: late, never skipped); once posted, it is not due
 * again until the next local day. Disabled subscriptions are never due.
 *
 * "Or a later one": lastDigestDate can be ahead of today's local date after the zone was changed
 * westwards (posted for Tokyo's Saturday, now in Los Angeles where it is still Friday) — the channel had
 * its digest hours ago, so Friday is not posted again and dates never go backwards.
 *
 * A subscription whose time or zone cannot be read is never due (rather than throwing and stopping the
 * dispatcher for every other channel). Returns the local date the digest is for, when due.
 */
export function dueDigest(
  subscription: Pick<Subscription, "time" | "timeZone" | "days" | "status" | "lastDigestDate">,
  now: Date,
): { due: true; date: string } | { due: false } {
  if (subscription.status === "disabled") return { due: false };
  const target = minutesOf(subscription.time);
  if (target === undefined) return { due: false };
  let today: ReturnType<typeof localParts>;
  try {
    today = localParts(now, subscription.timeZone);
  } catch {
    return { due: false };
  }
  if (!isDigestDay(subscription.days, today.weekday)) return { due: false };
  if (today.minutes < target) return { due: false };
  const last = subscription.lastDigestDate;
  if (last !== undefined && last >= today.date) return { due: false };
  return { due: true, date: today.date };
}

/**
 * The instant of the subscription's next scheduled time strictly after `now` (for display): the first
 * local date from today on (at most 8 days ahead) that is a digest day, at its HH:MM local, DST-correct.
 * A time inside a spring-forward gap gives the instant the clock jumps past it; a time repeated by a
 * fall-back gives its first occurrence — the instants at which dueDigest starts to say yes.
 *
 * It does not look at lastDigestDate: when today's time has passed but today's digest was not posted
 * yet (e.g. just subscribed), the dispatcher catches up on its next run although this says tomorrow.
 * Throws RangeError for an unreadable time or an unknown zone.
 */
export function nextDigestAt(subscription: Pick<Subscription, "time" | "timeZone" | "days">, now: Date): Date {
  const target = minutesOf(subscription.time);
  if (target === undefined) throw new RangeError(`Not a time of day: "${subscription.time}"`);
  const today = wallTime(now.getTime(), subscription.timeZone);
  const start = Date.UTC(today.year, today.month - 1, today.day);
  for (let i = 0; i <= 8; i++) {
    const date = start + i * DAY;
    const weekday = ((new Date(date).getUTCDay() + 6) % 7) + 1;
    if (!isDigestDay(subscription.days, weekday)) continue;
    const instant = instantOfWallTime(date + target * MINUTE, subscription.timeZone);
    if (instant > now.getTime()) return new Date(instant);
  }
  // Unreachable: within 8 days there is always a later digest day.
  throw new RangeError(`No digest time found after ${now.toISOString()}`);
}

/**
 * The first instant whose local wall time in `timeZone` is `wall` (a wall time read as UTC, in ms):
 * the earlier one when the wall time happens twice, the end of the gap when it does not happen.
 */
function instantOfWallTime(wall: number, timeZone: string): number {
  // At most one offset change lies within a day of any wall time, so the offsets a day either side
  // (and at the wall time itself) are the only candidates.
  const offsets = new Set([offsetAt(wall - DAY, timeZone), offsetAt(wall, timeZone), offsetAt(wall + DAY, timeZone)]);
  const matches = [...offsets].map((offset) => wall - offset).filter((instant) => wallMs(instant, timeZone) === wall);
  if (matches.length > 0) return Math.min(...matches);

  // A gap: the wall time is skipped. Find the first minute whose wall time is at or past it.
  let lo = wall - Math.max(...offsets);
  let hi = wall - Math.min(...offsets);
  if (!(wallMs(lo, timeZone) < wall && wallMs(hi, timeZone) >= wall)) return hi;
  while (hi - lo > MINUTE) {
    const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE;
    if (wallMs(mid, timeZone) >= wall) hi = mid;
    else lo = mid;
  }
  return hi;
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}
