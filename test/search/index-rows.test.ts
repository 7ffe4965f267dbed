/**
 * A post's index rows on the table itself: a write cut short and retried finishes them (the rows
 * are matched against the table, not against what the caller last read); `recap reindex`'s posts
 * half (posts/reindex.ts) gives posts stored before the word index their rows, drops rows a
 * tokenizer no longer makes, and then writes nothing; a search stops at its read budget and says so.
 */
import { DeleteCommand, PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reindexPosts, searchQuery, searchWindow, type Post } from "@recap/core/posts";
import { mapWithConcurrency } from "@recap/core/shared";
import { keys, openStore, type TableRef } from "@recap/core/store";
import { startTestDynamo, writesSince, type TestDynamo } from "../helpers/dynamo";
import { storedPost } from "../helpers/posts";

let dynamo: TestDynamo;
beforeAll(async () => {
  dynamo = await startTestDynamo();
});
afterAll(async () => {
  await dynamo?.close();
});

const NOW = new Date("2026-12-01T10:00:00Z");
const post = (id: string, title: string, minutesAgo: number): Post =>
  storedPost(id, new Date(NOW.getTime() - minutesAgo * 60_000), { title, topics: ["ebpf"] });

async function termRows(table: TableRef, postId: string): Promise<string[]> {
  const { Items } = await table.client.send(
    new QueryCommand({
      TableName: table.tableName,
      KeyConditionExpression: "pk = :pk AND begins_with(sk, :term)",
      ExpressionAttributeValues: { ":pk": keys.post(postId).pk, ":term": "TERM#" },
    }),
  );
  return (Items ?? []).map((item) => String(item.sk).slice("TERM#".length)).sort();
}

describe("reindexing posts", () => {
  it("writes the rows a post lacks, deletes those it should not have, and then nothing", async () => {
    const table = await dynamo.newTable();
    const store = openStore(table);
    const posts = [post("a", "Tracing with eBPF", 10), post("b", "eBPF maps explained", 20), post("c", "Cilium and eBPF", 30)];
    for (const p of posts) await store.posts.insert(p);
    // As a post stored before the index (no term rows), and one indexed by an older tokenizer.
    for (const term of await termRows(table, "a"))
      await table.client.send(new DeleteCommand({ TableName: table.tableName, Key: keys.postTerm("a", term) }));
    await table.client.send(
      new PutCommand({
        TableName: table.tableName,
        Item: {
          ...keys.postTerm("b", "explained"),
          gsi1pk: keys.termIndex("explained"),
          gsi1sk: keys.timeSort(posts[1]!.publishedAt, "b"),
          postId: "b",
        },
      }),
    );
    const search = async (...words: string[]) => {
      const found: string[] = [];
      for await (const id of store.posts.searchIds(searchQuery(words).terms)) found.push(id);
      return found;
    };
    expect(await search("ebpf")).toEqual(["b", "c"]);

    const progress: [number, number][] = [];
    expect(await reindexPosts(store.posts, NOW, (done, corrected) => progress.push([done, corrected]))).toEqual({ posts: 3, corrected: 2 });
    expect(progress.at(-1)).toEqual([3, 2]);
    expect(await search("ebpf")).toEqual(["a", "b", "c"]);
    expect(await search("tracing")).toEqual(["a"]);
    expect(await termRows(table, "b")).toEqual(["bpf", "ebpf", "explain", "map"]);

    const mark = dynamo.operations.length;
    expect(await reindexPosts(store.posts, NOW)).toEqual({ posts: 3, corrected: 0 });
    expect(writesSince(dynamo, mark)).toEqual([]);
  });
});

describe("index rows after a write cut short", () => {
  const found = async (store: ReturnType<typeof openStore>, ...words: string[]) => {
    const ids: string[] = [];
    for await (const id of store.posts.searchIds(searchQuery(words).terms)) ids.push(id);
    return ids;
  };

  it("a publisher's edit whose index write failed is finished by its retry", async () => {
    const store = openStore(await dynamo.newTable());
    await store.posts.insert(post("a", "Cilium release notes", 10));
    const edit = { title: "Cilium security notes", summary: "", topics: ["ebpf"] };
    dynamo.failNext("BatchWriteItem", 1);
    await expect(store.posts.updateContent("a", edit)).rejects.toThrow();
    await store.posts.updateContent("a", edit);
    expect(await found(store, "security")).toEqual(["a"]);
    expect(await found(store, "release")).toEqual([]);
  });

  it("a new date whose rows were half rewritten is finished by the retry: every word is found together", async () => {
    const store = openStore(await dynamo.newTable());
    const words = Array.from(
      { length: 40 },
      (_, i) => `word${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}`,
    );
    await store.posts.insert(post("b", `Zebra ${words.join(" ")}`, 30));
    const moved = {
      title: `Zebra ${words.join(" ")}`,
      summary: "",
      topics: ["ebpf"],
      publishedAt: new Date(NOW.getTime() - 5 * 60_000).toISOString(),
    };
    // The second batch of 25 rows fails: half the rows carry the new date, half the old.
    dynamo.failNext("BatchWriteItem", 1, { skip: 1 });
    await expect(store.posts.updateContent("b", moved)).rejects.toThrow();
    await store.posts.updateContent("b", moved);
    expect(await found(store, "zebra", words.at(-1)!)).toEqual(["b"]);
  });

  it("a recap's item whose rows failed is found once the sync is retried", async () => {
    const store = openStore(await dynamo.newTable());
    const talk: Post = { ...post("talk", "Tetragon in production", 10), kind: "talk", speakers: ["Ada"] };
    await store.posts.saveListed(talk);
    const edited = { ...talk, title: "Tetragon enforcement in production" };
    dynamo.failNext("BatchWriteItem", 1);
    await expect(store.posts.saveListed(edited)).rejects.toThrow();
    await store.posts.saveListed(edited);
    expect(await found(store, "enforcement", "tetragon")).toEqual(["talk"]);
  });
});

describe("a search's read budget", () => {
  it("stops after its index rows, answers with the newest matches found, and says it stopped", async () => {
    const store = openStore(await dynamo.newTable());
    // Two common words never in one post, and one post far back with both.
    const posts = Array.from({ length: 300 }, (_, i) => post(`p${i}`, i === 299 ? "alpha beta" : i % 2 ? "alpha news" : "beta news", i));
    await mapWithConcurrency(posts, 16, (p) => store.posts.insert(p));
    const unbounded = await searchWindow(store.posts, ["alpha", "beta"], 1);
    expect(unbounded.window.map((p) => p.id)).toEqual(["p299"]);
    expect(unbounded.stopped).toBe(false);
    const bounded = await searchWindow(store.posts, ["alpha", "beta"], 1, { indexRows: 120, posts: 2_000 });
    expect(bounded.window).toEqual([]);
    expect(bounded.stopped).toBe(true);
    // The budget is checked before a read: rows in hand are used, and fill this page.
    const common = await searchWindow(store.posts, ["news"], 1, { indexRows: 50, posts: 2_000 });
    expect(common.window.map((p) => p.id)).toEqual(Array.from({ length: 11 }, (_, i) => `p${i}`));
    expect(common.stopped).toBe(false);
    // Words checked as written read posts until their own budget: 150 have both words, none "news-alpha".
    const phrase = await searchWindow(store.posts, ["news-alpha"], 1, { indexRows: 20_000, posts: 100 });
    expect(phrase).toMatchObject({ window: [], stopped: true });
  });
});
