/**
 * `/recap follow` end to end: follows made through the command language, posts ingested from a
 * loopback feed server and announced on the in-process bus, alerts posted to a loopback Slack Web
 * API, data in dynalite, and an injected clock for the hourly budget.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import { runCommand, type Outcome } from "@recap/core/commands";
import { checkLimits, renderOutcome } from "@recap/core/slack";
import { runCli, type LocalRecap } from "@recap/local";
import { HOUR, MINUTE, testClock, type TestClock } from "../helpers/clock";
import type { FeedServer } from "../helpers/feed-server";
import { publishNews } from "../helpers/news";
import { parsedTexts } from "../helpers/slack-messages";
import type { FakeSlack } from "../helpers/slack";
import { openRecapOnSlack, useFeedsAndSlack } from "../helpers/slack-world";

let feeds: FeedServer;
let slack: FakeSlack;
let recap: LocalRecap;
let clock: TestClock;

useFeedsAndSlack((world) => ({ feeds, slack } = world));

beforeEach(async () => {
  clock = testClock("2026-11-20T10:00:00Z");
  slack.calls.length = 0;
  recap = await openRecapOnSlack(slack, clock);
});
afterEach(async () => {
  await recap.close();
});

/** Publishes news on a new feed and lets the bus deliver it. */
async function publish(items: { title: string; link: string }[]): Promise<void> {
  await publishNews(
    feeds,
    recap.deps,
    items.map((item) => ({ guid: item.link, ...item })),
    { feedTitle: "Cloud Notes" },
  );
  await recap.bus.idle();
}

/** Recap again, with a follow budget of `perHour` alerts. */
async function reopenWithBudget(perHour: number): Promise<void> {
  await recap.close();
  recap = await openRecapOnSlack(slack, clock, { RECAP_FOLLOW_MAX_PER_HOUR: String(perHour) });
}

/** Delivers the `post.ingested` event of the newest post again, as EventBridge may. */
async function redeliverNewest(): Promise<void> {
  // Not its feed's seed post, first seen at the same instant (their order is their ids').
  const post = (await recap.deps.store.posts.seenSince(clock())).find((stored) => stored.title !== "Seed");
  const { id: postId, url, title, topics, publishedAt, firstSeenAt } = post!;
  await recap.bus.publish([{ detailType: "post.ingested", detail: { postId, feedId: "f", url, title, topics, publishedAt, firstSeenAt } }]);
  await recap.bus.idle();
}

const run = (text: string, channelId: string | undefined, words: string) =>
  runCommand(
    text === "following" ? { name: "following" } : { name: text as "follow" | "unfollow", topic: words },
    { via: "slack", ...(channelId ? { channelId } : {}), userId: "U0001" },
    recap.deps,
  );
const follow = (channelId: string, topic: string) => run("follow", channelId, topic);
const posted = (channel?: string) =>
  slack.calls.filter((call) => call.method === "chat.postMessage" && (channel === undefined || call.body.channel === channel));
const updates = (channel: string) => slack.calls.filter((call) => call.method === "chat.update" && call.body.channel === channel);
const dump = (value: unknown) => JSON.stringify(value);
const item = (title: string, slug: string) => ({ title, link: `https://blog.example.com/${slug}` });

