/**
 * Search at scale (issue 14, goal 1): a store of many posts written through the store's own insert
 * (post, topic rows, word index rows), then `/recap search` of two words against a topic page in
 * the same run — p50/p99 through runCommand, DynamoDB requests and read units per query.
 *
 * The measured words are in a set share of posts each (kubernetes in a fifth, dapr in 0.4%), drawn
 * independently, so how often two meet is the product of their shares: the hard case for an index,
 * where common words rarely meet. Besides them a post has one filler word (Zipf frequencies) and
 * no summary: a search reads only its own words' index rows, so more words per
 * post would change nothing measured here but slow the seeding (dynalite writes ~5,000 rows/s).
 *
 * dynalite runs in this process, so requests sent together are served one after the other: what a
 * query's latency shows is its work, not its round trips. Round trips (requests sent while none of
 * the query's was in flight) are counted apart; BENCH_DDB_RTT_MS=<ms> adds that much network time
 * to each request, as a table in another machine has (off by default).
 */
import { runCommand } from "@recap/core/commands";
import type { Post } from "@recap/core/posts";
import { mapWithConcurrency, silentLogger } from "@recap/core/shared";
import type { TableRef } from "@recap/core/store";
import { openLocalRecap } from "@recap/local";
import { benchClock, countRequests, diffCounts } from "./env";
import { rng } from "./fixtures";
import { fmt, nowMs, summarize, table } from "./stats";

export interface SearchBenchOptions {
  posts: number;
  /** Measured queries per case (after a few unmeasured ones). */
  samples: number;
}

/** Words and the share of posts that carry each (in the title or the summary). */
const WORDS: [string, number][] = [
  ["kubernetes", 0.2],
  ["security", 0.08],
  ["observability", 0.05],
  ["platform", 0.06],
  ["gitops", 0.03],
  ["ebpf", 0.03],
  ["wasm", 0.01],
  ["dapr", 0.004],
];
/** Filler words, the k-th in about 1/k of a base share of posts (Zipf). */
const FILLER = 5_000;

const CASES: { label: string; text: string }[] = [
  { label: "topic page (gitops)", text: "gitops" },
  { label: "search, one common word", text: "search kubernetes" },
  { label: "search, common + common", text: "search kubernetes security" },
  { label: "search, common + less common", text: "search kubernetes ebpf" },
  { label: "search, two less common, rarely together", text: "search ebpf wasm" },
  { label: "search, two rare, rarely together", text: "search wasm dapr" },
  { label: "search, a word no post has", text: "search zanzibar" },
];

