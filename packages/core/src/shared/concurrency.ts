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
 * Items start in input order otherwise; choosing the next one costs O(log keys).
 */
export async function mapWithLimits<T, R>(
  items: readonly T[],
  limits: { limit: number; perKey?: number; keyOf?: (item: T) => string },
  task: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  const perKey = limits.perKey ?? Infinity;
  // Each key's items in order, and the keys that may start their next item, by that item's index.
  const keys = items.map((item) => limits.keyOf?.(item) ?? "");
  const queues = new Map<string, { indexes: number[]; next: number; running: number }>();
  keys.forEach((key, index) => {
    const queue = queues.get(key) ?? { indexes: [], next: 0, running: 0 };
    queue.indexes.push(index);
    queues.set(key, queue);
  });
  const ready = new MinHeap<string>();
  for (const [key, queue] of queues) ready.push(queue.indexes[0] as number, key);
  let left = items.length;
  /** Wakes workers idle because every key with items left is at its cap. */
  let wake: () => void = () => {};
  let woken = new Promise<void>((resolve) => (wake = resolve));

  function take(): number | undefined {
    const key = ready.pop();
    if (key === undefined) return undefined;
    const queue = queues.get(key)!;
    const index = queue.indexes[queue.next++] as number;
    queue.running++;
    left--;
    if (queue.running < perKey && queue.next < queue.indexes.length) ready.push(queue.indexes[queue.next] as number, key);
    return index;
  }

  function finish(index: number) {
    const key = keys[index] as string;
    const queue = queues.get(key)!;
    // At its cap until now, the key may start its next item again.
    if (queue.running-- === perKey && queue.next < queue.indexes.length) ready.push(queue.indexes[queue.next] as number, key);
    const woke = wake;
    woken = new Promise<void>((resolve) => (wake = resolve));
    woke();
  }

  async function worker() {
    while (left > 0) {
      const index = take();
      if (index === undefined) {
        await woken;
        continue;
      }
      try {
        results[index] = await task(items[index] as T, index);
      } finally {
        finish(index);
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(Math.max(limits.limit, 1), items.length) }, worker));
  return results;
}

/** A binary heap of values by a numeric priority, smallest first. */
class MinHeap<V> {
  private readonly entries: { priority: number; value: V }[] = [];

  push(priority: number, value: V) {
    const entries = this.entries;
    entries.push({ priority, value });
    for (let i = entries.length - 1; i > 0;) {
      const parent = (i - 1) >> 1;
      if (entries[parent]!.priority <= entries[i]!.priority) break;
      [entries[parent], entries[i]] = [entries[i]!, entries[parent]!];
      i = parent;
    }
  }

  pop(): V | undefined {
    const entries = this.entries;
    const top = entries[0];
    const last = entries.pop();
    if (top === undefined || last === undefined || entries.length === 0) return top?.value;
    entries[0] = last;
    for (let i = 0; ;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < entries.length && entries[left]!.priority < entries[smallest]!.priority) smallest = left;
      if (right < entries.length && entries[right]!.priority < entries[smallest]!.priority) smallest = right;
      if (smallest === i) break;
      [entries[smallest], entries[i]] = [entries[i]!, entries[smallest]!];
      i = smallest;
    }
    return top.value;
  }
}
