/** Runs `task` over `items` with at most `limit` in flight; results keep the input order. */
export async function mapWithConcurrency<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  return mapWithLimits(items, { limit }, task);
}

/**
 * As mapWithConcurrency, and besides at most `perKey` items of one key in flight (a poll's fetches
 * to one host): an item whose key is at its cap waits, and the next item of another key goes first.
 */
export async function mapWithLimits<T, R>(
  items: readonly T[],
  limits: { limit: number; perKey?: number; keyOf?: (item: T) => string },
  task: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  const taken = new Array<boolean>(items.length).fill(false);
  /** Every item before it is taken. */
  let first = 0;
  let left = items.length;
  const running = new Map<string, number>();
  const keyOf = (index: number) => limits.keyOf?.(items[index] as T) ?? "";
  const perKey = limits.perKey ?? Infinity;
  /** Wakes workers idle because every item left has its key at its cap. */
  let wake: () => void = () => {};
  let woken = new Promise<void>((resolve) => (wake = resolve));

  function take(): number | undefined {
    while (first < items.length && taken[first]) first++;
    for (let index = first; index < items.length; index++) {
      if (!taken[index] && (running.get(keyOf(index)) ?? 0) < perKey) {
        taken[index] = true;
        left--;
        return index;
      }
    }
    return undefined;
  }

  async function worker() {
    while (left > 0) {
      const index = take();
      if (index === undefined) {
        await woken;
        continue;
      }
      const key = keyOf(index);
      running.set(key, (running.get(key) ?? 0) + 1);
      try {
        results[index] = await task(items[index] as T, index);
      } finally {
        running.set(key, (running.get(key) ?? 1) - 1);
        const woke = wake;
        woken = new Promise<void>((resolve) => (wake = resolve));
        woke();
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(Math.max(limits.limit, 1), items.length) }, worker));
  return results;
}
