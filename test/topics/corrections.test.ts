/**
 * A team correcting tags, through the command language against dynalite: a correction applies to
 * its post at once and in every retag, is idempotent, teaches a cue the next poll uses, and every
 * part of it can be reviewed and undone. The learning rules themselves are tested as rules.
 */
import { describe, expect, it } from "vitest";
import { parseCommand, runCommand, type CommandContext, type Outcome } from "@recap/core/commands";
import { addFeed, refreshFeed, type Feed } from "@recap/core/feeds";
import { applyCorrections, explainTopics, loadTaxonomy, negativeCue, positiveCue, type TopicEvidence } from "@recap/core/topics";
import { HOUR } from "../helpers/clock";
import { rss, type TestItem } from "../helpers/feed-server";
import { useFreshRecap, type Harness, type TestRecap } from "../helpers/recap";

const taxonomy = loadTaxonomy();

describe("what a correction teaches", () => {
  const cueFor = (evidence: TopicEvidence, id: string) =>
    negativeCue(
      evidence,
      explainTopics(evidence, taxonomy).find((score) => score.id === id),
    );

  it("unlearns the phrase that made a wrong tag, with its neighbouring word", () => {
    expect(cueFor({ title: "Chaos Mesh: your chaos engineering toolkit" }, "service-mesh")).toBeUndefined(); // masked already
    expect(cueFor({ title: "Why we moved our mesh router upstairs", summary: "A home lab note." }, "service-mesh")).toBeUndefined();
    expect(cueFor({ title: "Trimming Kubernetes waste with OpenCost" }, "kubernetes")).toBe("Trimming Kubernetes");
    expect(cueFor({ title: "Kubernetes" }, "kubernetes")).toBeUndefined(); // a bare name: nothing narrower to unlearn
    expect(cueFor({ title: "Kubernetes: the hard parts" }, "kubernetes")).toBeUndefined(); // never across punctuation
    expect(cueFor({ title: "Cargo and Argo CD" }, "gitops")).toBeUndefined(); // "and Argo CD" would hide Argo CD everywhere
    expect(cueFor({ title: "Let’s Kubernetes together" }, "kubernetes")).toBe("Let's Kubernetes"); // as the taxonomy can hold it
    expect(cueFor({ title: "Kubernetesify and Kubernetes tips" }, "kubernetes")).toBe("Kubernetes tips"); // the whole word, not inside one
  });

  it("learns a post title's most distinctive phrase as a hint", () => {
    expect(positiveCue("Lessons from running our internal tooling group")).toBe("internal tooling");
    expect(positiveCue("Why we built Backyard")).toBe("backyard");
    expect(positiveCue("How to do it")).toBeUndefined();
  });

  it("puts the team's word over the matcher's, in taxonomy order", () => {
    expect(applyCorrections(["kubernetes", "security"], { not: ["kubernetes"], also: ["ai-ml"] }, taxonomy)).toEqual(["ai-ml", "security"]);
    expect(applyCorrections(["kubernetes"], undefined, taxonomy)).toEqual(["kubernetes"]);
  });
});

let harness: Harness;
let recap: TestRecap;
useFreshRecap({ harness: (started) => (harness = started), recap: (fresh) => (recap = fresh), storage: "memory" });

const cli: CommandContext = { via: "cli" };
const slackUser: CommandContext = { via: "slack", userId: "U0001", adminUserIds: ["UADMIN"] };
const run = async (text: string, context: CommandContext = cli): Promise<Outcome> => {
  const parsed = parseCommand(text);
  expect(parsed.problem).toBeUndefined();
  return runCommand(parsed.command, context, recap.deps);
};
const titles = (outcome: Outcome) => (outcome.kind === "posts" ? outcome.posts.map((post) => post.title) : outcome.kind);

async function follow(path: string, items: TestItem[]): Promise<Feed> {
  harness.feeds.route(path, { body: rss(items) });
  const result = await addFeed(harness.feeds.at(path), { via: "cli" }, recap.deps);
  if (result.status === "failed") throw new Error(result.error);
  return result.feed;
}
async function poll(feed: Feed, items: TestItem[]) {
  recap.clock.advance(HOUR);
  harness.feeds.route(new URL(feed.url).pathname, { body: rss(items) });
  await refreshFeed((await recap.deps.store.feeds.get(feed.id))!, recap.deps);
}
const postAt = async (url: string) => (await recap.deps.store.posts.seenSince(recap.clock())).find((post) => post.url === url)!;

