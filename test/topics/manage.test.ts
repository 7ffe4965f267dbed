/**
 * Team topics end to end: `topic add` / `topic alias` through the command language, stored in the
 * table (dynalite), in force for the next poll at once, and `retag` applying them to stored posts.
 */
import { describe, expect, it } from "vitest";
import { parseCommand, runCommand, type CommandContext, type Outcome } from "@recap/core/commands";
import { DeleteCommand } from "@aws-sdk/lib-dynamodb";
import { addFeed, refreshFeed, type Feed } from "@recap/core/feeds";
import { keys } from "@recap/core/store";
import { HOUR } from "../helpers/clock";
import { rss } from "../helpers/feed-server";
import { newRecap, useFreshRecap, type Harness, type TestRecap } from "../helpers/recap";

let harness: Harness;
let recap: TestRecap;
useFreshRecap({ harness: (started) => (harness = started), recap: (fresh) => (recap = fresh), storage: "memory" });

const cli: CommandContext = { via: "cli" };
const run = async (text: string, context: CommandContext = cli): Promise<Outcome> => {
  const parsed = parseCommand(text);
  expect(parsed.problem).toBeUndefined();
  return runCommand(parsed.command, context, recap.deps);
};
const titles = (outcome: Outcome) => (outcome.kind === "posts" ? outcome.posts.map((post) => post.title) : outcome.kind);

const hiringPosts = [
  { title: "Hiring for Kubernetes teams", link: "https://cost.example.com/hiring", guid: "f1" },
  { title: "Better job interviews with work samples", link: "https://cost.example.com/bill", guid: "f2" },
  { title: "Argo CD 3.0 released", link: "https://cost.example.com/argo", guid: "f3" },
];

async function followedFeed(path: string, items: Parameters<typeof rss>[0]): Promise<Feed> {
  harness.feeds.route(path, { body: rss(items) });
  const result = await addFeed(harness.feeds.at(path), { via: "cli" }, recap.deps);
  if (result.status === "failed") throw new Error(result.error);
  return result.feed;
}

describe("topic add and topic alias", () => {
  it("adds a topic that lookups, counts and the very next poll use at once", async () => {
    const feed = await followedFeed("/cost.xml", [hiringPosts[2]!]);
    const added = await run('topic add hiring Hiring "job interview"');
    expect(added).toEqual({ kind: "topic-added", id: "hiring", label: "Hiring", aliases: ["job interview"] });

    recap.clock.advance(HOUR);
    harness.feeds.route("/cost.xml", { body: rss(hiringPosts.map((post) => ({ ...post, pubDate: recap.clock() }))) });
    await refreshFeed((await recap.deps.store.feeds.get(feed.id))!, recap.deps);

    expect(titles(await run("hiring"))).toEqual(["Hiring for Kubernetes teams", "Better job interviews with work samples"]);
    expect(titles(await run("job interview"))).toEqual(titles(await run("topic Hiring")));
    const counts = await run("topics");
    expect(counts.kind === "topics" && counts.topics.find((topic) => topic.id === "hiring")).toEqual({
      id: "hiring",
      label: "Hiring",
      count: 2,
    });
  });

  it("adds an alias to a built-in topic, and it finds and tags as the topic", async () => {
    expect(await run("topic alias gitops continuous reconciliation")).toEqual({
      kind: "topic-aliased",
      id: "gitops",
      label: "GitOps",
      alias: "continuous reconciliation",
    });
    const feed = await followedFeed("/recon.xml", []);
    recap.clock.advance(HOUR);
    harness.feeds.route("/recon.xml", {
      body: rss([{ title: "Continuous reconciliation at scale", link: "https://recon.example.com/1", guid: "r1", pubDate: recap.clock() }]),
    });
    await refreshFeed((await recap.deps.store.feeds.get(feed.id))!, recap.deps);
    expect(titles(await run("continuous reconciliation"))).toEqual(["Continuous reconciliation at scale"]);
    expect(titles(await run("gitops"))).toEqual(["Continuous reconciliation at scale"]);
  });

  it("refuses ids, labels and aliases that are malformed or already taken, storing nothing", async () => {
    const refusal = async (text: string) => {
      const outcome = await run(text);
      expect(outcome.kind).toBe("refused");
      return outcome.kind === "refused" ? outcome.reason : "";
    };
    expect(await refusal("topic add GitOps Something")).toMatch(/lower case words joined by hyphens/);
    expect(await refusal("topic add latest Latest")).toMatch(/`latest` is a command word/);
    expect(await refusal("topic add gitops GitOps2")).toMatch(/There is a topic `gitops` already/);
    expect(await refusal("topic add deploys Deploys argo")).toMatch(/`argo` already names the topic GitOps/);
    expect(await refusal('topic add sneaky Sneaky "=AI"')).toMatch(/plain words/);
    expect(await refusal("topic add cues Cues kube@cue")).toMatch(/plain words/);
    expect(await refusal("topic alias no-such-topic thing")).toMatch(/There is no topic `no-such-topic`/);
    expect(await refusal("topic alias gitops argo cd")).toMatch(/already finds GitOps/);
    expect(await refusal("topic alias ebpf gitops")).toMatch(/already names the topic GitOps/);
    expect(await refusal(`topic alias gitops ${"x".repeat(61)}`)).toMatch(/at most 60 characters/);
    expect(await recap.deps.store.topics.list()).toEqual([]);
  });

  it("drops aliases that repeat the label or each other", async () => {
    expect(await run("topic add hiring Hiring hiring Hir-ing talent talent")).toEqual({
      kind: "topic-added",
      id: "hiring",
      label: "Hiring",
      aliases: ["talent"],
    });
  });

  it("lets only admins change topics from Slack; anyone may from the terminal", async () => {
    const slack: CommandContext = { via: "slack", userId: "U2", channelId: "C1", adminUserIds: ["U1"] };
    expect((await run("topic add hiring Hiring", slack)).kind).toBe("refused");
    expect((await run("topic alias gitops reconcilers", slack)).kind).toBe("refused");
    expect((await run("retag", slack)).kind).toBe("refused");
    expect(await recap.deps.store.topics.list()).toEqual([]);
    expect((await run("topic add hiring Hiring", { ...slack, userId: "U1" })).kind).toBe("topic-added");
    expect((await recap.deps.store.topics.list()).map((topic) => [topic.id, topic.addedBy])).toEqual([["hiring", "U1"]]);
  });

  it("a second add of the same id loses cleanly", async () => {
    const [first, second] = await Promise.all([run("topic add hiring Hiring"), run("topic add hiring Recruiting")]);
    expect([first.kind, second.kind].sort()).toEqual(["refused", "topic-added"]);
    expect((await recap.deps.store.topics.list()).map((topic) => topic.id)).toEqual(["hiring"]);
  });
});

