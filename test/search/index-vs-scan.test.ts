/**
 * Search through the word index answers what a scan of every post answers, on a store of 800 real
 * posts and talks (the topic evaluation's dev items: English, Chinese, Japanese, German, French):
 * - the same posts, pages and order as a scan applying the index's own rule (shared/search-terms.ts);
 * - every post the scan it replaced found by whole words (the old scan also matched any word's
 *   beginning — "kube" found "kubernetes" — and stop words, which a word index does not).
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PAGE_SIZE } from "@recap/core/commands";
import { postTerms, searchQuery, searchWindow, type Post } from "@recap/core/posts";
import { mapWithConcurrency } from "@recap/core/shared";
import { memoryStore, openStore, type Store } from "@recap/core/store";
import { startTestDynamo, type TestDynamo } from "../helpers/dynamo";

interface Item {
  id: string;
  kind: "article" | "talk";
  title: string;
  summary: string;
  event?: string;
  organizations?: string[];
}

const items = JSON.parse(readFileSync(new URL("../topics/eval/dev.json", import.meta.url), "utf8")) as Item[];
const T0 = Date.parse("2026-11-30T12:00:00Z");
const HOUR = 3_600_000;

/** Item i as a stored post, published an hour (and a few minutes, so dates differ in order from ids) before item i-1. */
const posts: Post[] = items.map((item, i) => {
  const at = new Date(T0 - i * HOUR - ((i * 7) % 13) * 60_000).toISOString();
  return {
    id: `p-${String(i).padStart(4, "0")}`,
    kind: item.kind,
    url: `https://example.com/${item.id}`,
    title: item.title,
    summary: item.summary.slice(0, 500), // as normalize keeps it
    publishedAt: at,
    firstSeenAt: at,
    topics: [],
    feeds: ["https://example.com/feed.xml"],
    fresh: false,
    ...(item.organizations?.length ? { organizations: item.organizations } : {}),
    ...(item.event ? { listedIn: { postId: "recap", title: "Recap", url: "https://example.com/recap", section: item.event } } : {}),
  };
});

/** Two words from the titles of a spread of items (the first and the last of four or more letters), and some written by hand. */
const QUERIES: string[][] = [
  ["kubernetes"],
  ["kubernetes", "security"],
  ["ebpf", "kubernetes"],
  ["platform", "engineering"],
  ["argo-cd"],
  ["opentelemetry"],
  ["可观测性"],
  ["Kubernetes", "クラスタ"],
  ["gitops", "flux"],
  ["Red", "Hat"],
  ...Array.from({ length: 40 }, (_, k) => {
    const words = posts[(k * 97) % posts.length]!.title.split(/\s+/).filter((word) => /^[\p{L}]{4,}$/u.test(word));
    return words.length > 1 ? [words[0]!, words.at(-1)!] : words;
  }).filter((words) => words.length > 0),
];

const fold = (text: string) => text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
const searchable = new Map(
  posts.map((post) => {
    const text = fold([post.title, ...(post.organizations ?? []), post.listedIn?.section ?? "", post.summary].join(" "));
    return [post.id, { terms: new Set(postTerms(post)), text, tokens: new Set(text.split(/[^\p{L}\p{N}]+/u)) }];
  }),
);

/** Every post, newest published first, that the index's rule says matches. */
function scan(words: string[]): string[] {
  const query = searchQuery(words);
  // Only stop words ("should about"): nothing to look up, and search says so.
  if (query.terms.length === 0) return [];
  return posts
    .filter((post) => {
      const { terms, text } = searchable.get(post.id)!;
      return query.terms.every((term) => terms.has(term)) && query.phrases.every((phrase) => text.includes(phrase));
    })
    .sort((a, b) => b.publishedAt.localeCompare(a.publishedAt))
    .map((post) => post.id);
}

/** What the scan before the index found when every word is a whole word of the post (not a beginning). */
function oldScanByWholeWords(words: string[]): string[] {
  const fold = (text: string) => text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
  return posts
    .filter((post) => {
      const tokens = new Set(
        fold([post.title, post.summary, ...(post.organizations ?? []), post.listedIn?.section ?? ""].join(" ")).split(/[^\p{L}\p{N}]+/u),
      );
      return words.every((word) => /^[\p{L}\p{N}]+$/u.test(fold(word)) && tokens.has(fold(word)));
    })
    .map((post) => post.id);
}

let dynamo: TestDynamo;
const stores: [string, Store][] = [];

beforeAll(async () => {
  dynamo = await startTestDynamo();
  const table = openStore(await dynamo.newTable());
  const memory = memoryStore();
  for (const store of [table, memory]) await mapWithConcurrency(posts, 16, (post) => store.posts.insert(post));
  stores.push(["DynamoDB (dynalite)", table], ["memory", memory]);
}, 120_000);
afterAll(async () => {
  await dynamo?.close();
});

describe("search through the word index", () => {
  it("has queries that find many posts, few, and none", () => {
    const counts = QUERIES.map((words) => scan(words).length);
    expect(counts.filter((n) => n > 2 * PAGE_SIZE).length).toBeGreaterThanOrEqual(2);
    expect(counts.filter((n) => n === 0).length).toBeGreaterThan(0);
    expect(counts.filter((n) => n > 0 && n <= PAGE_SIZE).length).toBeGreaterThan(10);
  });

  for (const name of ["DynamoDB (dynalite)", "memory"]) {
    it(`${name}: the same pages as a scan of every post, in the same order`, async () => {
      const store = stores.find(([n]) => n === name)![1];
      for (const words of QUERIES) {
        const expected = scan(words);
        for (const page of [1, 2, 3]) {
          const { window } = await searchWindow(store.posts, words, page);
          const want = expected.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE + 1);
          expect(
            window.map((post) => post.id),
            `${words.join(" ")}, page ${page}`,
          ).toEqual(want);
        }
      }
    });
  }

  it("finds everything the scan it replaced found by whole words", () => {
    // Stop words and single letters are no terms: the index looks up the other words.
    for (const words of QUERIES.map((query) => query.filter((word) => searchQuery([word]).terms.length > 0))) {
      if (words.length === 0) continue;
      const found = new Set(scan(words));
      for (const id of oldScanByWholeWords(words)) expect(found.has(id), `${words.join(" ")}: ${id}`).toBe(true);
    }
  });
});