describe("follow, unfollow, following", () => {
  it("follows a topic by any of its names, says when it already does, and lists the channel's follows", async () => {
    expect(await follow("CPLAT", "argo")).toMatchObject({ kind: "followed", topic: { id: "gitops" }, already: false, perHour: 6 });
    expect(await follow("CPLAT", "GitOps")).toMatchObject({ kind: "followed", already: true });
    await follow("CPLAT", "platform engineering");
    const listed = await run("following", "CPLAT", "");
    expect(listed.kind === "following" && listed.follows.map((f) => [f.topicId, f.topicLabel, f.status])).toEqual([
      ["gitops", "GitOps", "active"],
      ["platform-engineering", "Platform engineering", "active"],
    ]);
    expect(dump(renderOutcome(listed, { shareable: false }))).toContain("Platform engineering");
    // Another channel's follows are its own.
    expect(await run("following", "COTHER", "")).toMatchObject({ kind: "following", follows: [] });

    expect(await run("unfollow", "CPLAT", "gitops")).toMatchObject({ kind: "unfollowed", wasFollowing: true });
    expect(await run("unfollow", "CPLAT", "gitops")).toMatchObject({ kind: "unfollowed", wasFollowing: false });
    const after = await run("following", "CPLAT", "");
    expect(after.kind === "following" && after.follows.map((f) => f.topicId)).toEqual(["platform-engineering"]);
  });

  it("answers an unknown topic with suggestions, and use without a channel with an example", async () => {
    const unknown = await follow("CPLAT", "gitopz");
    expect(unknown).toMatchObject({
      kind: "unknown-topic",
      query: "gitopz",
      suggestions: expect.arrayContaining([{ id: "gitops", label: "GitOps" }]),
    });
    const channelless: Outcome = await run("follow", undefined, "gitops");
    expect(channelless).toMatchObject({ kind: "refused", reason: expect.stringMatching(/--channel C\w+/) });

    let stderr = "";
    let stdout = "";
    const io = { stdout: (text: string) => void (stdout += text), stderr: (text: string) => void (stderr += text) };
    const borrowed = async () => ({ ...recap, close: async () => {} });
    expect(await runCli(["follow", "gitops"], io, borrowed)).toBe(1);
    expect(stderr).toMatch(/recap follow gitops --channel C0123456789/);
    expect(await runCli(["follow", "wasm", "--channel", "CCLI"], io, borrowed)).toBe(0);
    expect(await runCli(["following", "--channel", "CCLI"], io, borrowed)).toBe(0);
    expect(stdout).toMatch(/now gets each new post on WebAssembly[\s\S]*webassembly\s+\(WebAssembly\)/);
  });
});

