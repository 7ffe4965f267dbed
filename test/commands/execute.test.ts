/** The command executor against real stored posts (dynalite), ingested through the real pipeline. */
import { describe, expect, it } from "vitest";
import { runCommand, type CommandContext, type Outcome } from "@recap/core/commands";
import { addFeed, newFeed, refreshFeed, type Feed } from "@recap/core/feeds";
import { HOUR } from "../helpers/clock";
import { rss } from "../helpers/feed-server";
import { useFreshRecap, type Harness, type TestRecap } from "../helpers/recap";

let harness: Harness;
let recap: TestRecap;
useFreshRecap({ harness: (started) => (harness = started), recap: (fresh) => (recap = fresh), storage: "memory" });

const cli: CommandContext = { via: "cli" };
const titles = (outcome: Outcome) => (outcome.kind === "posts" ? outcome.posts.map((post) => post.title) : outcome.kind);

describe("runCommand", () => {
  it("latest shows the day's news even when a feed added later brought more backfill", async () => {
    harness.feeds.route("/news.xml", { body: rss([{ title: "Seed", link: "https://news.example.com/seed", guid: "s" }]) });
    const news = (await addFeed(harness.feeds.at("/news.xml"), { via: "cli" }, recap.deps)) as { feed: Feed };
    recap.clock.advance(HOUR);
    harness.feeds.route("/news.xml", {
      body: rss([{ title: "Real news", link: "https://news.example.com/real", guid: "r", pubDate: recap.clock() }]),
    });
    await refreshFeed((await recap.deps.store.feeds.get(news.feed.id)) as Feed, recap.deps);
    recap.clock.advance(HOUR);
    const archive = Array.from({ length: 30 }, (_, index) => ({
      title: `Archive ${index}`,
      link: `https://archive.example.com/${index}`,
      guid: `a${index}`,
      pubDate: "2025-01-01T00:00:00Z",
    }));
    harness.feeds.route("/archive.xml", { body: rss(archive) });
    await addFeed(harness.feeds.at("/archive.xml"), { via: "cli" }, recap.deps);

    expect(titles(await runCommand({ name: "latest", page: 1 }, cli, recap.deps))).toEqual(["Real news"]);
  });

  it("search matches every word, ignoring case and accents, newest first, 10 a page", async () => {
    const now = recap.clock().getTime();
    const items = Array.from({ length: 12 }, (_, index) => ({
      title: `Café ${index}: eBPF tracing`,
      link: `https://blog.example.com/cafe-${index}`,
      guid: `c${index}`,
      pubDate: new Date(now - index * HOUR),
    }));
    harness.feeds.route("/cafe.xml", { body: rss([...items, { title: "eBPF only", link: "https://blog.example.com/only", guid: "o" }]) });
    await addFeed(harness.feeds.at("/cafe.xml"), { via: "cli" }, recap.deps);

    const first = await runCommand({ name: "search", words: ["CAFE", "ebpf"], page: 1 }, cli, recap.deps);
    expect(titles(first)).toEqual(Array.from({ length: 10 }, (_, index) => `Café ${index}: eBPF tracing`));
    expect(first.kind === "posts" && first.more).toEqual({ text: "search CAFE ebpf", page: 2 });
    const second = await runCommand({ name: "search", words: ["CAFE", "ebpf"], page: 2 }, cli, recap.deps);
    expect(titles(second)).toEqual(["Café 10: eBPF tracing", "Café 11: eBPF tracing"]);
    expect(second.kind === "posts" && second.more).toBeUndefined();
    const past = await runCommand({ name: "search", words: ["CAFE", "ebpf"], page: 3 }, cli, recap.deps);
    expect(past).toMatchObject({ kind: "posts", posts: [], emptyText: "No more posts: page 3 is past the last." });
    expect(await runCommand({ name: "latest", page: 9 }, cli, recap.deps)).toMatchObject({
      emptyText: "No more posts: page 9 is past the last.",
    });
  });

  it("counts topics over the last 7 days, most first, and names the quiet ones apart", async () => {
    harness.feeds.route("/mix.xml", {
      body: rss([
        { title: "Argo CD and Flux CD compared", link: "https://mix.example.com/1", guid: "1" },
        { title: "GitOps with Argo CD", link: "https://mix.example.com/2", guid: "2" },
        { title: "Backstage plugins", link: "https://mix.example.com/3", guid: "3" },
      ]),
    });
    await addFeed(harness.feeds.at("/mix.xml"), { via: "cli" }, recap.deps);
    const outcome = await runCommand({ name: "topics" }, cli, recap.deps);
    expect(outcome.kind).toBe("topics");
    if (outcome.kind !== "topics") return;
    expect(outcome.topics[0]).toMatchObject({ id: "gitops", count: 2 });
    expect(outcome.topics.find((topic) => topic.id === "developer-portals")?.count).toBe(1);
    // Only topics with posts are counted; the others are named once, to follow or look up.
    for (const topic of outcome.topics) expect(topic.count).toBeGreaterThan(0);
    expect(outcome.topics.length + outcome.quiet.length).toBe((await recap.deps.taxonomy()).topics.length);
    expect(outcome.quiet.map((topic) => topic.id)).toContain("webassembly");
  });

  it("answers a Slack add at once when the URL is bad or already followed, and only admins may add or remove", async () => {
    const requests: string[] = [];
    const slack: CommandContext = { via: "slack", userId: "U1", addInBackground: async ({ url }) => void requests.push(url) };
    expect(await runCommand({ name: "add", url: "not a url", recap: false }, slack, recap.deps)).toMatchObject({ kind: "add-failed" });
    harness.feeds.route("/known.xml", { body: rss([{ title: "K", link: "https://known.example.com/k", guid: "k" }]) });
    await addFeed(harness.feeds.at("/known.xml"), { via: "cli" }, recap.deps);
    expect(await runCommand({ name: "add", url: harness.feeds.at("/known.xml"), recap: false }, slack, recap.deps)).toMatchObject({
      kind: "already-followed",
    });
    expect(await runCommand({ name: "add", url: "https://new.example.com/feed", recap: true }, slack, recap.deps)).toEqual({
      kind: "add-accepted",
      url: "https://new.example.com/feed",
    });
    expect(requests).toEqual(["https://new.example.com/feed"]);

    const restricted = { ...slack, adminUserIds: ["UADMIN"] };
    expect(await runCommand({ name: "remove", target: harness.feeds.at("/known.xml") }, restricted, recap.deps)).toMatchObject({
      kind: "refused",
    });
    expect(await runCommand({ name: "remove", target: "nope" }, { ...restricted, userId: "UADMIN" }, recap.deps)).toEqual({
      kind: "not-found",
      reference: "nope",
    });
  });
});