export async function benchSearch(options: SearchBenchOptions): Promise<string> {
  const clock = benchClock();
  const recap = await openLocalRecap({ inMemory: true, clock, log: silentLogger, env: {} });
  try {
    const started = nowMs();
    // The same store every run.
    const random = rng(42);
    const now = clock().getTime();
    const posts = Array.from({ length: options.posts }, (_, i) => syntheticPost(i, now, random));
    await mapWithConcurrency(posts, 32, (post) => recap.deps.store.posts.insert(post));
    const seedSeconds = (nowMs() - started) / 1000;

    const requests = countRequests(recap.table!);
    const trips = countRoundTrips(recap.table!);
    const rttMs = Number(process.env.BENCH_DDB_RTT_MS ?? 0);
    if (rttMs > 0) addNetworkTime(recap.table!, rttMs);
    const rows: string[][] = [];
    let topicP99 = Number.NaN;
    const ratios: string[] = [];
    for (const c of CASES) {
      const words = c.text.split(" ");
      const command =
        words[0] === "search"
          ? { name: "search" as const, words: words.slice(1), page: 1 }
          : { name: "topic" as const, topic: c.text, page: 1 };
      const run = () => runCommand(command, { via: "cli" }, recap.deps);
      const first = await run();
      const shown = first.kind === "posts" ? first.posts.length : 0;
      for (let i = 0; i < 3; i++) await run();
      const before = requests.snapshot();
      const unitsBefore = new Map(requests.units);
      const tripsBefore = trips.count;
      const samples: number[] = [];
      for (let i = 0; i < options.samples; i++) {
        const t0 = nowMs();
        await run();
        samples.push(nowMs() - t0);
      }
      const s = summarize(samples);
      const perQuery = (counts: Map<string, number>) => [...counts.values()].reduce((a, b) => a + b, 0) / s.n;
      const ddb = perQuery(diffCounts(before, requests.snapshot()));
      const units = perQuery(diffCounts(unitsBefore, requests.units));
      const roundTrips = (trips.count - tripsBefore) / s.n;
      if (command.name === "topic") topicP99 = s.p99;
      const ratio = s.p99 / topicP99;
      if (command.name === "search" && words.length === 3) ratios.push(`${c.text.slice("search ".length)} ${fmt(ratio)}×`);
      rows.push([
        c.label,
        String(shown),
        String(s.n),
        fmt(s.p50),
        fmt(s.p99),
        fmt(ddb, 3),
        fmt(roundTrips, 3),
        fmt(units, 3),
        command.name === "topic" ? "1" : fmt(ratio),
      ]);
    }
    const worst = Math.max(...ratios.map((r) => Number.parseFloat(r.split(" ").at(-1)!)));
    return [
      `Store: ${options.posts.toLocaleString("en-US")} posts written through the store's insert in ${fmt(seedSeconds)} s (post, topic rows, word index rows).`,
      ...(rttMs > 0 ? [`Each DynamoDB request takes ${fmt(rttMs)} ms more (BENCH_DDB_RTT_MS): a network's round trip.`] : []),
      table(
        ["query (page 1, runCommand)", "shown", "n", "p50 ms", "p99 ms", "DDB req/query", "round trips", "RRU/query", "p99 ÷ topic p99"],
        rows,
      ),
      "RRU/query: read request units as dynalite counts them (DynamoDB's rule: 4 KB per unit, half when eventually consistent).",
      "Round trips: DynamoDB requests sent while none of the query's was in flight (requests sent together count once).",
      `Two-word searches' p99 against a topic page's: ${ratios.join(", ")} (goal ≤ 3: ${worst <= 3 ? "within" : "OVER"}).`,
    ].join("\n");
  } finally {
    await recap.close();
  }
}

/** Requests sent while none was in flight, on the table's client: sequential round trips. */
function countRoundTrips(table: TableRef): { readonly count: number } {
  let inFlight = 0;
  let count = 0;
  table.client.middlewareStack.add(
    (next) => async (args) => {
      if (inFlight === 0) count++;
      inFlight++;
      try {
        return await next(args);
      } finally {
        inFlight--;
      }
    },
    { step: "finalizeRequest", name: "benchRoundTrips" },
  );
  return {
    get count() {
      return count;
    },
  };
}

/** Delays every request of the table's client by `ms`, as a network would. */
function addNetworkTime(table: TableRef, ms: number): void {
  table.client.middlewareStack.add(
    (next) => async (args) => {
      await new Promise((resolve) => setTimeout(resolve, ms));
      return next(args);
    },
    { step: "finalizeRequest", name: "benchNetworkTime" },
  );
}

/** Post i: its measured words and a filler word, published three hours apart, a tenth tagged gitops. */
function syntheticPost(i: number, now: number, random: () => number): Post {
  const topical = WORDS.filter(([, share]) => random() < share).map(([word]) => word);
  const title = [...topical, `w${zipf(random)}`].join(" ");
  const summary = "";
  const at = new Date(now - i * 3 * 3_600_000).toISOString();
  return {
    id: `bench-${i}`,
    kind: "article",
    url: `https://bench.example.com/${i}`,
    title,
    summary,
    publishedAt: at,
    firstSeenAt: at,
    topics: i % 10 === 0 ? ["gitops"] : [],
    feeds: ["https://bench.example.com/feed.xml"],
    fresh: false,
  };
}

/** A filler word's rank, 1..FILLER, with probability ∝ 1/rank. */
function zipf(random: () => number): number {
  const harmonic = Math.log(FILLER) + 0.5772;
  const target = random() * harmonic;
  return Math.min(FILLER, Math.max(1, Math.round(Math.exp(target - 0.5772))));
}
