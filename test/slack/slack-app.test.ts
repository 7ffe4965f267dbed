/**
 * /recap end to end over signed HTTP: the Hono app with the Bolt receiver, backed by Recap on one
 * machine (dynalite, the in-process bus and its subscribers), feeds on a loopback server, and a
 * loopback stand-in for Slack's Web API and response URLs.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addFeed, refreshFeed, type Feed } from "@recap/core/feeds";
import { silentLogger } from "@recap/core/shared";
import { createHttpApp, createSlackApp, SlackRequestReceiver } from "@recap/core/slack";
import { openLocalRecap, type LocalRecap } from "@recap/local";
import { testClock, HOUR, MINUTE, type TestClock } from "../helpers/clock";
import { rss, startFeedServer, type FeedServer } from "../helpers/feed-server";
import { parsedTexts } from "../helpers/slack-messages";
import { buttonClick, menuChoice, SIGNING_SECRET, slackHeaders, slashCommand, startFakeSlack, type FakeSlack } from "../helpers/slack";

let feeds: FeedServer;
let slack: FakeSlack;
let recap: LocalRecap;
let clock: TestClock;
let http: ReturnType<typeof createHttpApp>;

async function openRecap(env: Record<string, string> = {}) {
  const opened = await openLocalRecap({
    // What Slack is answered is tested here, not the table: data in the memory store.
    memoryStore: true,
    clock,
    log: silentLogger,
    env: {
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_BOT_TOKEN: "xoxb-test",
      RECAP_SLACK_API_URL: slack.apiUrl,
      RECAP_SLACK_RESPONSE_URL_PREFIX: slack.responseBase,
      ...env,
    },
  });
  const receiver = new SlackRequestReceiver({ signingSecret: SIGNING_SECRET, clock, log: silentLogger });
  createSlackApp({ deps: opened.deps, config: opened.deps.config.slack, botToken: "xoxb-test", receiver });
  return { recap: opened, http: createHttpApp(receiver) };
}

beforeAll(async () => {
  [feeds, slack] = await Promise.all([startFeedServer(), startFakeSlack()]);
  clock = testClock("2026-11-20T09:00:00Z");
  ({ recap, http } = await openRecap());

  const now = clock().getTime();
  feeds.route("/gitops.xml", {
    body: rss(
      Array.from({ length: 14 }, (_, index) => ({
        title: `Argo CD tip #${index + 1}`,
        link: `https://gitops.example.com/tips/${index + 1}`,
        guid: `tip-${index + 1}`,
        description:
          index === 0
            ? "Progressive delivery with Argo Rollouts and Flux: rollout strategies and rollout plans compared"
            : "GitOps for everyone",
        pubDate: new Date(now - (index + 1) * HOUR),
      })),
      { title: "GitOps Tips" },
    ),
  });
  // Entity-encoded in the feed, so the stored title really contains Slack's control syntax.
  feeds.route("/hostile.xml", {
    body: rss(
      [
        {
          title: "&lt;!channel&gt; urgent &lt;@U999&gt; &lt;#C999&gt; &lt;https://evil.example|click here&gt;",
          link: "https://hostile.example.com/a",
          guid: "h",
        },
      ],
      {
        title: "Hostile & Co",
      },
    ),
  });
  await addFeed(feeds.at("/gitops.xml"), { via: "cli" }, recap.deps);
  await addFeed(feeds.at("/hostile.xml"), { via: "cli" }, recap.deps);
});

afterAll(async () => {
  await recap.close();
  await Promise.all([feeds.close(), slack.close()]);
});

async function post(body: string, options: { headers?: Record<string, string>; app?: typeof http } = {}) {
  const response = await (options.app ?? http).request("/slack/events", {
    method: "POST",
    headers: options.headers ?? slackHeaders(body, clock()),
    body,
  });
  const text = await response.text();
  return { status: response.status, text, json: () => JSON.parse(text) as { text: string; blocks?: unknown[]; response_type?: string } };
}

const command = (text: string, overrides: Record<string, string> = {}) => post(slashCommand(text, overrides, `${slack.responseBase}/cmd`));

describe("request verification", () => {
  it("answers a correctly signed command", async () => {
    const { status, json } = await command("help");
    expect(status).toBe(200);
    expect(json()).toMatchObject({ response_type: "ephemeral" });
    expect(JSON.stringify(json())).toContain("search");
  });

  it("refuses forged, stale, future-dated, altered and unsigned requests with 401 before running anything", async () => {
    const body = slashCommand("add https://attacker.example.com/feed.xml");
    const headers = slackHeaders(body, clock());
    const sixMinutes = 6 * MINUTE;
    const cases = [
      { ...headers, "x-slack-signature": `v0=${"0".repeat(64)}` },
      slackHeaders(body, new Date(clock().getTime() - sixMinutes)),
      slackHeaders(body, new Date(clock().getTime() + sixMinutes)),
      { "content-type": headers["content-type"] as string },
      { ...headers, "x-slack-signature": "" },
    ];
    for (const forged of cases) expect((await post(body, { headers: forged })).status).toBe(401);
    // Signed, then altered in transit.
    expect((await post(body.replace("attacker", "attackr"), { headers })).status).toBe(401);
    // Nothing was run: no add requested on the bus, no reply sent anywhere.
    await recap.bus.idle();
    expect(slack.responses.filter((response) => JSON.stringify(response.body).includes("attacker"))).toEqual([]);
    expect(slack.calls.filter((call) => call.method !== "auth.test")).toEqual([]);
  });

  it("refuses an oversized body with 413, reading no further than the limit even when no length is declared", async () => {
    const headers = slackHeaders("x", clock());
    // A declared length over the limit: refused before a byte is read.
    const declared = await http.request("/slack/events", {
      method: "POST",
      headers: { ...headers, "content-length": "600000" },
      body: "x",
    });
    expect(declared.status).toBe(413);
    // A chunked body that never ends: refused once 512 KiB have come, the rest never pulled.
    let pulled = 0;
    const chunk = new Uint8Array(64 * 1024).fill(0x61);
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const chunked = await http.request("/slack/events", { method: "POST", headers, body: endless, duplex: "half" } as RequestInit);
    expect(chunked.status).toBe(413);
    expect(pulled).toBeLessThanOrEqual(512 * 1024 + 4 * chunk.byteLength);
  });

  it("answers Slack's url_verification and ssl_check, and /health", async () => {
    const challenge = JSON.stringify({ type: "url_verification", challenge: "c-123", token: "t" });
    const verified = await post(challenge, { headers: slackHeaders(challenge, clock(), "application/json") });
    expect(verified.json()).toEqual({ challenge: "c-123" });
    const ssl = "ssl_check=1&token=t";
    expect(await post(ssl)).toMatchObject({ status: 200, text: "" });
    const health = await http.request("/health");
    expect(await health.json()).toEqual({ ok: true, slack: "configured" });
    // Nothing else is answered: other paths and methods are 404s, with no CORS headers for browsers.
    for (const [method, path] of [
      ["GET", "/slack/events"],
      ["POST", "/health"],
      ["GET", "/"],
      ["OPTIONS", "/slack/events"],
      ["POST", "/slack/events/../admin"],
    ] as const) {
      const response = await http.request(path, { method, headers: { origin: "https://evil.example" } });
      expect(response.status, `${method} ${path}`).toBe(404);
      expect(response.headers.get("access-control-allow-origin")).toBeNull();
    }
  });
});

describe("lookups", () => {
  it("lists a topic's newest posts, 10 a page, with More and Share buttons; aliases work", async () => {
    const page = (await command("gitops")).json();
    const dump = JSON.stringify(page);
    expect(dump).toContain("Argo CD tip #1");
    expect(dump).toContain("Argo CD tip #10");
    expect(dump).not.toContain("Argo CD tip #11");
    expect(dump).toContain("recap_more");
    expect(dump).toContain("recap_share");
    expect(JSON.stringify((await command("topic Argo")).json())).toContain("Argo CD tip #1");
  });

  it("suggests topics for an unknown one", async () => {
    expect(JSON.stringify((await command("obervability")).json())).toMatch(/Observability/);
  });

  it("searches titles and summaries for every word, newest first", async () => {
    const dump = JSON.stringify((await command("search rollouts argo")).json());
    expect(dump).toContain("Argo CD tip #1");
    expect(dump).not.toContain("Argo CD tip #2");
    expect(JSON.stringify((await command("search nothing-matches-this")).json())).toMatch(/No post/);
  });

  it("counts topics over the last 7 days and lists feeds with their health", async () => {
    expect(JSON.stringify((await command("topics")).json())).toMatch(/GitOps[^0-9]*14/);
    feeds.route("/gone.xml", { body: rss([{ title: "x", link: "https://gone.example.com/x", guid: "x" }], { title: "Soon Gone" }) });
    const gone = (await addFeed(feeds.at("/gone.xml"), { via: "cli" }, recap.deps)) as { feed: Feed };
    feeds.route("/gone.xml", { status: 410, body: "gone" });
    await refreshFeed((await recap.deps.store.feeds.get(gone.feed.id)) as Feed, recap.deps);
    const listed = JSON.stringify((await command("feeds")).json());
    expect(listed).toContain("GitOps Tips");
    expect(listed).toMatch(/Soon Gone[\s\S]*failing[\s\S]*HTTP 410/i);
  });

  it("shows what arrived since yesterday", async () => {
    clock.advance(HOUR);
    feeds.route("/gitops.xml", {
      body: rss([{ title: "Flux 3 is here", link: "https://gitops.example.com/flux-3", guid: "flux-3", pubDate: clock() }], {
        title: "GitOps Tips",
      }),
    });
    const feed = (await recap.deps.store.feeds.findByUrl(feeds.at("/gitops.xml"))) as Feed;
    await refreshFeed(feed, recap.deps);
    const dump = JSON.stringify((await command("latest")).json());
    expect(dump).toContain("Flux 3 is here");
    expect(dump).not.toContain("Argo CD tip"); // backfill is not news
  });

  it("answers unknown input with help, never an error", async () => {
    const { status, json } = await command("search");
    expect(status).toBe(200);
    expect(JSON.stringify(json())).toMatch(/search needs at least one word/);
  });
});

describe("feed text stays inert", () => {
  it("shows mentions, channel links, forged links and formatting from a feed literally, never parsed", async () => {
    const message = (await command("search urgent")).json();
    const dump = JSON.stringify(message);
    // The blocks carry the title in rich_text elements, which Slack never parses…
    expect(dump).toContain('"text":"<!channel> urgent <@U999> <#C999> <https://evil.example|click here>"');
    // …and wherever Slack does parse mrkdwn (the fallback text, any mrkdwn text object) it is escaped.
    expect(message.text).toContain("&lt;!channel&gt; urgent &lt;@U999&gt;");
    const mrkdwn = [message.text, ...parsedTexts(message.blocks)];
    for (const text of mrkdwn) expect(text).not.toMatch(/<!channel>|<@U999>|<#C999>|<https:\/\/evil\.example/);
    expect(JSON.stringify(message.blocks)).not.toMatch(/"type":"(broadcast|user|channel|usergroup)"/);
    expect(dump).not.toMatch(/link_names|"parse"/);
  });
});

describe("buttons", () => {
  it("More replaces the list with the next page through the response_url", async () => {
    const before = slack.responses.length;
    const click = buttonClick("recap_more", JSON.stringify({ text: "topic gitops", page: 2 }), `${slack.responseBase}/more`);
    expect((await post(click)).status).toBe(200);
    const [response] = slack.responses.slice(before);
    expect(response?.body).toMatchObject({ replace_original: true, response_type: "ephemeral" });
    const dump = JSON.stringify(response?.body);
    expect(dump).toContain("Argo CD tip #11");
    expect(dump).toContain("Argo CD tip #14");
    expect(dump).not.toContain("Argo CD tip #9");
  });

  it("share works for every list it offers: posts, topics and feeds go to the channel", async () => {
    for (const text of ["share gitops", "share topics", "share feeds"]) {
      const calls = slack.calls.length;
      const { json } = await command(text);
      expect(json().text, text).toBe("Shared in this channel.");
      const shared = slack.calls.slice(calls).filter((call) => call.method === "chat.postMessage");
      expect(shared, text).toHaveLength(1);
      expect(shared[0]?.body).toMatchObject({ channel: "C0001" });
    }
    // Anything else is refused in words, and nothing is posted.
    const calls = slack.calls.length;
    expect((await command("share subscription")).json().text).toMatch(/Only lists/);
    expect(slack.calls.slice(calls).filter((call) => call.method === "chat.postMessage")).toEqual([]);
  });

  it("answers a click within the request even when its response_url stalls, and never calls a response_url off Slack's host", async () => {
    const value = JSON.stringify({ text: "topic gitops", page: 2 });
    // Without a bound, the reply would hold the request (and Slack's 3 seconds) for as long as the URL stalls.
    expect((await post(buttonClick("recap_more", value, `${slack.responseBase}/stall/1`))).status).toBe(200);

    let hits = 0;
    const elsewhere = createServer((_request, response) => {
      hits++;
      response.end("ok");
    });
    await new Promise<void>((resolve) => elsewhere.listen(0, "127.0.0.1", resolve));
    try {
      const offHost = `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}/respond/more`;
      expect((await post(buttonClick("recap_more", value, offHost))).status).toBe(200);
      expect(hits).toBe(0);
    } finally {
      await new Promise((resolve) => elsewhere.close(resolve));
    }
  });

  it("Share posts the same list in the channel with chat.postMessage, or explains why it cannot", async () => {
    const click = buttonClick("recap_share", JSON.stringify({ text: "topic gitops", page: 1 }), `${slack.responseBase}/share`);
    const calls = slack.calls.length;
    await post(click);
    const [shared] = slack.calls.slice(calls).filter((call) => call.method === "chat.postMessage");
    expect(shared?.body).toMatchObject({ channel: "C0001" });
    expect(JSON.stringify(shared?.body.blocks)).toContain("Argo CD tip #1");
    expect(JSON.stringify(shared?.body.blocks)).not.toMatch(/recap_more|recap_share/);
    expect(shared?.body).not.toHaveProperty("link_names");
    expect(shared?.body).not.toHaveProperty("parse");

    slack.failNext("chat.postMessage", "not_in_channel");
    const responses = slack.responses.length;
    await post(click);
    expect(JSON.stringify(slack.responses.slice(responses))).toMatch(/Invite me first/);
  });

  it("`share <command>` posts in the channel too", async () => {
    const calls = slack.calls.length;
    const { json } = await command("share latest");
    expect(json().text).toMatch(/Shared in this channel/);
    expect(slack.calls.slice(calls).map((call) => call.method)).toEqual(["chat.postMessage"]);
  });

  it("ignores a button value it did not write", async () => {
    const before = slack.responses.length;
    const gitops = (await recap.deps.store.feeds.findByUrl(feeds.at("/gitops.xml"))) as Feed;
    for (const value of [
      JSON.stringify({ text: `remove ${gitops.id}`, page: 2 }),
      JSON.stringify({ text: `add ${feeds.at("/crafted.xml")}`, page: 1 }),
      JSON.stringify({ text: "topic gitops", page: 1e15 }),
      "not json",
    ]) {
      expect((await post(buttonClick("recap_more", value, `${slack.responseBase}/x`))).status).toBe(200);
    }
    await recap.bus.idle();
    // Nothing removed or added; no list rendered for a page beyond reason.
    expect(await recap.deps.store.feeds.get(gitops.id)).toBeDefined();
    expect(await recap.deps.store.feeds.findByUrl(feeds.at("/crafted.xml"))).toBeUndefined();
    expect(JSON.stringify(slack.responses.slice(before))).not.toMatch(/Stopped following|No longer|Adding|Argo CD tip/);
  });
});

describe("adding feeds from Slack", () => {
  it("acknowledges at once, then reports the result to the response_url", async () => {
    feeds.route("/new.xml", { body: rss([{ title: "Hello", link: "https://new.example.com/hello", guid: "n" }], { title: "New Blog" }) });
    const before = slack.responses.length;
    const { json } = await command(`add <${feeds.at("/new.xml")}|${feeds.at("/new.xml").replace("http://", "")}>`);
    expect(json().text).toMatch(/Adding/);
    await recap.bus.idle();
    const [report] = slack.responses.slice(before);
    expect(report?.path).toBe("/respond/cmd");
    expect(JSON.stringify(report?.body)).toMatch(/New Blog[\s\S]*1 post/);
    const stored = await recap.deps.store.feeds.findByUrl(feeds.at("/new.xml"));
    expect(stored?.origin).toMatchObject({ via: "slack", channelId: "C0001", userId: "U0001" });
  });

  it("reports not-a-feed and unreachable URLs in plain words, and duplicates at once", async () => {
    feeds.route("/page.html", {
      headers: { "content-type": "text/html" },
      body: "<html><head><title>x</title></head><body>hi</body></html>",
    });
    const before = slack.responses.length;
    await command(`add ${feeds.at("/page.html")}`);
    await command("add http://127.0.0.1:9/feed.xml");
    await recap.bus.idle();
    const reports = slack.responses.slice(before).map((response) => JSON.stringify(response.body));
    expect(reports).toHaveLength(2);
    expect(reports.join("\n")).toMatch(/no RSS, Atom or JSON Feed link/);
    expect(reports.join("\n")).toMatch(/refused|Connection/i);

    const duplicate = (await command(`add ${feeds.at("/gitops.xml")}`)).json();
    expect(duplicate.text).toMatch(/already/i);
  });
});

describe("topics from Slack", () => {
  it("adds a topic, answers retag at once and reports the retag to the response_url", async () => {
    const added = (await command('topic add rollout-strategies "Rollout strategies" "rollout plans"')).json();
    expect(added.text).toMatch(/New topic Rollout strategies \(`rollout-strategies`\), also found as rollout plans/);
    const before = slack.responses.length;
    expect((await command("retag")).json().text).toMatch(/Re-tagging stored posts; I'll report here/);
    await recap.bus.idle();
    const [report] = slack.responses.slice(before);
    expect(report?.path).toBe("/respond/cmd");
    // Of the stored posts, only the one about Argo Rollouts gains the new topic.
    expect(JSON.stringify(report?.body)).toMatch(/Re-tagged \d+ stored posts: 1 post changed topics \(\+1 rollout-strategies\)/);
    const answer = (await command("rollout strategies")).json();
    expect(answer.text).toMatch(/Rollout strategies/);
    expect(JSON.stringify(answer.blocks)).toMatch(/Argo CD tip #1"/);
    expect(JSON.stringify(answer.blocks)).not.toMatch(/Argo CD tip #2"/);
  });
});

describe("permissions", () => {
  it("restricts add and remove to the listed users, and refuses other workspaces", async () => {
    const restricted = await openRecap({ RECAP_SLACK_ADMINS: "UADMIN", RECAP_SLACK_TEAM_IDS: "T0001" });
    try {
      feeds.route("/admin.xml", { body: rss([{ title: "A", link: "https://admin.example.com/a", guid: "a" }]) });
      const asUser = (text: string, user: string, team = "T0001") =>
        post(slashCommand(text, { user_id: user, team_id: team }, `${slack.responseBase}/p`), { app: restricted.http });

      expect((await asUser(`add ${feeds.at("/admin.xml")}`, "U0001")).json().text).toMatch(/Only/);
      expect((await asUser(`add ${feeds.at("/admin.xml")}`, "UADMIN")).json().text).toMatch(/Adding/);
      await restricted.recap.bus.idle();
      expect(await restricted.recap.deps.store.feeds.findByUrl(feeds.at("/admin.xml"))).toBeDefined();
      expect((await asUser(`remove ${feeds.at("/admin.xml")}`, "U0001")).json().text).toMatch(/Only/);
      expect((await asUser(`resume ${feeds.at("/admin.xml")}`, "U0001")).json().text).toMatch(/Only/);
      expect((await asUser(`resume ${feeds.at("/admin.xml")}`, "UADMIN")).json().text).toMatch(/Resumed/i);
      expect((await asUser(`remove ${feeds.at("/admin.xml")}`, "UADMIN")).json().text).toMatch(/following/i);
      expect(await restricted.recap.deps.store.feeds.findByUrl(feeds.at("/admin.xml"))).toBeUndefined();
      expect((await asUser("gitops", "U0001", "TOTHER")).json().text).toMatch(/another workspace/);
    } finally {
      await restricted.recap.close();
    }
  });
});

describe("paused feeds", () => {
  it("post one notice to the channel the feed was added from, with how to resume it", async () => {
    const calls = slack.calls.length;
    await recap.deps.publisher.publish([
      {
        detailType: "feed.paused",
        detail: {
          feedId: "f1",
          url: "https://blog.example.com/feed.xml",
          title: "Blog",
          reason: "11 consecutive failures; last: HTTP 500",
          consecutiveErrors: 11,
          addedIn: { channelId: "C0042" },
        },
      },
    ]);
    await recap.bus.idle();
    const notices = slack.calls.slice(calls).filter((call) => call.method === "chat.postMessage");
    expect(notices).toHaveLength(1);
    expect(notices[0]?.body.channel).toBe("C0042");
    expect(JSON.stringify(notices[0]?.body)).toMatch(/resume/);
  });
});

describe("Slack failures and costs", () => {
  it("asks Slack who it is once per process, never per request", async () => {
    const authTests = slack.calls.filter((call) => call.method === "auth.test").length;
    expect(authTests).toBe(1);
    await command("help");
    await command("topics");
    expect(slack.calls.filter((call) => call.method === "auth.test").length).toBe(authTests);
  });

  it("when Slack could not confirm the workspace at start, says so and asks again with the next request", async () => {
    slack.failNext("auth.test", "fatal_error");
    const flaky = await openRecap();
    try {
      const body = () => slashCommand("help", {}, `${slack.responseBase}/cmd`);
      const first = await post(body(), { app: flaky.http });
      expect(first.json().text).toMatch(/could not reach Slack to confirm its workspace/);
      expect(first.json().text).not.toMatch(/another workspace/);
      const second = await post(body(), { app: flaky.http });
      expect(JSON.stringify(second.json())).toContain("search");
    } finally {
      await flaky.recap.close();
    }
  });

  it("answers a rate-limited share at once, without waiting for Slack's Retry-After", async () => {
    // A day's Retry-After: a client that waited would never answer, and the test would time out.
    slack.rateLimitNext("chat.postMessage", 86_400);
    const before = slack.calls.filter((call) => call.method === "chat.postMessage").length;
    const { json } = await command("share topic gitops");
    expect(json().text).toMatch(/Sharing failed/);
    // Tried once, not again after the wait.
    expect(slack.calls.filter((call) => call.method === "chat.postMessage")).toHaveLength(before + 1);
  });

  it("refuses button clicks from another workspace", async () => {
    const before = slack.responses.length;
    const click = buttonClick("recap_more", JSON.stringify({ text: "topic gitops", page: 2 }), `${slack.responseBase}/other`, {
      team: { id: "TOTHER", domain: "other" },
      user: { id: "U0001", username: "ada", team_id: "TOTHER" },
    });
    expect((await post(click)).status).toBe(200);
    expect(slack.responses.slice(before)).toEqual([]);
  });

  it("tells the channel about a feed that really got paused, once", async () => {
    const paused = await openRecap({ RECAP_PAUSE_AFTER_FAILURES: "1" });
    try {
      feeds.route("/fragile.xml", { body: rss([{ title: "F", link: "https://fragile.example.com/f", guid: "f" }], { title: "Fragile" }) });
      const added = (await addFeed(feeds.at("/fragile.xml"), { via: "slack", channelId: "C0077", userId: "U0001" }, paused.recap.deps)) as {
        feed: Feed;
      };
      feeds.route("/fragile.xml", { status: 500, body: "down" });
      const calls = slack.calls.length;
      await refreshFeed((await paused.recap.deps.store.feeds.get(added.feed.id)) as Feed, paused.recap.deps);
      await refreshFeed((await paused.recap.deps.store.feeds.get(added.feed.id)) as Feed, paused.recap.deps);
      await paused.recap.bus.idle();
      const notices = slack.calls.slice(calls).filter((call) => call.method === "chat.postMessage");
      expect(notices.map((notice) => notice.body.channel)).toEqual(["C0077"]);
      expect(JSON.stringify(notices[0]?.body)).toMatch(/Fragile[\s\S]*HTTP 500[\s\S]*resume/);
    } finally {
      await paused.recap.close();
    }
  });
});

describe("digest subscriptions from Slack", () => {
  it("subscribes the channel with its settings, in the asker's time zone by default, and shows them", async () => {
    slack.answer("users.info", { ok: true, user: { id: "U0001", tz: "Asia/Kolkata" } });
    const subscribed = await command("subscribe 07:30 weekdays gitops", { channel_id: "CDIGEST" });
    expect(JSON.stringify(subscribed.json())).toMatch(/07:30 Asia\/Kolkata, on weekdays, on gitops/);
    expect(await recap.deps.store.subscriptions.get("CDIGEST")).toMatchObject({
      time: "07:30",
      timeZone: "Asia/Kolkata",
      days: "weekdays",
      topics: ["gitops"],
      status: "active",
    });

    const explicit = await command("subscribe 9:30 pm Europe/Paris", { channel_id: "CDIGEST" });
    expect(JSON.stringify(explicit.json())).toMatch(/21:30 Europe\/Paris, every day, on every topic/);
    expect(JSON.stringify((await command("subscription", { channel_id: "CDIGEST" })).json())).toMatch(/21:30 Europe\/Paris/);

    clock.advance(20 * MINUTE); // past the digest's settling time, so the last news is in the window
    const preview = (await command("digest", { channel_id: "CDIGEST" })).json();
    expect(preview.response_type).toBe("ephemeral");
    // The news of the last day (not the backfill) is what the channel would get.
    expect(JSON.stringify(preview)).toMatch(/Recap for[\s\S]*Flux 3 is here/);
    expect(JSON.stringify(preview)).not.toMatch(/Argo CD tip/);

    expect(JSON.stringify((await command("unsubscribe", { channel_id: "CDIGEST" })).json())).toMatch(/no longer gets/);
    expect(await recap.deps.store.subscriptions.get("CDIGEST")).toBeUndefined();
  });

  it("explains bad times, zones and topics with an example", async () => {
    expect(JSON.stringify((await command("subscribe 25:00", { channel_id: "CBAD" })).json())).toMatch(
      /not a time of day[\s\S]*subscribe 09:30/,
    );
    expect(JSON.stringify((await command("subscribe Mars/Olympus", { channel_id: "CBAD" })).json())).toMatch(/not a time zone/);
    expect(JSON.stringify((await command("subscribe obervability", { channel_id: "CBAD" })).json())).toMatch(/did you mean observability/);
    expect(await recap.deps.store.subscriptions.get("CBAD")).toBeUndefined();
  });
});

describe("topic follows from Slack", () => {
  it("follows, lists and unfollows a topic for the channel the command came from", async () => {
    const followed = JSON.stringify((await command("follow argo", { channel_id: "CFOLLOW" })).json());
    expect(followed).toMatch(/now gets each new post on[\s\S]*GitOps[\s\S]*up to 6 an hour/);
    expect(JSON.stringify((await command("follow gitops", { channel_id: "CFOLLOW" })).json())).toMatch(/already follows/);
    expect(JSON.stringify((await command("following", { channel_id: "CFOLLOW" })).json())).toMatch(/GitOps[\s\S]*gitops/);
    expect(JSON.stringify((await command("following", { channel_id: "CELSEWHERE" })).json())).toMatch(/follows no topic/);
    expect(JSON.stringify((await command("follow gitopz", { channel_id: "CFOLLOW" })).json())).toMatch(/Did you mean[\s\S]*gitops/);
    expect(JSON.stringify((await command("unfollow gitops", { channel_id: "CFOLLOW" })).json())).toMatch(/no longer follows/);
    expect(await recap.deps.store.follows.ofChannel("CFOLLOW")).toEqual([]);
  });
});

describe("correcting topics from a post's menu", () => {
  type Option = { value: string; text: { text: string } };
  /** The menu options of the post card titled `title` in a /recap answer. */
  const menuOf = (blocks: unknown[] | undefined, title: string): Option[] => {
    const all = blocks ?? [];
    const at = all.findIndex((block) => JSON.stringify(block).includes(`"${title}"`) && (block as { type: string }).type === "rich_text");
    const menu = all[at + 1] as { type: string; elements: { type: string; options: Option[] }[] } | undefined;
    expect(menu?.type).toBe("actions");
    return menu!.elements[0]!.options;
  };
  const choose = async (value: string, type: "overflow" | "static_select" = "overflow", path = "/correct") => {
    const before = slack.responses.length;
    const actionId = type === "overflow" ? "recap_correct" : "recap_correct_pick";
    expect((await post(menuChoice(actionId, value, `${slack.responseBase}${path}`, type))).status).toBe(200);
    return slack.responses.slice(before);
  };

  it("takes a topic off a post, and puts one on it through the topic picker", async () => {
    const title = "Argo CD tip #14";
    const page = (await command("gitops page 2")).json();
    const options = menuOf(page.blocks, title);
    expect(options.map((option) => option.text.text)).toEqual(["Not about gitops", "Also about…"]);

    const [reply] = await choose(options[0]!.value);
    expect(reply?.body).toMatchObject({ response_type: "ephemeral", replace_original: false });
    expect(JSON.stringify(reply?.body)).toMatch(/is no longer tagged /);
    expect(JSON.stringify((await command("gitops page 2")).json().blocks)).not.toContain(title);

    // "Also about…" answers with a picker of the topics it lacks; a pick tags it and replaces the picker.
    const [picker] = await choose(options[1]!.value);
    const select = (picker?.body.blocks as { type: string; elements?: { type: string; options: Option[] }[] }[]).find(
      (block) => block.type === "actions",
    );
    const security = select?.elements?.[0]?.options.find((option) => option.text.text === "Security");
    expect(security?.value).toMatch(/^also\|[0-9a-f]{16}\|security$/);
    const [done] = await choose(security!.value, "static_select");
    expect(done?.body).toMatchObject({ response_type: "ephemeral", replace_original: true });
    expect(JSON.stringify(done?.body)).toMatch(/is now also tagged /);
    expect(JSON.stringify((await command("security")).json().blocks)).toContain(title);
  });

  it("offers a post with no topic a button to the picker", async () => {
    const found = (await command("search urgent")).json();
    const button = (found.blocks as { type: string; elements?: { type: string; action_id?: string; value?: string }[] }[])
      .flatMap((block) => (block.type === "actions" ? (block.elements ?? []) : []))
      .find((element) => element.type === "button" && element.action_id === "recap_correct");
    expect(button?.value).toMatch(/^pick\|[0-9a-f]{16}$/);
    const before = slack.responses.length;
    expect((await post(buttonClick("recap_correct", button!.value!, `${slack.responseBase}/give`))).status).toBe(200);
    const [picker] = slack.responses.slice(before);
    expect(JSON.stringify(picker?.body)).toMatch(/also about\?/);
    expect(JSON.stringify(picker?.body)).toContain("recap_correct_pick");
  });

  it("does nothing for a menu value it did not write", async () => {
    const before = JSON.stringify((await command("gitops")).json().blocks);
    for (const value of ["not|abc|gitops; drop", "add|https://evil.example/feed", "also|../../x|gitops", "{}", ""]) {
      expect(await choose(value)).toEqual([]);
    }
    expect(JSON.stringify((await command("gitops")).json().blocks)).toBe(before);
  });
});
