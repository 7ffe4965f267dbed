import { describe, expect, it } from "vitest";
import { mapWithConcurrency, mapWithLimits } from "../../packages/core/src/shared/concurrency";

/** A task whose every call waits until the test lets it finish, recording what ran at once. */
function gatedTasks() {
  const running: string[] = [];
  let most = 0;
  const mostPerKey = new Map<string, number>();
  const gates: (() => void)[] = [];
  const task = async (item: string) => {
    running.push(item);
    most = Math.max(most, running.length);
    const key = item.split("/")[0] as string;
    mostPerKey.set(key, Math.max(mostPerKey.get(key) ?? 0, running.filter((r) => r.startsWith(`${key}/`)).length));
    await new Promise<void>((resolve) => gates.push(resolve));
    running.splice(running.indexOf(item), 1);
    return item.toUpperCase();
  };
  const settle = async () => {
    await new Promise((resolve) => setImmediate(resolve));
  };
  /** Lets every task finish, round by round, until `done` settles. */
  async function drain(done: Promise<unknown>) {
    let finished = false;
    void done.then(() => (finished = true));
    while (!finished) {
      await settle();
      for (const open of gates.splice(0)) open();
    }
  }
  return { task, drain, running, most: () => most, mostPerKey };
}

describe("mapWithLimits", () => {
  it("keeps at most `perKey` items of one key in flight while items of other keys use the free slots", async () => {
    const items = ["a/1", "a/2", "a/3", "a/4", "a/5", "b/1", "b/2", "c/1"];
    const gated = gatedTasks();
    const done = mapWithLimits(items, { limit: 4, perKey: 2, keyOf: (item) => item.split("/")[0] as string }, gated.task);
    await new Promise((resolve) => setImmediate(resolve));
    // The first round: two of a, and b and c take the other slots rather than waiting behind a.
    expect(gated.running.sort()).toEqual(["a/1", "a/2", "b/1", "b/2"]);
    await gated.drain(done);
    expect(await done).toEqual(items.map((item) => item.toUpperCase()));
    expect(gated.mostPerKey.get("a")).toBe(2);
    expect(gated.most()).toBe(4);
  });

  it("without keys, is mapWithConcurrency: `limit` at once, results in input order", async () => {
    const gated = gatedTasks();
    const items = Array.from({ length: 10 }, (_, i) => `x${i}/item`);
    const done = mapWithConcurrency(items, 3, gated.task);
    await gated.drain(done);
    expect(await done).toEqual(items.map((item) => item.toUpperCase()));
    expect(gated.most()).toBe(3);
  });

  it("rejects with a task's error, and finishes thousands of items of a few keys in input order per key", async () => {
    await expect(
      mapWithLimits(["a/1", "a/2", "b/1"], { limit: 2, perKey: 1, keyOf: (item) => item[0] as string }, async (item) => {
        if (item === "a/2") throw new Error("a/2 failed");
        return item;
      }),
    ).rejects.toThrow("a/2 failed");

    const items = Array.from({ length: 5_000 }, (_, i) => `${"abc"[i % 3]}/${i}`);
    const started: string[] = [];
    const results = await mapWithLimits(items, { limit: 8, perKey: 2, keyOf: (item) => item[0] as string }, async (item) => {
      started.push(item);
      await Promise.resolve();
      return item;
    });
    expect(results).toEqual(items);
    for (const key of ["a", "b", "c"]) expect(started.filter((item) => item[0] === key)).toEqual(items.filter((item) => item[0] === key));
  });
});