describe("a private feed's credentials", () => {
  it("are used to fetch it but never shown: not in feeds, add, remove or resume answers", async () => {
    harness.feeds.route("/private.xml", { body: rss([{ title: "Internal", link: "https://intranet.example.com/a", guid: "a" }]) });
    const withCredentials = harness.feeds.at("/private.xml").replace("http://", "http://reader:s3cret@");
    const outcomes = [
      await runCommand({ name: "add", url: withCredentials, recap: false }, cli, recap.deps),
      await runCommand({ name: "add", url: withCredentials, recap: false }, cli, recap.deps),
      await runCommand({ name: "feeds" }, cli, recap.deps),
    ];
    expect(outcomes.map((outcome) => outcome.kind)).toEqual(["added", "already-followed", "feeds"]);
    const stored = await recap.deps.store.feeds.list();
    expect(stored.map((feed) => feed.url)).toEqual([withCredentials]); // kept for fetching
    const feedId = stored[0]?.id ?? "";
    outcomes.push(await runCommand({ name: "remove", target: feedId }, cli, recap.deps));
    const shown = JSON.stringify(outcomes);
    expect(shown).toContain(harness.feeds.at("/private.xml"));
    expect(shown).not.toMatch(/s3cret|reader@/);
  });
});

describe("one feed, one follow", () => {
  it("takes a feed URL with tracking parameters or its parameters in another order as the feed already followed", async () => {
    const body = rss([{ title: "Q", link: "https://q.example.com/a", guid: "a" }]);
    // Served at the canonical spelling only: what is fetched is the URL as followed.
    harness.feeds.route("/query.xml?format=rss&lang=en", { body });
    harness.feeds.route("/query.xml?b=a+b&q=c%2B%2B", { body });
    const base = harness.feeds.at("/query.xml");
    const first = await runCommand({ name: "add", url: `${base}?lang=en&format=rss`, recap: false }, cli, recap.deps);
    expect(first.kind).toBe("added");
    for (const spelling of [`${base}?format=rss&lang=en`, `${base}?utm_source=newsletter&lang=en&format=rss&utm_medium=email`])
      expect(await runCommand({ name: "add", url: spelling, recap: false }, cli, recap.deps)).toMatchObject({ kind: "already-followed" });
    expect((await recap.deps.store.feeds.list()).map((feed) => feed.url)).toEqual([`${base}?format=rss&lang=en`]);
    // Pairs are sorted as written, never re-encoded: what the server is sent keeps its meaning.
    const encoded = await runCommand({ name: "add", url: `${base}?q=c%2B%2B&b=a+b`, recap: false }, cli, recap.deps);
    expect(encoded).toMatchObject({ kind: "added", url: `${base}?b=a+b&q=c%2B%2B` });
  });
});

