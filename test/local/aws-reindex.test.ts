/**
 * `recap reindex --table`: a deployed stage's table (here dynalite on loopback, reached the way the
 * AWS SDK reaches any endpoint: AWS_ENDPOINT_URL_DYNAMODB) gets the word index for posts stored
 * before it existed, and the topic-count snapshot `topics` reads, without opening this machine's Recap.
 */
import { DeleteCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { searchQuery, type Post } from "@recap/core/posts";
import { connectTable, openStore } from "@recap/core/store";
import { ensureTable, LOCAL_AWS, startDynalite, type DynaliteServer } from "@recap/local";
import { recapAgainstAws } from "../helpers/aws-cli";

const TABLE = "recap-prod-table";
const saved = { ...process.env };
let dynalite: DynaliteServer;

beforeAll(async () => {
  dynalite = await startDynalite();
  await ensureTable(dynalite.endpoint, TABLE);
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_DYNAMODB: dynalite.endpoint,
    AWS_REGION: "eu-west-1",
    AWS_ACCESS_KEY_ID: "test",
    AWS_SECRET_ACCESS_KEY: "test",
  });
});
afterAll(async () => {
  process.env = saved;
  await dynalite?.close();
});

const recap = recapAgainstAws;

describe("recap reindex --table", () => {
  it("indexes the deployed table's posts that have no word rows, then finds nothing to do", async () => {
    const table = connectTable(TABLE, { endpoint: dynalite.endpoint, ...LOCAL_AWS });
    const store = openStore(table);
    const at = new Date().toISOString();
    const post: Post = {
      id: "legacy",
      kind: "article",
      url: "https://example.com/legacy",
      title: "Tetragon runtime enforcement",
      summary: "",
      publishedAt: at,
      firstSeenAt: at,
      topics: ["security"],
      feeds: ["https://example.com/feed.xml"],
      fresh: false,
    };
    await store.posts.insert(post);
    // As a post stored before the word index existed.
    const { Items } = await table.client.send(
      new QueryCommand({
        TableName: TABLE,
        KeyConditionExpression: "pk = :pk AND begins_with(sk, :t)",
        ExpressionAttributeValues: { ":pk": "POST#legacy", ":t": "TERM#" },
      }),
    );
    for (const item of Items ?? []) await table.client.send(new DeleteCommand({ TableName: TABLE, Key: { pk: item.pk, sk: item.sk } }));
    const found = async () => {
      const ids: string[] = [];
      for await (const id of store.posts.searchIds(searchQuery(["tetragon"]).terms)) ids.push(id);
      return ids;
    };
    expect(await found()).toEqual([]);
    expect(await store.posts.topicCountSnapshot()).toBeUndefined();

    const first = await recap("reindex", "--table", TABLE, "--json");
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toEqual({ feeds: { total: 0, corrected: 0 }, posts: { total: 1, corrected: 1 } });
    expect(first.stderr).toContain("Reindexed 1 post (1 corrected)");
    expect(await found()).toEqual(["legacy"]);
    // Then what `topics` reads, counted from the rows just rebuilt.
    expect(first.stderr).toContain("Counted posts per topic for `topics`");
    expect((await store.posts.topicCountSnapshot())?.counts).toMatchObject({ security: 1, kubernetes: 0 });

    const second = await recap("reindex", "--table", TABLE);
    expect(second.stdout).toBe("Recounted 0 feeds: 0 corrected. Reindexed 1 post: 0 corrected.\n");
  });
});
