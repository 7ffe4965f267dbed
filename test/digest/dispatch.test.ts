/**
 * The daily digest end to end: subscriptions in several time zones, the dispatcher run every 15
 * minutes by an injected clock, posts counted on a loopback Slack Web API, data in dynalite.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { runCommand } from "@recap/core/commands";
import { dispatchDigests } from "@recap/core/digest";
import { scheduleHandlers } from "@recap/core/runtime";
import { silentLogger } from "@recap/core/shared";
import { checkLimits, renderOutcome } from "@recap/core/slack";
import { openLocalRecap, runCli, type LocalRecap } from "@recap/local";
import { HOUR, MINUTE, testClock, type TestClock } from "../helpers/clock";
import type { FeedServer, TestItem } from "../helpers/feed-server";
import { publishNews } from "../helpers/news";
import { startTestDynamo, type TestDynamo } from "../helpers/dynamo";
import type { FakeSlack } from "../helpers/slack";
import { openRecapOnSlack, useFeedsAndSlack } from "../helpers/slack-world";

let feeds: FeedServer;
let slack: FakeSlack;
let recap: LocalRecap;
let clock: TestClock;

useFeedsAndSlack((world) => ({ feeds, slack } = world));

async function open(env: Record<string, string> = {}, options: { endpoint?: string } = {}) {
  recap = await openRecapOnSlack(slack, clock, env, options);
}

beforeEach(async () => {
  clock = testClock("2026-11-20T00:00:00Z");
  slack.calls.length = 0;
  await open();
});
afterEach(async () => {
  await recap.close();
});

const publish = (items: TestItem[]) => publishNews(feeds, recap.deps, items);

/** Runs `test` with this file's Recap on a dynalite behind a recording proxy instead of in memory. */
async function onDynalite(test: (dynamo: TestDynamo) => Promise<void>): Promise<void> {
  const dynamo = await startTestDynamo();
  await recap.close();
  await open({}, { endpoint: dynamo.endpoint });
  try {
    await test(dynamo);
  } finally {
    await recap.close();
    await dynamo.close();
    await open(); // afterEach closes it
  }
}

const subscribe = (channelId: string, ...words: string[]) =>
  runCommand({ name: "subscribe", words }, { via: "slack", channelId }, recap.deps);
const posts = (channel?: string) =>
  slack.calls.filter((call) => call.method === "chat.postMessage" && (channel === undefined || call.body.channel === channel));

/** Runs the dispatcher every 15 minutes from now until `until`, recording when each channel got a post. */
async function runEvery15Minutes(until: string): Promise<Map<string, string[]>> {
  const postedAt = new Map<string, string[]>();
  while (clock().toISOString() < until) {
    const before = slack.calls.length;
    await dispatchDigests(recap.deps);
    for (const call of slack.calls.slice(before)) {
      if (call.method !== "chat.postMessage" || call.body.thread_ts) continue;
      const channel = String(call.body.channel);
      postedAt.set(channel, [...(postedAt.get(channel) ?? []), clock().toISOString()]);
    }
    clock.advance(15 * MINUTE);
  }
  return postedAt;
}

