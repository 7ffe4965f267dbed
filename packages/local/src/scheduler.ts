/**
 * The schedules of `definitions.ts`, run in this process: each at start, then on the clock —
 * the same handlers EventBridge Scheduler invokes on AWS. A run still going when the next is
 * due is not started twice.
 */
import { depsFor, SCHEDULES, scheduleHandlers, type RecapDeps, type ScheduleName } from "@recap/core/runtime";

export interface LocalSchedules {
  stop(): Promise<void>;
}

export function startSchedules(deps: RecapDeps): LocalSchedules {
  const timers: NodeJS.Timeout[] = [];
  const running = new Map<ScheduleName, Promise<unknown>>();

  const run = (name: ScheduleName) => {
    if (running.has(name)) return;
    const job = scheduleHandlers[name](depsFor(name, deps))
      .catch((error: unknown) => deps.log.error(`Schedule ${name} failed`, { error: String(error) }))
      .finally(() => running.delete(name));
    running.set(name, job);
  };

  for (const name of Object.keys(SCHEDULES) as ScheduleName[]) {
    run(name);
    // On the clock, like the cron expression on AWS: the next :00/:15/:30/:45, then every period.
    const period = SCHEDULES[name].everyMinutes * 60_000;
    const first = setTimeout(
      () => {
        run(name);
        timers.push(setInterval(() => run(name), period));
      },
      period - (Date.now() % period),
    );
    timers.push(first);
  }

  return {
    async stop() {
      for (const timer of timers) clearTimeout(timer);
      await Promise.all(running.values());
    },
  };
}
