/**
 * `recap reindex`'s posts half (posts/reindex.ts) on the table itself: posts stored before the word
 * index existed get their rows, rows a tokenizer no longer makes go, and a second run writes nothing.
 */
import { DeleteCommand, PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reindexPosts, searchQuery, type Post } from "@recap/core/posts";
import { keys, openStore, type TableRef } from "@recap/core/store";
import { startTestDynamo, writesSince, type TestDynamo } from "../helpers/dynamo";

let dynamo: TestDynamo;
beforeAll(async () => {
  dynamo = await startTestDynamo();
});
afterAll(async () => {
  await dynamo?.close();
});

const NOW = new Date("2026-12-01T10:00:00Z");
const post = (id: string, title: string, minutesAgo: number): Post => {
  const at = new Date(NOW.getTime() - minutesAgo * 60_000).toISOString();
  return {
    id,
    kind: "article",
    url: `https://example.com/${id}`,
    title,
    summary: "",
    publishedAt: at,
    firstSeenAt: at,
    topics: ["ebpf"],
    feeds: ["https://example.com/feed.xml"],
    fresh: false,
  };
};

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