describe("when digests go out", () => {
  it("each channel gets one digest a day at 09:00 in its own time zone", async () => {
    await publish([{ title: "Argo CD 3.3 is out", link: "https://blog.example.com/argo-3-3", guid: "a" }]);
    await subscribe("CPARIS", "09:00", "Europe/Paris");
    await subscribe("CLA", "09:00", "America/Los_Angeles");
    await subscribe("CKOLKATA", "09:00", "Asia/Kolkata");
    const postedAt = await runEvery15Minutes("2026-11-21T00:00:00Z");
    expect(Object.fromEntries(postedAt)).toEqual({
      CKOLKATA: ["2026-11-20T03:30:00.000Z"],
      CPARIS: ["2026-11-20T08:00:00.000Z"],
      CLA: ["2026-11-20T17:00:00.000Z"],
    });
  });

  it("stays at 09:00 local across a DST change, once a day", async () => {
    clock.set("2026-10-24T00:00:00Z");
    await publish([{ title: "Before the change", link: "https://blog.example.com/before", guid: "b" }]);
    await subscribe("CPARIS", "09:00", "Europe/Paris");
    await subscribe("CLA", "09:00", "America/Los_Angeles");
    const first = await runEvery15Minutes("2026-10-25T00:00:00Z");
    await publish([{ title: "After the change", link: "https://blog.example.com/after", guid: "c" }]);
    const second = await runEvery15Minutes("2026-10-26T00:00:00Z");
    // Paris: CEST (UTC+2) on the 24th, CET (UTC+1) from the 25th.
    expect(first.get("CPARIS")).toEqual(["2026-10-24T07:00:00.000Z"]);
    expect(second.get("CPARIS")).toEqual(["2026-10-25T08:00:00.000Z"]);
    // Los Angeles is still on PDT (UTC−7) until November 1st.
    expect([...(first.get("CLA") ?? []), ...(second.get("CLA") ?? [])]).toEqual(["2026-10-24T16:00:00.000Z", "2026-10-25T16:00:00.000Z"]);
  });

  it("catches up late when the dispatcher was down at the time — never skips, never twice", async () => {
    await publish([{ title: "Late but not lost", link: "https://blog.example.com/late", guid: "l" }]);
    await subscribe("CPARIS", "09:00", "Europe/Paris");
    clock.set("2026-11-20T11:00:00Z"); // no run between 08:00Z and now
    const postedAt = await runEvery15Minutes("2026-11-20T23:00:00Z");
    expect(postedAt.get("CPARIS")).toEqual(["2026-11-20T11:00:00.000Z"]);
  });

  it("posts one digest per channel when two dispatcher runs overlap", async () => {
    await publish([{ title: "Race", link: "https://blog.example.com/race", guid: "r" }]);
    await subscribe("C1", "09:00", "UTC");
    await subscribe("C2", "09:00", "UTC");
    clock.set("2026-11-20T09:05:00Z");
    await Promise.all([dispatchDigests(recap.deps), dispatchDigests(recap.deps), dispatchDigests(recap.deps)]);
    expect(posts("C1")).toHaveLength(1);
    expect(posts("C2")).toHaveLength(1);
  });

  it("skips weekends for weekday subscriptions, in local terms", async () => {
    clock.set("2026-11-21T00:00:00Z"); // Friday 20 November, 16:00 in Los Angeles (PST, UTC−8)
    await publish([{ title: "Friday news", link: "https://blog.example.com/friday", guid: "f" }]);
    await subscribe("CLA", "17:00", "America/Los_Angeles", "weekdays");
    const friday = await runEvery15Minutes("2026-11-22T00:00:00Z");
    await publish([{ title: "Weekend news", link: "https://blog.example.com/weekend", guid: "w" }]);
    const weekend = await runEvery15Minutes("2026-11-25T06:00:00Z");
    // Friday 17:00 local, nothing on Saturday or Sunday, then Monday 23 November 17:00 local.
    expect([...(friday.get("CLA") ?? []), ...(weekend.get("CLA") ?? [])]).toEqual(["2026-11-21T01:00:00.000Z", "2026-11-24T01:00:00.000Z"]);
  });
});

