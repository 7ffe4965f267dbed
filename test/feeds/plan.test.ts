/**
 * planItem: what one feed item becomes, decided from the item and what the feed said last time,
 * with no storage involved.
 */
import { describe, expect, it } from "vitest";
import { newFeed, planItem, type Feed, type PlanContext } from "@recap/core/feeds";
import type { NormalizedItem } from "@recap/core/posts";
import { loadTaxonomy } from "@recap/core/topics";

const NOW = new Date("2026-11-20T09:00:00Z");
const HOUR = 3_600_000;
const taxonomy = loadTaxonomy();

function feed(polledBefore: boolean): Feed {
  const added = newFeed("https://blog.example.com/feed.xml", { via: "cli" }, new Date(NOW.getTime() - 7 * 24 * HOUR));
  return polledBefore ? { ...added, lastSuccessAt: new Date(NOW.getTime() - HOUR).toISOString() } : added;
}

function item(overrides: Partial<NormalizedItem> = {}): NormalizedItem {
  return {
    itemKey: "guid-1",
    postId: "p1",
    url: "https://blog.example.com/argo",
    title: "Argo CD 3.3 ships progressive sync",
    summary: "GitOps delivery for many clusters.",
    publishedAt: new Date(NOW.getTime() - HOUR).toISOString(),
    rawDate: "Fri, 20 Nov 2026 08:00:00 GMT",
    ...overrides,
  };
}

const context = (overrides: Partial<PlanContext> = {}): PlanContext => ({
  feed: feed(true),
  known: undefined,
  taxonomy,
  focus: undefined,
  now: NOW,
  ...overrides,
});

describe("planItem", () => {
  it("makes a first-seen item a new post, tagged, first seen now, and news when recent", () => {
    const plan = planItem(item(), context());
    expect(plan).toMatchObject({
      kind: "new",
      recap: false,
      identity: { itemKey: "guid-1", postId: "p1", contentHash: expect.any(String) },
      post: { id: "p1", firstSeenAt: NOW.toISOString(), feeds: ["https://blog.example.com/feed.xml"], fresh: true },
    });
    expect(plan.kind === "new" && plan.post.topics).toContain("gitops");
  });

  it("never makes news of a feed's first poll, nor of an item dated before the freshness window", () => {
    expect(planItem(item(), context({ feed: feed(false) }))).toMatchObject({ kind: "new", post: { fresh: false } });
    const old = item({ publishedAt: new Date(NOW.getTime() - 49 * HOUR).toISOString() });
    expect(planItem(old, context())).toMatchObject({ kind: "new", post: { fresh: false } });
    // Undated: published when first seen, so news.
    expect(planItem(item({ publishedAt: undefined }), context())).toMatchObject({ post: { publishedAt: NOW.toISOString(), fresh: true } });
  });

  it("leaves an item exactly as the feed last gave it alone", () => {
    const first = planItem(item(), context());
    if (first.kind !== "new") throw new Error("expected a new post");
    expect(planItem(item(), context({ known: first.identity }))).toEqual({ kind: "unchanged" });
    // The clock moving a clamped future date is not an edit: only the raw date counts.
    expect(planItem(item({ publishedAt: NOW.toISOString(), dateClamped: true }), context({ known: first.identity }))).toEqual({
      kind: "unchanged",
    });
  });

  it("makes a changed title, summary, category or lead an edit of the same post, keeping its stored date when the new one says nothing", () => {
    const first = planItem(item(), context());
    if (first.kind !== "new") throw new Error("expected a new post");
    for (const changed of [
      item({ title: "Argo CD 3.3 ships progressive sync (updated)" }),
      item({ summary: "Now with a demo." }),
      item({ categories: ["GitOps"] }),
      item({ lead: "The release notes, in full." }),
    ]) {
      const plan = planItem(changed, context({ known: first.identity }));
      expect(plan).toMatchObject({ kind: "edit", identity: { itemKey: "guid-1", postId: "p1" }, content: { title: changed.title } });
      expect(plan.kind === "edit" && plan.identity.contentHash).not.toBe(first.identity.contentHash);
    }
    const clamped = planItem(
      item({ title: "Changed", publishedAt: NOW.toISOString(), dateClamped: true }),
      context({ known: first.identity }),
    );
    expect(clamped.kind === "edit" && clamped.content.publishedAt).toBeUndefined();
  });

  it("reads a conference recap's full content, so a talk added to it is an edit", () => {
    const talks = (n: number) =>
      Array.from(
        { length: n },
        (_, i) => `<li><a href="https://www.youtube.com/watch?v=talk${i}abcde">Talk ${i}</a> by Speaker ${i}</li>`,
      ).join("");
    const recap = (n: number) => item({ title: "KubeCon NA 2026 recap: talks to watch", content: `<ul>${talks(n)}</ul>` });
    const first = planItem(recap(4), context());
    expect(first).toMatchObject({ kind: "new", recap: true });
    if (first.kind !== "new") throw new Error("expected a new post");
    expect(planItem(recap(4), context({ known: first.identity }))).toEqual({ kind: "unchanged" });
    expect(planItem(recap(5), context({ known: first.identity }))).toMatchObject({ kind: "edit", recap: true });
  });
});
