/**
 * Search pages over a result list read only as far as each page needs: an article shown twice (a
 * recap's copy first, its own feed's post further on) is shown once, in the first copy's place, and
 * no other post is skipped or repeated from one page to the next.
 */
import { describe, expect, it } from "vitest";
import { PAGE_SIZE } from "@recap/core/commands";
import { searchWindow, type Post } from "@recap/core/posts";
import { afterAll, beforeAll } from "vitest";
import { memoryStore, openStore, type Store } from "@recap/core/store";
import { startTestDynamo, type TestDynamo } from "../helpers/dynamo";
import { storedPost } from "../helpers/posts";

const NOW = Date.parse("2026-12-01T10:00:00Z");
const post = (i: number, extra: Partial<Post> = {}): Post =>
  storedPost(`p${String(i).padStart(2, "0")}`, new Date(NOW - i * 60_000), {
    url: `https://example.com/${i}`,
    title: `Zebra notes ${i}`,
    ...extra,
  });

let dynamo: TestDynamo;
beforeAll(async () => {
  dynamo = await startTestDynamo();
});
afterAll(async () => {
  await dynamo?.close();
});

describe.each([
  ["DynamoDB (dynalite)", async (): Promise<Store> => openStore(await dynamo.newTable())],
  ["memory", async (): Promise<Store> => memoryStore()],
])("search pages (%s)", (_name, open) => {
  it("show each thing once, in the place of its first copy, skipping nothing", async () => {
    const store = await open();
    for (let i = 0; i < 25; i++) {
      // p03 is a recap's copy of the article p12 is, from its own feed.
      const extra =
        i === 3 ? { url: "https://example.com/12", listedIn: { postId: "recap", title: "Recap", url: "https://example.com/recap" } } : {};
      await store.posts.insert(post(i, extra));
    }
    const pages: string[][] = [];
    for (const page of [1, 2, 3]) {
      const { window } = await searchWindow(store.posts, ["zebra"], page);
      pages.push(window.slice(0, PAGE_SIZE).map((p) => p.id));
    }
    const shown = pages.flat();
    expect(new Set(shown).size).toBe(shown.length);
    // 24 things: the article once (page 1 shows the copy read so far), every other post once.
    expect(shown).toHaveLength(24);
    expect(shown.filter((id) => id === "p03" || id === "p12")).toHaveLength(1);
    expect(shown).toEqual(expect.arrayContaining(["p10", "p11", "p13", "p24"]));
    // Page 2 on its own, having read further: the article in its first copy's place, by its own feed's post.
    const { window } = await searchWindow(store.posts, ["zebra"], 2);
    expect(window.map((p) => p.id)).not.toContain("p12");
  });
});
