/**
 * How the word index's lists are read (store/term-search.ts), on dynalite: two words rarely together
 * are read to their ends, and a list that will run out before the other's read does is read at the
 * same time, so the walk takes fewer round trips, each row still read once; two words often together
 * fill their page without reading anything ahead. Answers are a scan's, in its order.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { searchQuery, type Post } from "@recap/core/posts";
import { mapWithConcurrency } from "@recap/core/shared";
import { openStore, type Store, type TableRef } from "@recap/core/store";
import { startTestDynamo, type TestDynamo } from "../helpers/dynamo";
import { storedPost } from "../helpers/posts";

const NOW = Date.parse("2026-12-01T10:00:00Z");
const POSTS = 1_500;

/**
 * Post i, published i minutes ago. alpha and beta take turns (every third post each) and meet in
 * two posts far back; gamma (every fifth) and delta (every twelfth) meet every sixtieth post.
 */
function wordsOf(i: number): string[] {
  const words = [
    ...(i % 3 === 0 ? ["alpha"] : []),
    ...(i % 3 === 1 || i === 1_200 || i === 1_350 ? ["beta"] : []),
    ...(i % 5 === 0 ? ["gamma"] : []),
    ...(i % 12 === 0 ? ["delta"] : []),
  ];
  return words.length > 0 ? words : ["filler"];
}

const posts: Post[] = Array.from({ length: POSTS }, (_, i) =>
  storedPost(`p-${String(i).padStart(4, "0")}`, new Date(NOW - i * 60_000), { title: wordsOf(i).join(" ") }),
);

/** Every post with all the words, newest first. */
const scan = (words: string[]) => posts.filter((_, i) => words.every((word) => wordsOf(i).includes(word))).map((post) => post.id);

let dynamo: TestDynamo;
let table: TableRef;
let store: Store;

/** The word index's queries while `run` runs: how many, their rows, and round trips (a query sent while none is in flight starts one). */
async function reads<T>(run: () => Promise<T>): Promise<{ result: T; queries: number; rows: number; roundTrips: number }> {
  let queries = 0;
  let rows = 0;
  let roundTrips = 0;
  let inFlight = 0;
  const name = "termListReads";
  table.client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName !== "QueryCommand") return next(args);
      queries++;
      if (inFlight === 0) roundTrips++;
      inFlight++;
      try {
        const output = await next(args);
        rows += ((output.output as { Items?: unknown[] }).Items ?? []).length;
        return output;
      } finally {
        inFlight--;
      }
    },
    { step: "initialize", name },
  );
  try {
    return { result: await run(), queries, rows, roundTrips };
  } finally {
    table.client.middlewareStack.remove(name);
  }
}

/** The first `want` ids the index yields for `words` (a first page and the post beyond: 11), or all. */
async function firstIds(words: string[], want = 11): Promise<string[]> {
  const ids: string[] = [];
  const search = store.posts.searchIds(searchQuery(words).terms);
  try {
    for (;;) {
      const next = await search.next();
      if (next.done || (ids.push(next.value), ids.length >= want)) break;
    }
  } finally {
    await search.return({ complete: true });
  }
  return ids;
}

beforeAll(async () => {
  dynamo = await startTestDynamo();
  table = await dynamo.newTable();
  store = openStore(table);
  await mapWithConcurrency(posts, 16, (post) => store.posts.insert(post));
}, 120_000);
afterAll(async () => {
  await dynamo?.close();
});

describe("reading the word index's lists", () => {
  it("two words rarely together: both lists read to their ends, each row once, in fewer round trips", async () => {
    const { result, queries, rows, roundTrips } = await reads(() => firstIds(["alpha", "beta"]));
    expect(result).toEqual(scan(["alpha", "beta"]));
    expect(result).toEqual(["p-1200", "p-1350"]);
    // 500 and 502 rows, pages of 100, 200 and 400 each: every row read once.
    expect(rows).toBe(1_002);
    expect(queries).toBe(6);
    // Each list's next page is read beside the other's: three round trips, not five one list at a time.
    expect(roundTrips).toBe(3);
  });

  it("two words often together fill their page without reading ahead", async () => {
    const { result, queries, rows, roundTrips } = await reads(() => firstIds(["gamma", "delta"]));
    expect(result).toEqual(scan(["gamma", "delta"]).slice(0, 11));
    // gamma's first 100 rows, then up to 200 more; delta's first 100 cover the page: no read of delta's next page.
    expect({ queries, roundTrips }).toEqual({ queries: 3, roundTrips: 2 });
    expect(rows).toBeLessThanOrEqual(400);
  });

  it("spends the row budget on the pages it uses, checked before each as without reading ahead", async () => {
    /** Every id and whether the search got to the end, within `maxRows`. */
    const within = async (maxRows: number) => {
      const search = store.posts.searchIds(searchQuery(["alpha", "beta"]).terms, { maxRows });
      const ids: string[] = [];
      for (;;) {
        const next = await search.next();
        if (next.done) return { ids, complete: next.value.complete };
        ids.push(next.value);
      }
    };
    // The lists' pages: alpha 100, 200, 200; beta 100, 200, 202. After 800 rows (beta's last page
    // read ahead beside alpha's), a budget of 800 refuses that page, as it refused the read one list
    // at a time; a budget of 801 takes it.
    expect(await within(800)).toEqual({ ids: [], complete: false });
    expect(await within(801)).toEqual({ ids: ["p-1200", "p-1350"], complete: true });
    expect(await within(20_000)).toEqual({ ids: ["p-1200", "p-1350"], complete: true });
  });

  it("answers as a scan does, to the end and for one word", async () => {
    for (const words of [["alpha", "beta"], ["gamma", "delta"], ["alpha", "gamma"], ["beta", "delta", "gamma"], ["alpha"], ["nothing"]]) {
      expect(await firstIds(words, Number.POSITIVE_INFINITY), words.join(" ")).toEqual(scan(words));
    }
  });
});
