/**
 * When to poll a feed next. Pure: the caller passes the clock and what the last poll learned.
 *
 * A feed's rhythm comes from its own items (7 days ÷ posts in the last week, like miniflux's
 * entry-frequency scheduler); the base interval applies until a feed has shown a rhythm. The feed's
 * own hints (<ttl>, Cache-Control, Expires) can only lengthen it. A stable per-URL offset spreads
 * feeds on one host so they are not hit in lock-step. Failures back off exponentially instead.
 */
import { stableFraction } from "../shared/hash";

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

export const SCHEDULE_LIMITS = {
  minIntervalMs: 15 * MINUTE,
  maxIntervalMs: DAY,
  backoffBaseMs: 5 * MINUTE,
  /** Longest Retry-After we honour; a server asking for more is polled after a week anyway. */
  maxRetryAfterMs: 7 * DAY,
  /** Share of the interval used to spread feeds by URL hash. */
  spread: 0.2,
  maxSpreadMs: 30 * MINUTE,
} as const;

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

export interface SuccessTiming {
  now: Date;
  feedUrl: string;
  baseIntervalMinutes: number;
  /** Items dated within the last 7 days; undefined when the feed's items carry no dates. */
  postsLastWeek?: number;
  ttlMinutes?: number;
  maxAgeSeconds?: number;
}

/** Interval after a successful poll (200 or 304). */
export function intervalAfterSuccess(timing: SuccessTiming): number {
  const { minIntervalMs, maxIntervalMs } = SCHEDULE_LIMITS;
  const rhythm =
    timing.postsLastWeek === undefined
      ? timing.baseIntervalMinutes * MINUTE
      : timing.postsLastWeek === 0
        ? maxIntervalMs
        : (7 * DAY) / timing.postsLastWeek;
  const hinted = Math.max(rhythm, (timing.ttlMinutes ?? 0) * MINUTE, (timing.maxAgeSeconds ?? 0) * 1000);
  return clamp(hinted, minIntervalMs, maxIntervalMs);
}

export function nextPollAfterSuccess(timing: SuccessTiming): Date {
  const interval = intervalAfterSuccess(timing);
  return new Date(timing.now.getTime() + interval + spreadOffset(timing.feedUrl, interval));
}

export interface FailureTiming {
  now: Date;
  feedUrl: string;
  /** Including the failure being recorded: 1 after the first. */
  consecutiveErrors: number;
  retryAfterMs?: number;
}

/** 5 min × 2^(n−1), capped at 24 h; a Retry-After pushes it further. */
export function nextPollAfterFailure(timing: FailureTiming): Date {
  const { backoffBaseMs, maxIntervalMs, maxRetryAfterMs } = SCHEDULE_LIMITS;
  const exponent = Math.min(Math.max(timing.consecutiveErrors - 1, 0), 20);
  const backoff = Math.min(backoffBaseMs * 2 ** exponent, maxIntervalMs);
  const wait = Math.max(backoff, Math.min(timing.retryAfterMs ?? 0, maxRetryAfterMs));
  return new Date(timing.now.getTime() + wait + spreadOffset(timing.feedUrl, Math.min(wait, backoffBaseMs)));
}

function spreadOffset(feedUrl: string, intervalMs: number): number {
  const window = Math.min(intervalMs * SCHEDULE_LIMITS.spread, SCHEDULE_LIMITS.maxSpreadMs);
  return Math.floor(stableFraction(feedUrl) * window);
}

/** More than one post per 15 minutes changes nothing: the interval is already at its floor. */
const MAX_RECENT_DATES = (7 * DAY) / SCHEDULE_LIMITS.minIntervalMs;

/**
 * The feed's publication dates within the last 7 days: what it remembered plus what its latest
 * document shows (a document lists only its newest items, and a 304 shows none). Undefined while
 * the feed has never shown a dated item — its rhythm is unknown.
 */
export function recentDates(remembered: string[] | undefined, seen: (string | undefined)[], now: Date): string[] | undefined {
  const dated = seen.filter((date): date is string => date !== undefined);
  if (remembered === undefined && dated.length === 0) return undefined;
  const weekAgo = now.getTime() - 7 * DAY;
  return [...new Set([...(remembered ?? []), ...dated])]
    .filter((date) => Date.parse(date) >= weekAgo)
    .sort()
    .reverse()
    .slice(0, MAX_RECENT_DATES);
}