describe("what a digest holds", () => {
  it("has fresh posts since the last digest, filtered by topic, never backfill, each once", async () => {
    await publish([
      { title: "Argo CD sync waves explained", link: "https://blog.example.com/sync-waves", guid: "1" },
      { title: "Backstage software templates", link: "https://blog.example.com/templates", guid: "2" },
      { title: "Flux and Argo CD side by side", link: "https://blog.example.com/flux-argo", guid: "3" },
    ]);
    await subscribe("CGITOPS", "09:00", "UTC", "gitops");
    clock.set("2026-11-20T09:00:00Z");
    await dispatchDigests(recap.deps);
    const [digest] = posts("CGITOPS");
    const dump = JSON.stringify(digest?.body.blocks);
    expect(dump).toContain("Argo CD sync waves explained");
    expect(dump).toContain("Flux and Argo CD side by side");
    expect(dump).not.toContain("Backstage");
    expect(dump).not.toContain("Seed"); // backfill
    expect(dump).toContain("Test feed"); // each post names its source feed
    // Once as a post card (a section's correction menu names it too, in plain text).
    const cards = JSON.stringify((digest?.body.blocks as { type: string }[]).filter((block) => block.type === "rich_text"));
    expect(cards.split("Flux and Argo CD side by side").length - 1).toBe(1);

    // The next day's digest starts where this one ended.
    clock.set("2026-11-20T15:00:00Z");
    await publish([{ title: "Argo CD image updater", link: "https://blog.example.com/updater", guid: "4" }]);
    clock.set("2026-11-21T09:00:00Z");
    await dispatchDigests(recap.deps);
    const next = JSON.stringify(posts("CGITOPS")[1]?.body.blocks);
    expect(next).toContain("Argo CD image updater");
    expect(next).not.toContain("Argo CD sync waves explained");
  });

  it("leaves a post first seen minutes before the digest for the next one, never losing it", async () => {
    await publish([{ title: "Early bird", link: "https://blog.example.com/early", guid: "e" }]);
    await subscribe("CEDGE", "09:00", "UTC");
    clock.set("2026-11-20T08:55:00Z");
    await publish([{ title: "Just in time", link: "https://blog.example.com/just", guid: "j" }]);
    clock.set("2026-11-20T09:00:00Z");
    await dispatchDigests(recap.deps);
    clock.set("2026-11-21T09:00:00Z");
    await dispatchDigests(recap.deps);
    const [today, tomorrow] = posts("CEDGE").map((call) => JSON.stringify(call.body.blocks));
    expect(today).toContain("Early bird");
    expect(today).not.toContain("Just in time");
    expect(tomorrow).toContain("Just in time");
    expect(tomorrow).not.toContain("Early bird");
  });

  it("posts nothing on a day with nothing new, or a short note when configured", async () => {
    await subscribe("CQUIET", "09:00", "UTC");
    clock.set("2026-11-20T09:00:00Z");
    await dispatchDigests(recap.deps);
    expect(posts("CQUIET")).toEqual([]);

    await recap.close();
    await open({ RECAP_DIGEST_EMPTY_NOTE: "true" });
    clock.set("2026-11-20T08:00:00Z");
    await subscribe("CNOTE", "09:00", "UTC");
    clock.set("2026-11-20T09:00:00Z");
    await dispatchDigests(recap.deps);
    expect(JSON.stringify(posts("CNOTE")[0]?.body)).toMatch(/Nothing new/);
  });

  // Rendering 500 posts within the limits is render.test.ts's job (no store); here, enough posts to
  // need a thread, through the store, the dispatcher and the Slack stand-in.
  it("keeps a digest too big for one message within Slack's limits, continuing in the thread", async () => {
    await recap.close();
    await open({ RECAP_DIGEST_PER_TOPIC: "50", RECAP_DIGEST_MAX_POSTS: "200" });
    const items = Array.from({ length: 120 }, (_, index) => ({
      title: `<!channel> *Kubernetes* release notes part ${index} ${"with a long title ".repeat(8)}`,
      link: `https://blog.example.com/k8s-${index}`,
      guid: `k${index}`,
      description: "Kubernetes eBPF GitOps platform engineering ".repeat(40),
    }));
    await publish(items);
    await subscribe("CBIG", "09:00", "UTC");
    clock.set("2026-11-20T09:00:00Z");
    await dispatchDigests(recap.deps);
    const messages = posts("CBIG");
    expect(messages.length).toBeGreaterThan(1);
    // Continuations are replies in the first message's thread (the stand-in answers with ts values).
    expect(messages[0]?.body.thread_ts).toBeUndefined();
    expect(new Set(messages.slice(1).map((message) => message.body.thread_ts)).size).toBe(1);
    expect(messages.slice(1).every((message) => typeof message.body.thread_ts === "string" && message.body.thread_ts !== "")).toBe(true);
    for (const message of messages) {
      expect(checkLimits({ text: String(message.body.text), blocks: message.body.blocks as never })).toEqual([]);
    }
  });

  it("a preview says when newer posts wait for the next digest (the settle), and shows them once settled", async () => {
    await subscribe("CWAIT", "09:00", "UTC");
    await publish([{ title: "Fresh off the press", link: "https://blog.example.com/fresh", guid: "fresh" }]);
    let stdout = "";
    const io = { stdout: (text: string) => void (stdout += text), stderr: () => {} };
    const borrowed = async () => ({ ...recap, close: async () => {} });
    await runCli(["digest", "--channel", "CWAIT"], io, borrowed);
    expect(stdout).toMatch(
      /^Nothing new for this channel's digest: nothing would be posted now\.\n1 newer post \(first seen in the last 15 minutes\) waits for the next digest\.\n$/,
    );
    clock.advance(16 * MINUTE);
    stdout = "";
    await runCli(["digest", "--channel", "CWAIT", "--json"], io, borrowed);
    const settled = JSON.parse(stdout) as { postCount: number; waiting?: number };
    expect(settled.postCount).toBe(1);
    expect(settled.waiting).toBeUndefined();
  });

  it("the CLI shows the same digest that gets posted", async () => {
    await publish([
      { title: "Argo CD notifications", link: "https://blog.example.com/notify", guid: "n1" },
      { title: "Falco rules for eBPF", link: "https://blog.example.com/falco", guid: "n2" },
    ]);
    await subscribe("CCLI", "09:00", "UTC");
    clock.set("2026-11-20T09:00:00Z");
    let stdout = "";
    const io = { stdout: (text: string) => void (stdout += text), stderr: () => {} };
    // The CLI borrows this Recap instead of opening its own (and must not close it).
    await runCli(["digest", "--channel", "CCLI", "--json"], io, async () => ({ ...recap, close: async () => {} }));
    const shown = JSON.parse(stdout) as { sections: { posts: { title: string }[] }[] };
    const cliTitles = shown.sections.flatMap((section) => section.posts.map((post) => post.title));
    await dispatchDigests(recap.deps);
    const posted = JSON.stringify(posts("CCLI")[0]?.body.blocks);
    expect(cliTitles.sort()).toEqual(["Argo CD notifications", "Falco rules for eBPF"]);
    for (const title of cliTitles) expect(posted).toContain(title);
  });

  it("the preview is what gets posted", async () => {
    await publish([{ title: "Preview me", link: "https://blog.example.com/preview", guid: "p" }]);
    await subscribe("CPREVIEW", "09:00", "UTC");
    clock.set("2026-11-20T09:00:00Z");
    const preview = renderOutcome(await runCommand({ name: "digest" }, { via: "slack", channelId: "CPREVIEW" }, recap.deps), {
      shareable: false,
    });
    await dispatchDigests(recap.deps);
    const [posted] = posts("CPREVIEW");
    expect(posted?.body.blocks).toEqual(preview.blocks);
    expect(posted?.body.text).toBe(preview.text);
  });
});

