/**
 * Benchmark 5 — conference recaps and topics: the cost of reading a recap (extractRecap on recaps
 * of 40 and 300 talks, and the cheap check every other post pays), a recap feed's refresh end to
 * end (first poll storing every talk, an edit changing one talk, a re-poll where the recap did not
 * change), and `retag` over stored posts. Every result is checked before it is timed.
 */
import { newFeed, refreshFeed, type Feed, type RefreshOutcome } from "@recap/core/feeds";
import { normalizeItems } from "@recap/core/posts";
import { extractRecap, mayBeRecap } from "@recap/core/recaps";
import { runCommand } from "@recap/core/commands";
import type { BenchEnv } from "./env";
import { fmt, nowMs, summarize, table } from "./stats";

const HOUR = 3_600_000;
const EVENTS = ["ArgoCon", "BackstageCon", "Platform Engineering Day", "Cilium + eBPF Day", "WasmCon", "Observability Day"];
const WORDS = ["Scaling", "Securing", "Observing", "Debugging", "Shipping", "Operating", "Migrating", "Testing"];
const THINGS = ["Argo CD", "Backstage templates", "Cilium policies", "Wasm components", "OpenTelemetry", "Kyverno", "KEDA", "Dapr"];

/** A Medium-style recap: per event a "From X:" paragraph and a list of talks with video and slides. */
export function recapHtml(talks: number, edit = -1): string {
  const perEvent = Math.ceil(talks / EVENTS.length);
  const parts = ["<p>KubeCon was huge this year. These are the talks worth your time.</p>"];
  for (let event = 0; event * perEvent < talks; event++) {
    parts.push(`<p><strong>From ${EVENTS[event % EVENTS.length]}:</strong></p><ul>`);
    for (let i = event * perEvent; i < Math.min(talks, (event + 1) * perEvent); i++) {
      const title = `${WORDS[i % WORDS.length]} ${THINGS[(i * 3) % THINGS.length]} at Scale, Part ${i + 1}${i === edit ? " (updated)" : ""}`;
      parts.push(
        `<li><a href="https://sched.example.com/event/${i}">${title}</a> — Jane Doe${i}, Example Corp (<a href="https://www.youtube.com/watch?v=talk${i}">video</a> — <a href="https://static.sched.com/hosted_files/kc/${i}.pdf">slides</a>) — A takeaway about talk ${i}.</li>`,
      );
    }
    parts.push("</ul>");
  }
  return parts.join("\n");
}

const NORMAL_POST = `<p>We moved our clusters to Flux last spring and never looked back.</p>${"<p>Reconciliation loops keep drift away. ".repeat(40)}</p><p>The <a href="https://www.youtube.com/watch?v=x">intro talk</a> convinced us.</p>`;

function rss(items: { title: string; link: string; content: string }[]): string {
  const entries = items.map(
    (item, i) =>
      `<item><title>${item.title}</title><link>${item.link}</link><guid isPermaLink="false">g${i}</guid><pubDate>Fri, 20 Nov 2026 08:00:00 GMT</pubDate><description>Talks worth watching.</description><content:encoded><![CDATA[${item.content}]]></content:encoded></item>`,
  );
  return `<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Recaps</title><link>https://blog.example.com/</link>${entries.join("")}</channel></rss>`;
}

function timeIt(budgetMs: number, minIterations: number, run: () => void): number[] {
  const samples: number[] = [];
  const started = nowMs();
  while (samples.length < minIterations || nowMs() - started < budgetMs) {
    const t0 = nowMs();
    run();
    samples.push(nowMs() - t0);
    if (samples.length >= minIterations * 20) break;
  }
  return samples;
}

function expectOk(outcome: RefreshOutcome, label: string): void {
  if (outcome.status !== "ok") throw new Error(`${label}: poll failed: ${outcome.error}`);
}

