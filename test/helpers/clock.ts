/** A clock tests move by hand: schedules, backoff and freshness depend on it, never on real time. */
export interface TestClock {
  (): Date;
  advance(ms: number): void;
  set(time: Date | string): void;
}

export function testClock(start: Date | string = "2026-11-20T09:00:00Z"): TestClock {
  let now = new Date(start).getTime();
  const clock = (() => new Date(now)) as TestClock;
  clock.advance = (ms) => {
    now += ms;
  };
  clock.set = (time) => {
    now = new Date(time).getTime();
  };
  return clock;
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