describe("what a digest run reads", () => {
  it("names each post's feed by looking up only the feeds shown, each once a run, not every followed feed", async () => {
    await onDynalite(async (dynamo) => {
      await publish([{ title: "Argo CD sync waves explained", link: "https://blog.example.com/waves", guid: "w" }]);
      for (let i = 0; i < 4; i++)
        await publish([{ title: `Backstage plugin ${i}`, link: `https://blog.example.com/bs-${i}`, guid: `b${i}` }]);
      await subscribe("CONE", "09:00", "UTC", "gitops");
      await subscribe("CTWO", "09:00", "UTC", "gitops");
      clock.set("2026-11-20T09:00:00Z");
      const mark = dynamo.operations.length;
      expect(await dispatchDigests(recap.deps)).toEqual([
        expect.objectContaining({ result: "posted" }),
        expect.objectContaining({ result: "posted" }),
      ]);
      const feedQueries = dynamo.operations
        .slice(mark)
        .filter((op) => op.operation === "Query" && /"(FEEDS|ATTN)/.test(JSON.stringify(op.body.ExpressionAttributeValues)));
      // One feed is shown (in both digests): looked up by its URL, once, and no list of all five.
      expect(feedQueries.length).toBeGreaterThan(0);
      for (const query of feedQueries) expect(query.body.KeyConditionExpression).toMatch(/gsi1sk = :\w+$/);
      expect(new Set(feedQueries.map((query) => JSON.stringify(query.body))).size).toBe(feedQueries.length);
      expect(JSON.stringify(posts("CONE")[0]?.body.blocks)).toContain("Test feed");
    });
  });
});

describe("when a feed's title cannot be looked up", () => {
  it("leaves the post's source unnamed, and the digest still goes out", async () => {
    await onDynalite(async (dynamo) => {
      await publish([{ title: "Argo CD sync waves explained", link: "https://blog.example.com/waves", guid: "w" }]);
      await subscribe("CTITLE", "09:00", "UTC", "gitops");
      clock.set("2026-11-20T09:00:00Z");
      dynamo.failNext("Query", 9, { when: (body) => JSON.stringify(body.ExpressionAttributeValues ?? {}).includes('"FEEDS') });
      expect(await dispatchDigests(recap.deps)).toEqual([expect.objectContaining({ channelId: "CTITLE", result: "posted" })]);
      const digest = JSON.stringify(posts("CTITLE")[0]?.body.blocks);
      expect(digest).toContain("Argo CD sync waves explained");
      expect(digest).not.toContain("Test feed");
    });
  });
});

describe("when Slack says no", () => {
  it("waits out a short rate limit and posts once", async () => {
    await publish([{ title: "Rate limited", link: "https://blog.example.com/rl", guid: "rl" }]);
    await subscribe("CRL", "09:00", "UTC");
    clock.set("2026-11-20T09:00:00Z");
    slack.rateLimitNext("chat.postMessage", 1);
    await dispatchDigests(recap.deps);
    expect(posts("CRL")).toHaveLength(2); // the 429, then the post
    expect((await recap.deps.store.subscriptions.get("CRL"))?.lastDigestDate).toBe("2026-11-20");
    clock.advance(15 * MINUTE);
    await dispatchDigests(recap.deps);
    expect(posts("CRL")).toHaveLength(2);
  });

  it("disables only the channel Slack cannot post to, and says why", async () => {
    await publish([{ title: "Shared news", link: "https://blog.example.com/shared", guid: "s" }]);
    await subscribe("CGONE", "09:00", "UTC");
    await subscribe("COK", "09:00", "UTC");
    clock.set("2026-11-20T09:00:00Z");
    slack.failNext("chat.postMessage", "channel_not_found");
    await dispatchDigests(recap.deps);
    const gone = await recap.deps.store.subscriptions.get(posts()[0]?.body.channel === "CGONE" ? "CGONE" : "COK");
    expect(gone).toMatchObject({ status: "disabled", disabledReason: "channel_not_found" });
    const statuses = await Promise.all(["CGONE", "COK"].map((id) => recap.deps.store.subscriptions.get(id)));
    expect(statuses.map((subscription) => subscription?.status).sort()).toEqual(["active", "disabled"]);
    const shown = await runCommand({ name: "subscription" }, { via: "slack", channelId: gone?.channelId }, recap.deps);
    expect(JSON.stringify(renderOutcome(shown, { shareable: false }))).toMatch(/channel_not_found/);

    // A day later, the disabled one is still not tried.
    clock.advance(24 * HOUR);
    await publish([{ title: "More news", link: "https://blog.example.com/more", guid: "m" }]);
    clock.advance(20 * MINUTE); // past the settling time: posts first seen in the last 15 minutes wait for the next digest
    const before = posts().length;
    await dispatchDigests(recap.deps);
    expect(
      posts()
        .slice(before)
        .map((call) => call.body.channel),
    ).toEqual([statuses.find((s) => s?.status === "active")?.channelId]);
  });
});

describe("what a digest run reports", () => {
  it("counts digests posted and failed, and Slack refusing the token, though the run itself succeeds", async () => {
    const counted: Record<string, number>[] = [];
    // Only the digest run's counts (the news published below also raises follow-alert counts).
    recap.deps.metrics = { count: (counts) => void ("DigestsPosted" in counts && counted.push(counts)) };
    await publish([{ title: "Shared news", link: "https://blog.example.com/counted", guid: "c" }]);
    await subscribe("CONE", "09:00", "UTC");
    await subscribe("CTWO", "09:00", "UTC");
    clock.set("2026-11-20T09:00:00Z");
    slack.failNext("chat.postMessage", "invalid_auth", 2); // a revoked bot token: every digest fails
    await scheduleHandlers.digest(recap.deps);
    expect(counted).toEqual([{ DigestsPosted: 0, DigestsFailed: 2, DigestsDisabled: 0, SlackAuthFailures: 2 }]);

    clock.advance(15 * MINUTE);
    await scheduleHandlers.digest(recap.deps); // the token fixed: both go out at the next run
    expect(counted.at(-1)).toEqual({ DigestsPosted: 2, DigestsFailed: 0, DigestsDisabled: 0, SlackAuthFailures: 0 });
  });
});

describe("on one machine without Slack", () => {
  it("prints the scheduled digest to the console", async () => {
    await recap.close();
    recap = await openLocalRecap({ inMemory: true, clock, log: silentLogger, env: { RECAP_SLACK_TEAM_IDS: "T0001" } });
    await publish([{ title: "Printed, not posted", link: "https://blog.example.com/console", guid: "c" }]);
    await subscribe("CLOCAL", "09:00", "UTC");
    clock.set("2026-11-20T09:00:00Z");
    const printed: string[] = [];
    const spy = vi.spyOn(console, "error").mockImplementation((line: unknown) => void printed.push(String(line)));
    try {
      await dispatchDigests(recap.deps);
    } finally {
      spy.mockRestore();
    }
    expect(printed.join("\n")).toMatch(/\[digest → CLOCAL\][\s\S]*Printed, not posted/);
    expect(posts("CLOCAL")).toEqual([]);
    expect((await recap.deps.store.subscriptions.get("CLOCAL"))?.lastDigestDate).toBe("2026-11-20");
  });
});

describe("recovering the same day", () => {
  it("gives the day back when preparing the digest failed, and posts at the next run", async () => {
    // This Recap's DynamoDB sits behind a proxy that can fail requests.
    await onDynalite(async (dynamo) => {
      await publish([{ title: "Survives a hiccup", link: "https://blog.example.com/hiccup", guid: "h" }]);
      await subscribe("CHICCUP", "09:00", "UTC");
      clock.set("2026-11-20T09:00:00Z");
      // The run's first Query lists subscriptions; the next read the posts and name their feeds.
      dynamo.failNext("Query", 1, { skip: 2 });
      expect(await dispatchDigests(recap.deps)).toEqual([expect.objectContaining({ channelId: "CHICCUP", result: "failed" })]);
      expect((await recap.deps.store.subscriptions.get("CHICCUP"))?.lastProblem).toMatch(/will retry/);
      clock.advance(15 * MINUTE);
      await dispatchDigests(recap.deps);
      expect(posts("CHICCUP")).toHaveLength(1);
    });
  });

  it("a channel fixed and subscribed again after a refusal still gets today's digest", async () => {
    await publish([{ title: "Invite me", link: "https://blog.example.com/invite", guid: "i" }]);
    await subscribe("CINVITE", "09:00", "UTC");
    clock.set("2026-11-20T09:00:00Z");
    slack.failNext("chat.postMessage", "not_in_channel");
    await dispatchDigests(recap.deps);
    expect(await recap.deps.store.subscriptions.get("CINVITE")).toMatchObject({ status: "disabled" });
    clock.set("2026-11-20T09:30:00Z");
    await subscribe("CINVITE", "09:00", "UTC");
    expect((await recap.deps.store.subscriptions.get("CINVITE"))?.lastProblem).toBeUndefined();
    await dispatchDigests(recap.deps);
    expect(posts("CINVITE").filter((call) => JSON.stringify(call.body).includes("Invite me"))).toHaveLength(2); // refused, then posted
  });

  it("sends a late-evening digest before midnight, and refuses minutes between quarter hours", async () => {
    await publish([{ title: "Night owl", link: "https://blog.example.com/night", guid: "n" }]);
    expect(await subscribe("CNIGHT", "23:50", "UTC")).toMatchObject({ kind: "help", problem: expect.stringMatching(/quarter hour/) });
    await subscribe("CNIGHT", "23:45", "UTC");
    const postedAt = await runEvery15Minutes("2026-11-21T02:00:00Z");
    expect(postedAt.get("CNIGHT")).toEqual(["2026-11-20T23:45:00.000Z"]);
  });
});