describe("retag", () => {
  it("applies topics added later to stored posts, since a date or all of them, and changes only what differs", async () => {
    await followedFeed("/old.xml", hiringPosts.slice(0, 2));
    recap.clock.advance(3 * 24 * HOUR);
    await followedFeed("/new.xml", [{ title: "Hiring reviews every sprint", link: "https://cost.example.com/sprint", guid: "n1" }]);
    await run("topic add hiring Hiring");
    expect(titles(await run("hiring"))).toEqual([]);

    const today = recap.clock().toISOString().slice(0, 10);
    expect(await run(`retag --since ${today}`)).toEqual({
      kind: "retagged",
      since: today,
      examined: 1,
      changed: 1,
      byTopic: [{ id: "hiring", added: 1, removed: 0 }],
    });
    expect(titles(await run("hiring"))).toEqual(["Hiring reviews every sprint"]);

    expect(await run("retag")).toEqual({ kind: "retagged", examined: 3, changed: 1, byTopic: [{ id: "hiring", added: 1, removed: 0 }] });
    expect([...titles(await run("hiring"))].sort()).toEqual(["Hiring for Kubernetes teams", "Hiring reviews every sprint"]);
    expect(await run("retag")).toEqual({ kind: "retagged", examined: 3, changed: 0, byTopic: [] });
  });

  it("removes topics a post no longer gets, from the post and from the topic's list", async () => {
    recap = await newRecap(harness); // what is written to the table is what this checks
    await followedFeed("/flux.xml", [{ title: "Reconciling drift in clusters", link: "https://flux.example.com/1", guid: "d1" }]);
    await run("topic alias gitops drift");
    expect(await run("retag")).toEqual({ kind: "retagged", examined: 1, changed: 1, byTopic: [{ id: "gitops", added: 1, removed: 0 }] });
    expect(titles(await run("gitops"))).toEqual(["Reconciling drift in clusters"]);

    // There is no command to take an alias back yet: an operator deletes the row.
    await recap.table!.client.send(new DeleteCommand({ TableName: recap.table!.tableName, Key: keys.storedTopic("gitops") }));
    expect(await run("retag")).toEqual({ kind: "retagged", examined: 1, changed: 1, byTopic: [{ id: "gitops", added: 0, removed: 1 }] });
    expect(titles(await run("gitops"))).toEqual([]);
    const [post] = await recap.deps.store.posts.seenSince(recap.clock());
    expect(post?.topics).toEqual([]);
  });
});
