/**
 * Benchmark 1 — the CPU-only part of ingestion, per feed document: parseFeed → normalizeItems →
 * matchTopics with all the evidence refresh gives it (title, summary, categories, the content's lead,
 * the feed's focus). Tagging from title + summary alone is timed beside it, to show what the extra
 * evidence costs. No I/O.
 */
import { parseFeed } from "@recap/core/feeds";
import { normalizeItems } from "@recap/core/posts";
import { topicEvidence } from "@recap/core/topics";
import { loadTaxonomy, matchTopics } from "@recap/core/topics";
import { atomDocument, rssDocument } from "./fixtures";
import { fmt, nowMs, summarize, table } from "./stats";

interface Case {
  name: string;
  items: number;
  text: string;
  warmup: number;
  iterations: number;
  minIterations: number;
}

export interface PipelineResult {
  report: string;
  /** Median milliseconds per document, by case, for the summary notes. */
  medians: Record<string, { total: number; parse: number; normalize: number; match: number; matchTitleOnly: number; perItemUs: number }>;
}

const FEED_URL = "https://blog.example.com/feed/";
const NOW = new Date("2026-11-20T09:00:00Z");
/** A feed's learned focus, as refresh passes it once the feed has a history. */
const FOCUS = { kubernetes: 0.6, gitops: 0.3 };

export async function benchPipeline(options: { budgetMsPerCase: number }): Promise<PipelineResult> {
  const taxonomy = loadTaxonomy();
  const cases: Case[] = [];
  for (const [format, build] of [
    ["RSS", rssDocument],
    ["Atom", atomDocument],
  ] as const) {
    for (const items of [20, 200]) {
      const small = items <= 20;
      cases.push({
        name: `${format} ${items} items`,
        items,
        text: build({ items, seed: items }),
        warmup: small ? 200 : 20,
        iterations: small ? 2000 : 400,
        minIterations: small ? 300 : 100,
      });
    }
  }

  const rows: string[][] = [];
  const stageRows: string[][] = [];
  const medians: PipelineResult["medians"] = {};
  for (const c of cases) {
    // Sanity: the document parses into the expected number of posts, and topics are found.
    const check = await parseFeed(c.text, "application/xml");
    const checkItems = normalizeItems(check.items, { feedUrl: FEED_URL, siteUrl: check.siteUrl, now: NOW });
    const tagged = checkItems.filter((item) => matchTopics(item, taxonomy).length > 0).length;
    if (checkItems.length !== c.items) throw new Error(`${c.name}: expected ${c.items} items, got ${checkItems.length}`);
    if (tagged === 0) throw new Error(`${c.name}: no item matched a topic; the fixture is not realistic`);

    const parse: number[] = [];
    const normalize: number[] = [];
    const match: number[] = [];
    const matchTitleOnly: number[] = [];
    const total: number[] = [];
    const once = async (record: boolean) => {
      const t0 = nowMs();
      const parsed = await parseFeed(c.text, "application/rss+xml; charset=utf-8");
      const t1 = nowMs();
      const items = normalizeItems(parsed.items, { feedUrl: FEED_URL, siteUrl: parsed.siteUrl, now: NOW });
      const t2 = nowMs();
      let topics = 0;
      for (const item of items) topics += matchTopics(topicEvidence(item, FOCUS), taxonomy).length;
      const t3 = nowMs();
      for (const item of items) topics += matchTopics({ title: item.title, summary: item.summary }, taxonomy).length;
      const t4 = nowMs();
      if (topics < 0) throw new Error("unreachable"); // keeps the result observable
      if (!record) return;
      parse.push(t1 - t0);
      normalize.push(t2 - t1);
      match.push(t3 - t2);
      matchTitleOnly.push(t4 - t3);
      total.push(t3 - t0);
    };
    for (let i = 0; i < c.warmup; i++) await once(false);
    const started = nowMs();
    for (let i = 0; i < c.iterations; i++) {
      await once(true);
      if (total.length >= c.minIterations && nowMs() - started > options.budgetMsPerCase) break;
    }

    const doc = summarize(total);
    const perItemUs = (ms: number) => (ms * 1000) / c.items;
    rows.push([
      c.name,
      `${(Buffer.byteLength(c.text) / 1024).toFixed(0)} KB`,
      String(doc.n),
      fmt(doc.p50),
      fmt(doc.p95),
      fmt(doc.p99),
      fmt(perItemUs(doc.p50)),
      fmt(perItemUs(doc.p95)),
      fmt(perItemUs(doc.p99)),
      `${tagged}/${c.items}`,
    ]);
    const p = summarize(parse).p50;
    const n = summarize(normalize).p50;
    const m = summarize(match).p50;
    const mt = summarize(matchTitleOnly).p50;
    const sum = p + n + m;
    stageRows.push([
      c.name,
      `${fmt(p)} (${((p / sum) * 100).toFixed(0)}%)`,
      `${fmt(n)} (${((n / sum) * 100).toFixed(0)}%)`,
      `${fmt(m)} (${((m / sum) * 100).toFixed(0)}%)`,
      fmt(perItemUs(m)),
      fmt(perItemUs(mt)),
      `${(m / (p + n)).toFixed(2)}×`,
    ]);
    medians[c.name] = { total: doc.p50, parse: p, normalize: n, match: m, matchTitleOnly: mt, perItemUs: perItemUs(doc.p50) };
  }

  const report = [
    table(["document", "size", "n", "doc p50 ms", "doc p95 ms", "doc p99 ms", "item p50 µs", "item p95 µs", "item p99 µs", "tagged"], rows),
    "",
    "Stage medians per document (ms, share of the pipeline):",
    table(
      ["document", "parseFeed", "normalizeItems", "matchTopics", "tag µs/item", "title+summary µs/item", "tag ÷ parse+normalize"],
      stageRows,
    ),
  ].join("\n");
  return { report, medians };
}