export async function benchRecaps(env: BenchEnv, options: { budgetMsPerCase: number; retagPosts: number }): Promise<{ report: string }> {
  const lines: string[] = [];

  // 1. CPU: extraction, and the check every post pays.
  const cpuRows: string[][] = [];
  for (const talks of [40, 300]) {
    const html = recapHtml(talks);
    const check = extractRecap(html, { baseUrl: "https://blog.example.com/recap", marked: false });
    if (!check.detected || check.items.length !== talks) throw new Error(`extractRecap found ${check.items.length} of ${talks} talks`);
    const s = summarize(
      timeIt(options.budgetMsPerCase, 20, () => extractRecap(html, { baseUrl: "https://blog.example.com/recap", marked: false })),
    );
    cpuRows.push([
      `extractRecap, ${talks} talks (${fmt(html.length / 1024, 1)} KiB)`,
      fmt(s.p50),
      fmt(s.p95),
      fmt((s.p50 * 1000) / talks, 1),
    ]);
  }
  const [normal] = normalizeItems(
    [{ guid: "n", url: "https://blog.example.com/flux", title: "Why we moved to Flux", content: NORMAL_POST }],
    {
      feedUrl: "https://blog.example.com/feed",
      now: new Date(),
    },
  );
  if (!normal || mayBeRecap(normal, {})) throw new Error("a normal post was taken for a recap");
  const check = summarize(timeIt(options.budgetMsPerCase, 1000, () => mayBeRecap(normal, {})));
  lines.push(table(["case", "p50 ms", "p95 ms", "µs per talk"], cpuRows));
  lines.push(
    `mayBeRecap (the check every post pays) on a ${fmt(NORMAL_POST.length / 1024, 1)} KiB normal post: p50 ${fmt(check.p50 * 1000, 2)} µs, p95 ${fmt(check.p95 * 1000, 2)} µs`,
  );

  // 2. A recap feed's refresh end to end.
  const recap = await env.recap();
  const { deps, clock } = recap;
  const path = "/recaps.xml";
  const feedUrl = env.feeds.at(path);
  const ioRows: string[][] = [];
  const rounds = 5;
  const first: number[] = [];
  const edited: number[] = [];
  const unchanged: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const itemsFor = (edit: number) => [
      { title: `KubeCon recap round ${round}`, link: `https://blog.example.com/recap-${round}`, content: recapHtml(40, edit) },
      { title: `Flux notes ${round} ${edit}`, link: `https://blog.example.com/flux-${round}`, content: NORMAL_POST },
    ];
    const feed: Feed = newFeed(`${feedUrl}?round=${round}`, { via: "cli" }, clock());
    if (!(await deps.store.feeds.create(feed))) throw new Error("duplicate feed");
    env.feeds.route(`${path}?round=${round}`, { body: rss(itemsFor(-1)), honorValidators: false });
    let t0 = nowMs();
    let outcome = await refreshFeed(feed, deps);
    first.push(nowMs() - t0);
    expectOk(outcome, "first poll");
    clock.advance(HOUR);
    env.feeds.route(`${path}?round=${round}`, { body: rss(itemsFor(7)), honorValidators: false });
    t0 = nowMs();
    outcome = await refreshFeed((await deps.store.feeds.get(feed.id))!, deps);
    edited.push(nowMs() - t0);
    expectOk(outcome, "edited recap");
    if (outcome.status === "ok" && outcome.edited !== 2) throw new Error(`expected 2 edits, got ${outcome.edited}`);
    clock.advance(HOUR);
    // The recap unchanged, the other post edited: the recap costs nothing.
    env.feeds.route(`${path}?round=${round}`, { body: rss([itemsFor(7)[0]!, itemsFor(8)[1]!]), honorValidators: false });
    t0 = nowMs();
    outcome = await refreshFeed((await deps.store.feeds.get(feed.id))!, deps);
    unchanged.push(nowMs() - t0);
    expectOk(outcome, "unchanged recap");
  }
  const talks = (await deps.store.posts.seenSince(clock())).filter((post) => post.kind === "talk").length;
  if (talks !== rounds * 40) throw new Error(`expected ${rounds * 40} stored talks, found ${talks}`);
  for (const [name, samples] of [
    ["first poll: recap of 40 talks + 1 post", first],
    ["recap edited (1 talk renamed) + 1 post edited", edited],
    ["recap unchanged + 1 post edited", unchanged],
  ] as const) {
    const s = summarize(samples);
    ioRows.push([name, fmt(s.p50), fmt(s.max), String(s.n)]);
  }
  lines.push("", "A recap feed's refresh (dynalite in this process, loopback feed server):");
  lines.push(table(["poll", "p50 ms", "max ms", "n"], ioRows));

  // 3. retag over stored posts.
  const many = await env.recap();
  const posts = Array.from({ length: options.retagPosts }, (_, i) => ({
    id: `p${i}`,
    kind: "article" as const,
    url: `https://blog.example.com/p${i}`,
    title: `${WORDS[i % WORDS.length]} ${THINGS[i % THINGS.length]} in production`,
    summary: "A write-up of what worked and what did not.",
    publishedAt: many.clock().toISOString(),
    firstSeenAt: many.clock().toISOString(),
    topics: [],
    feeds: ["https://blog.example.com/feed"],
    fresh: false,
  }));
  for (let i = 0; i < posts.length; i += 25) await Promise.all(posts.slice(i, i + 25).map((post) => many.deps.store.posts.insert(post)));
  const retag = async () => {
    const started = nowMs();
    const outcome = await runCommand({ name: "retag" }, { via: "cli" }, many.deps);
    if (outcome.kind !== "retagged") throw new Error(`retag: ${JSON.stringify(outcome)}`);
    return { ...outcome, ms: nowMs() - started };
  };
  const firstRetag = await retag();
  const firstMs = firstRetag.ms;
  const secondRetag = await retag();
  const secondMs = secondRetag.ms;
  if (firstRetag.examined !== posts.length || secondRetag.changed !== 0)
    throw new Error(`retag: ${JSON.stringify([firstRetag, secondRetag])}`);
  lines.push("", `retag over ${posts.length} stored posts (dynalite in this process):`);
  lines.push(
    table(
      ["run", "ms", "posts/s", "changed"],
      [
        ["first (every post gains topics)", fmt(firstMs, 0), fmt(posts.length / (firstMs / 1000), 0), String(firstRetag.changed)],
        ["again (nothing changes)", fmt(secondMs, 0), fmt(posts.length / (secondMs / 1000), 0), String(secondRetag.changed)],
      ],
    ),
  );
  return { report: lines.join("\n") };
}