describe("adding from Slack", () => {
  it("says the same about a refused connection and a silent one, so a channel cannot map ports; the terminal gets the detail", async () => {
    const refused = "http://127.0.0.1:1/feed.xml";
    const fromSlack = await addFeed(refused, { via: "slack", channelId: "C1", userId: "U1" }, recap.deps);
    expect(fromSlack).toEqual({
      status: "failed",
      error: "It could not be fetched: the server did not answer, or refused the connection.",
    });
    const fromTerminal = await addFeed(refused, { via: "cli" }, recap.deps);
    expect(fromTerminal).toMatchObject({ status: "failed", error: expect.stringMatching(/refused.*127\.0\.0\.1:1/i) });
  });
});

describe("finding a followed feed by its URL", () => {
  it("finds a private feed by the URL people are shown, and a feed stored before URLs were spelled one way", async () => {
    harness.feeds.route("/private-found.xml", { body: rss([{ title: "In", link: "https://in.example.com/a", guid: "a" }]) });
    const shown = harness.feeds.at("/private-found.xml");
    const added = await runCommand({ name: "add", url: shown.replace("http://", "http://reader:pw@"), recap: false }, cli, recap.deps);
    expect(added.kind).toBe("added");
    expect(await runCommand({ name: "resume", target: shown }, cli, recap.deps)).toMatchObject({ kind: "resumed", url: shown });

    // Stored as an earlier version kept it: a tracking parameter, the query in another order.
    const legacy = newFeed(`${harness.feeds.at("/legacy.xml")}?utm_source=x&b=2&a=1`, { via: "cli" }, recap.clock());
    await recap.deps.store.feeds.create(legacy);
    expect(
      await runCommand({ name: "add", url: `${harness.feeds.at("/legacy.xml")}?a=1&b=2`, recap: false }, cli, recap.deps),
    ).toMatchObject({
      kind: "already-followed",
    });
    expect(await runCommand({ name: "remove", target: `${harness.feeds.at("/legacy.xml")}?b=2&a=1` }, cli, recap.deps)).toMatchObject({
      kind: "removed",
    });
  });
});

describe("a feed address too long to keep", () => {
  it("is refused by its encoded length, which the table's index limits, not its characters", async () => {
    const long = `https://example.com/${"é".repeat(900)}`; // 920 characters, over 5,000 bytes once encoded
    expect(await addFeed(long, { via: "cli" }, recap.deps)).toEqual({
      status: "failed",
      error: "Its address is too long to follow (over 1,000 bytes once encoded).",
    });
  });
});