const COSTS = { title: "Trimming Kubernetes waste with OpenCost", link: "https://cost.example.com/1", guid: "1" };
const MORE_COSTS = { title: "Trimming Kubernetes waste with Kubecost", link: "https://cost.example.com/2", guid: "2" };

describe("correct <post-id> not|also|undo <topic>", () => {
  it("takes a topic off a post at once, for good, and teaches the phrase that caused it", async () => {
    const feed = await follow("/cost.xml", [COSTS]);
    const post = await postAt(COSTS.link);
    expect(post.topics).toEqual(["kubernetes", "finops"]);

    const corrected = await run(`correct ${post.id} not kubernetes`, slackUser);
    expect(corrected).toMatchObject({
      kind: "corrected",
      verdict: "not",
      topic: { id: "kubernetes" },
      topics: [{ id: "finops", label: "FinOps & cloud cost" }],
      already: false,
      learned: { polarity: "negative", phrase: "Trimming Kubernetes" },
    });
    expect(titles(await run("kubernetes"))).toEqual([]);
    expect(titles(await run("finops"))).toEqual([COSTS.title]);

    // Idempotent: the same correction again changes nothing and learns nothing new.
    expect(await run(`correct ${post.id} not kubernetes`)).toMatchObject({ kind: "corrected", already: true });
    expect(await recap.deps.store.topics.cues("kubernetes")).toHaveLength(1);

    // The next post with the same phrase is not tagged Kubernetes; one naming Kubernetes otherwise still is.
    await poll(feed, [COSTS, MORE_COSTS, { title: "Kubernetes 1.36 released", link: "https://cost.example.com/3", guid: "3" }]);
    expect((await postAt(MORE_COSTS.link)).topics).toEqual(["finops"]);
    expect((await postAt("https://cost.example.com/3")).topics).toEqual(["kubernetes"]);

    // A retag keeps the correction (and the cue).
    await run("retag");
    expect((await postAt(COSTS.link)).topics).toEqual(["finops"]);
    expect(titles(await run("kubernetes"))).toEqual(["Kubernetes 1.36 released"]);
  });

  it("puts a topic on a post, hints at it for posts like it, and undoes both", async () => {
    const item = { title: "Lessons from running our internal tooling group", link: "https://infra.example.com/1", guid: "1" };
    const feed = await follow("/infra.xml", [item]);
    const post = await postAt(item.link);
    expect(post.topics).toEqual([]);

    expect(await run(`correct ${post.id} --also platform engineering`)).toMatchObject({
      kind: "corrected",
      topics: [{ id: "platform-engineering" }],
      learned: { polarity: "positive", phrase: "internal tooling" },
    });
    expect(titles(await run("platform engineering"))).toEqual([item.title]);
    expect(await run("retag")).toMatchObject({ changed: 0 });

    // A weak hint: with the cue and a generic word, a new post is tagged; the cue alone would not.
    const next = {
      title: "Internal tooling for our developers",
      description: "Self-service requests, finally.",
      link: "https://infra.example.com/2",
      guid: "2",
    };
    await poll(feed, [item, next]);
    expect((await postAt(next.link)).topics).toEqual(["platform-engineering"]);

    // Review, then undo: the post is back to the matcher's word and the cue is gone.
    const cues = await run("topic cues platform-engineering");
    expect(cues).toMatchObject({ kind: "topic-cues", cues: [{ polarity: "positive", phrase: "internal tooling", postIds: [post.id] }] });
    expect(await run(`correct ${post.id} undo platform-engineering`)).toMatchObject({ kind: "corrected", verdict: "undo", topics: [] });
    expect(await run("topic cues platform-engineering")).toMatchObject({ kind: "topic-cues", cues: [] });
    expect(titles(await run("platform engineering"))).toEqual([next.title]); // tagged when it came in; a retag re-reads it
  });

  it("forgets a cue on request, admins only in Slack", async () => {
    await follow("/cost.xml", [COSTS]);
    const post = await postAt(COSTS.link);
    const corrected = await run(`correct ${post.id} not kubernetes`);
    const cueId = corrected.kind === "corrected" ? corrected.learned?.cueId : undefined;
    expect(cueId).toMatch(/^[0-9a-f]{8}$/);

    expect(await run(`topic forget kubernetes ${cueId}`, slackUser)).toMatchObject({ kind: "refused" });
    expect(await run(`topic forget kubernetes ${cueId}`, { ...slackUser, userId: "UADMIN" })).toMatchObject({
      kind: "cue-forgotten",
      cue: { phrase: "Trimming Kubernetes" },
    });
    expect(await run(`topic forget kubernetes ${cueId}`)).toMatchObject({ kind: "refused", reason: expect.stringMatching(/no cue/) });
    // The post's own correction stays: only the lesson was forgotten.
    await run("retag");
    expect((await postAt(COSTS.link)).topics).toEqual(["finops"]);
  });

  it("gives a topic back at once on undo, as if the correction had never been made", async () => {
    await follow("/cost.xml", [COSTS]);
    const post = await postAt(COSTS.link);
    await run(`correct ${post.id} not kubernetes`);
    expect(await run(`correct ${post.id} undo kubernetes`)).toMatchObject({ topics: [{ id: "kubernetes" }, { id: "finops" }] });
    expect((await postAt(COSTS.link)).topics).toEqual(["kubernetes", "finops"]);
    expect(await recap.deps.store.topics.cues("kubernetes")).toEqual([]);
  });

  it("learns nothing more from a correction said again, nor from a tag the matcher no longer gives", async () => {
    const twin = { ...COSTS, link: "https://cost.example.com/twin", guid: "twin" };
    await follow("/cost.xml", [COSTS, twin]);
    const [one, two] = [await postAt(COSTS.link), await postAt(twin.link)];
    expect(await run(`correct ${one.id} not kubernetes`)).toHaveProperty("learned");
    const again = await run(`correct ${one.id} not kubernetes`);
    expect(again).toMatchObject({ already: true });
    expect(again).not.toHaveProperty("learned");
    // The twin was stored before the cue: its Kubernetes tag is no longer the matcher's, so there is nothing to learn.
    expect(two.topics).toEqual(["kubernetes", "finops"]);
    expect(await run(`correct ${two.id} not kubernetes`)).not.toHaveProperty("learned");
    expect((await recap.deps.store.topics.cues("kubernetes")).map((cue) => cue.postIds)).toEqual([[one.id]]);
  });

  it("keeps a cue two posts taught until both take it back", async () => {
    const items = [
      { title: "Lessons from running our internal tooling group", link: "https://infra.example.com/1", guid: "1" },
      { title: "Internal tooling, year two", link: "https://infra.example.com/2", guid: "2" },
    ];
    await follow("/infra.xml", items);
    const [one, two] = [await postAt(items[0]!.link), await postAt(items[1]!.link)];
    await run(`correct ${one.id} also platform-engineering`);
    await run(`correct ${two.id} also platform-engineering`);
    const cues = () => recap.deps.store.topics.cues("platform-engineering");
    expect((await cues()).map((cue) => [cue.phrase, cue.postIds])).toEqual([["internal tooling", [one.id, two.id].sort()]]);
    await run(`correct ${one.id} undo platform-engineering`);
    expect((await cues()).map((cue) => cue.postIds)).toEqual([[two.id]]);
    await run(`correct ${two.id} undo platform-engineering`);
    expect(await cues()).toEqual([]);
  });

  it("keeps both of two corrections of one post made at the same moment", async () => {
    await follow("/cost.xml", [COSTS]);
    const post = await postAt(COSTS.link);
    await Promise.all([
      run(`correct ${post.id} not kubernetes`),
      run(`correct ${post.id} also security`),
      run(`correct ${post.id} also ai-ml`),
    ]);
    const stored = await recap.deps.store.posts.get(post.id);
    expect(stored?.corrections).toEqual({ not: ["kubernetes"], also: expect.arrayContaining(["security", "ai-ml"]) });
    expect(stored?.topics).toEqual(["ai-ml", "security", "finops"]);
  });

  it("answers a bad post id or topic in plain words", async () => {
    expect(await run("correct 0000000000000000 not kubernetes")).toMatchObject({
      kind: "refused",
      reason: expect.stringMatching(/no post/),
    });
    await follow("/cost.xml", [COSTS]);
    const post = await postAt(COSTS.link);
    expect(await run(`correct ${post.id} not kubernetis`)).toMatchObject({ kind: "unknown-topic", suggestions: [{ id: "kubernetes" }] });
  });
});
