import { describe, expect, it } from "vitest";
import { ByteBudget } from "../../packages/core/src/shared/byte-budget";

/** Whether a promise has settled once every pending callback has run. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(() => (done = true));
  await new Promise((resolve) => setImmediate(resolve));
  return done;
}

describe("ByteBudget", () => {
  it("grants takes that fit and holds back one that would pass the capacity until a lease closes", async () => {
    const budget = new ByteBudget(100);
    const first = budget.lease();
    const second = budget.lease();
    await first.take(60);
    await second.take(30);
    expect(budget.inUse).toBe(90);
    const blocked = second.take(20);
    expect(await settled(blocked)).toBe(false);
    first.close();
    expect(await settled(blocked)).toBe(true);
    expect(budget.inUse).toBe(50);
  });

  it("never lets every task wait on the others: the oldest open lease takes what it needs", async () => {
    const budget = new ByteBudget(100);
    const oldest = budget.lease();
    const younger = budget.lease();
    await younger.take(90);
    await oldest.take(80); // past the capacity, but nothing older can free room for it
    expect(budget.inUse).toBe(170);
    const waits = younger.take(10);
    expect(await settled(waits)).toBe(false);
    oldest.close();
    // The younger lease is the oldest now: it goes on, whatever the capacity says.
    expect(await settled(waits)).toBe(true);
    expect(budget.inUse).toBe(100);
  });

  it("serves waiters in order, so a small take never starves a large one", async () => {
    const budget = new ByteBudget(100);
    const holder = budget.lease();
    const large = budget.lease();
    const small = budget.lease();
    await holder.take(60);
    const largeTake = large.take(50);
    const smallTake = small.take(10); // would fit, but the large take asked first
    expect([await settled(largeTake), await settled(smallTake)]).toEqual([false, false]);
    holder.close();
    expect([await settled(largeTake), await settled(smallTake)]).toEqual([true, true]);
    expect(budget.inUse).toBe(60);
  });

  it("gives back all a lease held when it closes, once, and forgets a take it was still waiting for", async () => {
    const budget = new ByteBudget(10);
    const oldest = budget.lease();
    const gaveUp = budget.lease();
    const next = budget.lease();
    await oldest.take(10);
    void gaveUp.take(5);
    const nextTake = next.take(5);
    gaveUp.close(); // its task failed while it waited
    gaveUp.close();
    oldest.close();
    expect(await settled(nextTake)).toBe(true);
    expect(budget.inUse).toBe(5);
    next.close();
    expect(budget.inUse).toBe(0);
  });

  it("grants every take the oldest lease has waiting once it is the oldest, not only its first", async () => {
    const budget = new ByteBudget(100);
    const [first, second, third] = [budget.lease(), budget.lease(), budget.lease()];
    await first.take(5);
    await second.take(5);
    await third.take(85);
    // Two fetches of one feed's refresh wait at once, with another feed's take between them.
    const a = second.take(10);
    const x = third.take(10);
    const b = second.take(10);
    expect([await settled(a), await settled(x), await settled(b)]).toEqual([false, false, false]);
    first.close();
    expect([await settled(a), await settled(b)]).toEqual([true, true]);
    expect(await settled(x)).toBe(false); // the budget is past full until the oldest lease is done
    second.close();
    expect(await settled(x)).toBe(true);
  });
});