describe("alerts", () => {
  it("posts a new post on a followed topic once, its outside text inert, its source named", async () => {
    await follow("CGITOPS", "gitops");
    await publish([
      item("&lt;!channel&gt; *bold* &lt;@U1&gt; Argo CD 3.3 is out", "argo-3-3"),
      item("Falco eBPF runtime rules", "falco"), // not followed here
    ]);
    const [alert, ...more] = posted("CGITOPS");
    expect(more).toEqual([]);
    const body = alert!.body;
    expect(dump(body.blocks)).toContain("<!channel> *bold* <@U1> Argo CD 3.3 is out"); // literal, in rich text
    expect(dump(body.blocks)).toContain("Cloud Notes"); // the source, by its feed's title
    expect(dump(body.blocks)).toContain("GitOps");
    for (const text of parsedTexts(body.blocks)) expect(text).not.toMatch(/<!channel>|<@U1>/);
    expect(String(body.text)).toContain("&lt;!channel&gt;");
    expect(String(body.text)).not.toMatch(/<!channel>|<@U1>|\*bold\*/);
    expect(body).not.toHaveProperty("link_names");
    expect(checkLimits({ text: String(body.text), blocks: body.blocks as never })).toEqual([]);
  });

  it("sends one alert for a post matching two followed topics, and none for a duplicate delivery", async () => {
    await follow("CPLAT", "gitops");
    await follow("CPLAT", "platform-engineering");
    await publish([item("GitOps with Argo CD for your Backstage internal developer platform", "idp")]);
    expect(posted("CPLAT")).toHaveLength(1);
    expect(String(posted("CPLAT")[0]?.body.text)).toMatch(
      /^New on (GitOps, Platform engineering|Platform engineering, GitOps): GitOps with/,
    );

    // EventBridge delivers at least once: the same event again posts nothing.
    await Promise.all([redeliverNewest(), redeliverNewest()]);
    expect(posted("CPLAT")).toHaveLength(1);
  });

  it("alerts every channel following the topic, and stops after unfollow", async () => {
    await follow("CA", "ebpf");
    await follow("CB", "ebpf");
    await publish([item("Falco eBPF runtime rules", "falco")]);
    expect(
      posted()
        .map((call) => call.body.channel)
        .sort(),
    ).toEqual(["CA", "CB"]);
    await run("unfollow", "CB", "ebpf");
    await publish([item("Tetragon eBPF policies", "tetragon")]);
    expect(posted("CA")).toHaveLength(2);
    expect(posted("CB")).toHaveLength(1);
  });

  it("posts 6 alerts an hour, then one roll-up whose count grows, and alerts again the next hour", async () => {
    // What expires in the table is checked below: this one runs on dynalite.
    await recap.close();
    recap = await openRecapOnSlack(slack, clock, {}, { storage: "dynalite" });
    await follow("CBUSY", "gitops");
    await publish(Array.from({ length: 9 }, (_, i) => item(`Argo CD tip ${i + 1} &lt;!here&gt;`, `tip-${i + 1}`)));
    const messages = posted("CBUSY");
    expect(messages).toHaveLength(7);
    const rollups = messages.filter((call) => String(call.body.text).startsWith("More on GitOps"));
    expect(rollups).toHaveLength(1);
    const rollup = await recap.deps.store.follows.rollups.get("CBUSY", "2026-11-20T10");
    expect(rollup).toMatchObject({ total: 3, shown: 3, ts: expect.any(String) });
    const edits = updates("CBUSY");
    expect(edits.length).toBeGreaterThan(0);
    expect(edits.every((edit) => edit.body.ts === rollup?.ts)).toBe(true);
    const last = edits.at(-1)!.body;
    expect(String(last.text)).toMatch(/this hour: 3 new posts — `\/recap gitops`/);
    expect(dump(last.blocks)).toContain("<!here>"); // titles listed as rich text
    expect(String(last.text)).not.toContain("<!here>");
    expect(checkLimits({ text: String(last.text), blocks: last.blocks as never })).toEqual([]);

    // Claims, the budget and the roll-up are bookkeeping: DynamoDB deletes them 30 days on.
    const { Items = [] } = await recap.table!.client.send(
      new QueryCommand({
        TableName: recap.table!.tableName,
        KeyConditionExpression: "pk = :pk",
        ExpressionAttributeValues: { ":pk": "CHANNEL#CBUSY" },
      }),
    );
    const bookkeeping = Items.filter((row) => /^(ALERT|ALERTS|ROLLUP)#/.test(String(row.sk)));
    expect(bookkeeping).toHaveLength(9 + 1 + 1);
    const in30Days = Date.parse("2026-12-20T10:00:00Z") / 1000;
    for (const row of bookkeeping) expect(row.expiresAt).toBe(in30Days);
    expect(Items.find((row) => String(row.sk).startsWith("FOLLOW#"))?.expiresAt).toBeUndefined();

    clock.advance(HOUR);
    await publish([item("Argo CD tip for the next hour", "next-hour")]);
    expect(posted("CBUSY")).toHaveLength(8);
    expect(String(posted("CBUSY")[7]?.body.text)).toMatch(/^New on GitOps: Argo CD tip for the next hour/);
  });

  it("keeps to a configured budget", async () => {
    await reopenWithBudget(2);
    await follow("CTWO", "gitops");
    await publish(Array.from({ length: 4 }, (_, i) => item(`Flux CD tip ${i}`, `flux-${i}`)));
    expect(posted("CTWO")).toHaveLength(3);
    // Two posts over budget arriving together may go out as one roll-up already counting both.
    const rollup = [...posted("CTWO"), ...updates("CTWO")].filter((call) => String(call.body.text).startsWith("More on GitOps"));
    expect(String(rollup.at(-1)?.body.text)).toMatch(/this hour: 2 new posts/);
    expect(await recap.deps.store.follows.rollups.get("CTWO", "2026-11-20T10")).toMatchObject({ total: 2, shown: 2 });
  });
});

describe("when Slack says no", () => {
  it("disables the follows of a channel Slack cannot post to, only those, and says why", async () => {
    await follow("CGONE", "gitops");
    await follow("CGONE", "ebpf");
    await follow("COK", "gitops");
    slack.failNext("chat.postMessage", "channel_not_found");
    await publish([item("Argo CD notifications", "notify")]);
    // Whichever channel's post came first was refused.
    const gone = String(posted()[0]?.body.channel);
    const other = gone === "CGONE" ? "COK" : "CGONE";
    const goneFollows = await recap.deps.store.follows.ofChannel(gone);
    expect(goneFollows.length).toBeGreaterThan(0);
    for (const f of goneFollows) expect(f).toMatchObject({ status: "disabled", disabledReason: "channel_not_found" });
    expect(dump(renderOutcome(await run("following", gone, ""), { shareable: false }))).toMatch(/stopped: Slack said “channel_not_found”/);
    expect(await recap.deps.store.follows.get(other, "gitops")).toMatchObject({ status: "active" });
    expect(posted(other)).toHaveLength(1);

    // The disabled channel is not tried again; following again starts it.
    await publish([item("Argo CD image updater", "updater")]);
    expect(posted(gone)).toHaveLength(1);
    expect(posted(other)).toHaveLength(2);
    await follow(gone, "gitops");
    await publish([item("Argo CD 3.4 preview", "preview")]);
    expect(posted(gone)).toHaveLength(2);
  });

  it("retries a definite refusal through the bus, posting once", async () => {
    await follow("CRL", "gitops");
    slack.rateLimitNext("chat.postMessage", 60); // longer than we wait: refused, not posted
    await publish([item("Argo CD under load", "load")]);
    const attempts = posted("CRL");
    expect(attempts).toHaveLength(2); // the 429, then the post on the bus's retry
    // By title: the feed's seed post is first seen at the same instant, and their order is their ids'.
    const post = (await recap.deps.store.posts.seenSince(clock())).find((stored) => stored.title === "Argo CD under load");
    expect(await recap.deps.store.follows.alerts.claim("CRL", post!.id, clock())).toBe(false);
  });

  it("retries a refused roll-up update through the bus; a rolled-up post is never alerted on its own later", async () => {
    await reopenWithBudget(1);
    await follow("CROLL", "gitops");
    await publish([item("Argo CD one", "one")]);
    await publish([item("Argo CD two", "two")]);
    expect(posted("CROLL").map((call) => String(call.body.text).slice(0, 12))).toEqual(["New on GitOp", "More on GitO"]);
    slack.rateLimitNext("chat.update", 60); // refused: the delivery fails and the bus retries it
    await publish([item("Argo CD three", "three")]);
    expect(String(updates("CROLL").at(-1)?.body.text)).toMatch(/this hour: 2 new posts/);
    expect(await recap.deps.store.follows.rollups.get("CROLL", "2026-11-20T10")).toMatchObject({ total: 2, shown: 2 });

    // Redelivered an hour later, when the budget has room again: still only in that roll-up.
    clock.advance(HOUR);
    await redeliverNewest();
    expect(posted("CROLL")).toHaveLength(2);
  });

  it("does not stop a channel's follows for an error about the whole installation; the bus retries", async () => {
    await follow("CAUTH", "gitops");
    slack.failNext("chat.postMessage", "invalid_auth");
    await publish([item("Argo CD after a token rotation", "rotation")]);
    expect(await recap.deps.store.follows.get("CAUTH", "gitops")).toMatchObject({ status: "active" });
    expect(posted("CAUTH")).toHaveLength(2); // refused, then posted on the retry
  });

  it("keeps the claim when the outcome is unknown: a lost alert rather than a duplicate", async () => {
    await follow("CMAYBE", "gitops");
    slack.failNext("chat.postMessage", "internal_error");
    await publish([item("Argo CD maybe posted", "maybe")]);
    expect(posted("CMAYBE")).toHaveLength(1);
    clock.advance(5 * MINUTE);
    await redeliverNewest();
    expect(posted("CMAYBE")).toHaveLength(1);
  });
});
