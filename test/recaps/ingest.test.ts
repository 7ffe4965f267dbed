/**
 * Conference recaps end to end: polled over HTTP from a loopback server, stored in dynalite, each
 * talk a post of its own found by topic and search, the digest naming the recap once with its
 * talk count, and an edited recap updating its talks without duplicating them.
 */
import { describe, expect, it } from "vitest";
import { runCommand, type Command, type CommandContext, type Outcome } from "@recap/core/commands";
import { composeDigest, DEFAULT_DIGEST_LIMITS } from "@recap/core/digest";
import { addFeed, refreshFeed, type Feed } from "@recap/core/feeds";
import type { Post } from "@recap/core/posts";
import { renderDigest } from "@recap/core/slack";
import { HOUR } from "../helpers/clock";
import { rss, type TestItem } from "../helpers/feed-server";
import { newRecap, useFreshRecap, type Harness, type TestRecap } from "../helpers/recap";

let harness: Harness;
let recap: TestRecap;
useFreshRecap({ harness: (started) => (harness = started), recap: (fresh) => (recap = fresh), storage: "memory" });

const cli: CommandContext = { via: "cli" };
const talk = (title: string, speaker: string, video: string, note = "", slides = "") =>
  `<li><a href="https://kccnceu2026.sched.com/event/${video}">${title}</a> — ${speaker} (<a href="https://www.youtube.com/watch?v=${video}">video</a>${
    slides ? ` — <a href="${slides}">presentation</a>` : ""
  })${note ? ` — ${note}` : ""}</li>`;

const ARGO_1 = talk(
  "Scaling Argo CD to 5,000 Applications",
  "Jane Doe, Intuit",
  "argo1",
  "Sharding the controller pays off.",
  "https://static.sched.com/hosted_files/kccnceu2026/scaling.pdf",
);
const ARGO_2 = talk("Progressive Delivery Without Tears", "Raj Patel, Red Hat", "argo2", "Analysis templates, finally explained.");
const BACKSTAGE = talk(
  "Golden Paths That Teams Actually Use",
  "Alex Kim, Spotify",
  "back1",
  "",
  "https://speakerdeck.com/alexkim/golden-paths",
);
const EBPF = talk("Tracing Syscalls with Tetragon", "Mia Chen, Isovalent", "ebpf1");

function recapHtml(parts: { argo: string[]; backstage: string[]; ebpf: string[] }): string {
  return [
    "<p>KubeCon + CloudNativeCon Europe 2026 was the biggest yet. These are the talks worth your evening.</p>",
    "<p><strong>From ArgoCon:</strong></p>",
    `<ul>${parts.argo.join("")}</ul>`,
    "<p><strong>From BackstageCon:</strong></p>",
    `<ul>${parts.backstage.join("")}</ul>`,
    ...(parts.ebpf.length ? ["<p><strong>Cilium + eBPF Day:</strong></p>", `<ul>${parts.ebpf.join("")}</ul>`] : []),
  ].join("\n");
}

const RECAP_URL = "https://blog.example.com/kubecon-eu-2026-recap";

function recapItem(content: string, pubDate: Date): TestItem {
  return {
    title: "KubeCon EU 2026: my recap",
    link: RECAP_URL,
    guid: "recap-eu-2026",
    description: "The talks I liked.",
    content,
    pubDate,
  };
}

async function follow(path: string, items: TestItem[], options: { recap?: boolean } = {}): Promise<Feed> {
  harness.feeds.route(path, { body: rss(items, { title: "Cloud Native Notes", link: "https://blog.example.com/" }) });
  const result = await addFeed(harness.feeds.at(path), { via: "cli" }, recap.deps, { isRecapFeed: options.recap ?? false });
  if (result.status === "failed") throw new Error(result.error);
  return result.feed;
}

async function poll(feed: Feed) {
  const outcome = await refreshFeed((await recap.deps.store.feeds.get(feed.id))!, recap.deps);
  expect(outcome.status).toBe("ok");
  return outcome;
}

const FULL_RECAP = { argo: [ARGO_1, ARGO_2], backstage: [BACKSTAGE], ebpf: [EBPF] };

/** A followed feed that then publishes the recap with all four talks, polled once. */
async function pollFullRecap(): Promise<Feed> {
  const feed = await follow("/notes.xml", []);
  recap.clock.advance(HOUR);
  harness.feeds.route("/notes.xml", { body: rss([recapItem(recapHtml(FULL_RECAP), recap.clock())]) });
  await poll(feed);
  return feed;
}

/** An UpdateItem writing a recap's final list of `count` items (every one with its content hash). */
const finalListOf = (count: number) => (body: Record<string, unknown>) => {
  if ((body.ExpressionAttributeNames as Record<string, string> | undefined)?.["#listed"] !== "listed") return false;
  const listed = (body.ExpressionAttributeValues as Record<string, { L?: { M: { hash: { S: string } } }[] }> | undefined)?.[":value"]?.L;
  return listed?.length === count && listed.every((entry) => entry.M.hash.S !== "");
};

const run = (text: string) => runCommand({ name: "topic", topic: text, page: 1 }, cli, recap.deps);
const titles = (outcome: Outcome) => (outcome.kind === "posts" ? outcome.posts.map((post) => post.title) : [outcome.kind]);
const stored = async () => recap.deps.store.posts.seenSince(recap.clock());
const talksIn = (posts: Post[]) => posts.filter((post) => post.kind === "talk");

describe("a recap in a feed", () => {
  it("stores every talk as a post of its own, tagged, linked to the recap, found by topic and search", async () => {
    await pollFullRecap();

    const posts = await stored();
    const talks = talksIn(posts);
    expect(talks.map((post) => post.title).sort()).toEqual([
      "Golden Paths That Teams Actually Use",
      "Progressive Delivery Without Tears",
      "Scaling Argo CD to 5,000 Applications",
      "Tracing Syscalls with Tetragon",
    ]);
    const scaling = talks.find((post) => post.title.startsWith("Scaling"))!;
    expect(scaling).toMatchObject({
      kind: "talk",
      url: "https://www.youtube.com/watch?v=argo1",
      summary: "Sharding the controller pays off.",
      speakers: ["Jane Doe"],
      organizations: ["Intuit"],
      fresh: false,
      listedIn: { title: "KubeCon EU 2026: my recap", url: RECAP_URL, section: expect.stringMatching(/ArgoCon/) },
    });
    expect(scaling.links).toEqual(
      expect.arrayContaining([
        { kind: "video", url: "https://www.youtube.com/watch?v=argo1" },
        { kind: "slides", url: "https://static.sched.com/hosted_files/kccnceu2026/scaling.pdf" },
      ]),
    );
    expect(scaling.topics).toContain("gitops");

    const parent = posts.find((post) => post.url === RECAP_URL)!;
    expect(parent.kind).toBe("article");
    expect(parent.listed?.map((item) => item.id).sort()).toEqual(talks.map((post) => post.id).sort());
    // The recap carries its talks' topics, so it is found (and digested) under them.
    expect(parent.topics).toEqual(expect.arrayContaining(["gitops", "ebpf"]));

    expect(titles(await run("gitops"))).toEqual(
      expect.arrayContaining(["Scaling Argo CD to 5,000 Applications", "Progressive Delivery Without Tears", "KubeCon EU 2026: my recap"]),
    );
    expect(titles(await run("ebpf"))).toContain("Tracing Syscalls with Tetragon");
    expect(titles(await run("developer portals"))).toContain("Golden Paths That Teams Actually Use");
    // `topics` counts the talks, not the recap that carries their topics as well.
    const counts = await runCommand({ name: "topics" }, cli, recap.deps);
    expect(counts.kind === "topics" && counts.topics.find((topic) => topic.id === "gitops")?.count).toBe(2);
    const search = await runCommand({ name: "search", words: ["jane", "intuit"], page: 1 }, cli, recap.deps);
    expect(titles(search)).toEqual(["Scaling Argo CD to 5,000 Applications"]);
  });

  it("is one digest line naming how many of its talks are on the channel's topics", async () => {
    await pollFullRecap();
    recap.clock.advance(HOUR);

    const posts = await stored();
    const window = { channelId: "C1", date: "2026-11-20", since: new Date(0).toISOString(), until: recap.clock().toISOString() };
    const taxonomy = await recap.deps.taxonomy();
    const gitops = composeDigest({ ...window, posts, subscription: { topics: ["gitops"] }, taxonomy, limits: DEFAULT_DIGEST_LIMITS });
    expect(gitops.sections.flatMap((section) => section.posts.map((post) => post.title))).toEqual(["KubeCon EU 2026: my recap"]);
    expect(JSON.stringify(renderDigest(gitops)?.main.blocks)).toMatch(/2 talks on your topics/);

    const everything = composeDigest({ ...window, posts, subscription: { topics: [] }, taxonomy, limits: DEFAULT_DIGEST_LIMITS });
    expect(everything.postCount).toBe(1);
    expect(JSON.stringify(renderDigest(everything)?.main.blocks)).toMatch(/4 talks"/);
  });

  it("updates an edited recap's talks without duplicating them, and removes talks it dropped", async () => {
    const feed = await follow("/notes.xml", []);
    recap.clock.advance(HOUR);
    const published = recap.clock();
    harness.feeds.route("/notes.xml", {
      body: rss([recapItem(recapHtml(FULL_RECAP), published)]),
    });
    await poll(feed);
    const before = talksIn(await stored());

    recap.clock.advance(HOUR);
    const renamed = ARGO_2.replace("Progressive Delivery Without Tears", "Progressive Delivery Without Tears (with Argo Rollouts)");
    const added = talk("Policy as Code for Platform Teams", "Lee Park, Nirmata", "plat1", "Kyverno everywhere.");
    harness.feeds.route("/notes.xml", {
      body: rss([recapItem(recapHtml({ argo: [ARGO_1, renamed, added], backstage: [BACKSTAGE], ebpf: [] }), published)]),
    });
    const outcome = await poll(feed);
    expect(outcome).toMatchObject({ edited: 1, created: 0, announced: 0 });

    const after = talksIn(await stored());
    expect(after.map((post) => post.title).sort()).toEqual([
      "Golden Paths That Teams Actually Use",
      "Policy as Code for Platform Teams",
      "Progressive Delivery Without Tears (with Argo Rollouts)",
      "Scaling Argo CD to 5,000 Applications",
    ]);
    // The renamed talk kept its identity (its video) and when it was first seen.
    const oldId = before.find((post) => post.title === "Progressive Delivery Without Tears")!.id;
    expect(after.find((post) => post.id === oldId)?.firstSeenAt).toBe(before.find((post) => post.id === oldId)?.firstSeenAt);
    expect(titles(await run("ebpf"))).not.toContain("Tracing Syscalls with Tetragon");
    expect(await recap.deps.store.posts.get(before.find((post) => post.title.startsWith("Tracing"))!.id)).toBeUndefined();

    // Polling the same recap again writes nothing new.
    recap.clock.advance(HOUR);
    expect(await poll(feed)).toMatchObject({ edited: 0, created: 0 });
    expect(talksIn(await stored())).toHaveLength(4);
  });

  it("keeps a team's correction of a talk when the recap is edited and the talk rewritten", async () => {
    const feed = await pollFullRecap();
    const talk = talksIn(await stored()).find((post) => post.title === "Progressive Delivery Without Tears")!;
    expect(talk.topics).toContain("gitops"); // from ArgoCon
    expect(await runCommand({ name: "correct", postId: talk.id, verdict: "not", topic: "gitops" }, cli, recap.deps)).toMatchObject({
      kind: "corrected",
    });

    // The author rewrites the talk's note: the talk is saved again, and the correction still holds.
    const rewritten = ARGO_2.replace("Analysis templates, finally explained.", "Analysis templates and Argo CD, finally explained.");
    recap.clock.advance(HOUR);
    harness.feeds.route("/notes.xml", { body: rss([recapItem(recapHtml({ ...FULL_RECAP, argo: [ARGO_1, rewritten] }), recap.clock())]) });
    expect(await poll(feed)).toMatchObject({ edited: 1 });
    const after = (await recap.deps.store.posts.get(talk.id))!;
    expect(after.summary).toMatch(/Argo CD/);
    expect(after.topics).not.toContain("gitops");
    expect(titles(await run("gitops"))).not.toContain(talk.title);
    const parent = (await stored()).find((post) => post.url === RECAP_URL)!;
    expect(parent.listed?.find((item) => item.id === talk.id)?.topics).not.toContain("gitops");
  });

  it("retag tags talks with a topic added later, and the recap with its talks' new topic", async () => {
    await pollFullRecap();
    const scale: Command = { name: "topic-add", id: "scale", label: "Scale", aliases: ["scaling", "sharding"] };
    expect(titles(await runCommand(scale, cli, recap.deps))).toEqual(["topic-added"]);
    expect(titles(await run("scale"))).toEqual([]);

    const retagged = await runCommand({ name: "retag" }, cli, recap.deps);
    expect(retagged).toMatchObject({ kind: "retagged", examined: 5, changed: 2 });
    // The talk on scaling (whose note says "Sharding"), and the recap that lists it.
    expect(titles(await run("scale"))).toEqual(
      expect.arrayContaining(["Scaling Argo CD to 5,000 Applications", "KubeCon EU 2026: my recap"]),
    );
    const parent = (await stored()).find((post) => post.url === RECAP_URL)!;
    expect(parent.listed?.find((item) => item.topics.includes("scale"))).toBeDefined();
    expect(await runCommand({ name: "retag" }, cli, recap.deps)).toMatchObject({ changed: 0 });
  });

  it("a sync cut short after writing a new talk, then an edit dropping it, leaves no orphan talk", async () => {
    recap = await newRecap(harness); // what is written to the table is what this checks
    const feed = await pollFullRecap();
    const published = (await stored()).find((post) => post.url === RECAP_URL)!.publishedAt;
    const added = talk("Policy as Code for Platform Teams", "Lee Park, Nirmata", "plat1", "Kyverno everywhere.");
    recap.clock.advance(HOUR);
    harness.feeds.route("/notes.xml", {
      body: rss([recapItem(recapHtml({ ...FULL_RECAP, argo: [...FULL_RECAP.argo, added] }), new Date(published))]),
    });
    // The talk is written; the recap's final list (five talks, each with its hash) is not.
    harness.dynamo.failNext("UpdateItem", 1, { when: finalListOf(5) });
    expect((await refreshFeed((await recap.deps.store.feeds.get(feed.id))!, recap.deps)).status).toBe("failed");
    expect(talksIn(await stored()).map((post) => post.title)).toContain("Policy as Code for Platform Teams");

    // The author drops the talk again (and fixes a note), before the next poll.
    recap.clock.advance(HOUR);
    const fixed = { ...FULL_RECAP, argo: [ARGO_1, ARGO_2.replace("finally explained", "explained at last")] };
    harness.feeds.route("/notes.xml", { body: rss([recapItem(recapHtml(fixed), new Date(published))]) });
    await poll(feed);
    expect(talksIn(await stored()).map((post) => post.title)).not.toContain("Policy as Code for Platform Teams");
    expect(titles(await run("platform engineering"))).not.toContain("Policy as Code for Platform Teams");
    expect((await stored()).find((post) => post.url === RECAP_URL)?.listed).toHaveLength(4);
  });

  it("shows a talk two recaps list, and a linked write-up Recap also reads, once", async () => {
    const feed = await follow("/notes.xml", []);
    const other = await follow("/other.xml", []);
    recap.clock.advance(HOUR);
    const writeUp = "https://friends.example.com/kubecon-eu-2026-takeaways";
    const second = `${recapHtml({ argo: [ARGO_1, ARGO_2], backstage: [], ebpf: [EBPF] })}<h2>Other recaps</h2><ul><li><a href="${writeUp}">Our KubeCon EU 2026 takeaways</a></li></ul>`;
    harness.feeds.route("/notes.xml", {
      body: rss([
        recapItem(recapHtml(FULL_RECAP), recap.clock()),
        {
          title: "KubeCon EU 2026, day two recap",
          link: "https://blog.example.com/day-two",
          guid: "day-two",
          content: second,
          pubDate: recap.clock(),
        },
      ]),
    });
    harness.feeds.route("/other.xml", {
      body: rss([
        {
          title: "Our KubeCon EU 2026 takeaways",
          link: writeUp,
          guid: "w",
          description: "GitOps and Argo CD everywhere.",
          // Its own full content: nothing sends Recap to its (non-loopback) page.
          content: "<p>GitOps and Argo CD everywhere.</p><p>Our notes from three days in the hallway track.</p>",
          pubDate: recap.clock(),
        },
      ]),
    });
    await poll(feed);
    await poll(other);

    const gitops = titles(await run("gitops"));
    expect(gitops.filter((title) => title === "Scaling Argo CD to 5,000 Applications")).toHaveLength(1);
    const search = titles(await runCommand({ name: "search", words: ["takeaways"], page: 1 }, cli, recap.deps));
    expect(search.filter((title) => title === "Our KubeCon EU 2026 takeaways")).toHaveLength(1);
    const shown = await runCommand({ name: "search", words: ["takeaways"], page: 1 }, cli, recap.deps);
    const writeUpShown = shown.kind === "posts" ? shown.posts.find((post) => post.url === writeUp) : undefined;
    expect(writeUpShown?.listedIn).toBeUndefined(); // the feed's own post, not the recap's link to it
  });

  it("reads the article page when the feed carries only a summary of a recap", async () => {
    harness.feeds.route("/posts/kubecon-na", {
      headers: { "content-type": "text/html; charset=utf-8" },
      body: `<!doctype html><html><head><title>KubeCon NA recap</title></head><body>
        <nav><a href="/">Home</a> <a href="https://www.youtube.com/@ourchannel">Our YouTube</a></nav>
        <article><h1>KubeCon NA 2026 recap</h1>${recapHtml({ argo: [ARGO_1, ARGO_2], backstage: [BACKSTAGE], ebpf: [] })}</article>
        <footer><a href="https://www.youtube.com/@ourchannel">Subscribe</a></footer></body></html>`,
    });
    const feed = await follow("/summaries.xml", []);
    recap.clock.advance(HOUR);
    harness.feeds.route("/summaries.xml", {
      body: rss([
        {
          title: "KubeCon NA 2026 recap: the talks to watch",
          link: harness.feeds.at("/posts/kubecon-na"),
          guid: "na",
          description: "Our favourite talks from KubeCon NA.",
          pubDate: recap.clock(),
        },
      ]),
    });
    await poll(feed);
    expect(harness.feeds.hits("/posts/kubecon-na")).toBe(1);
    expect(
      talksIn(await stored())
        .map((post) => post.title)
        .sort(),
    ).toEqual(["Golden Paths That Teams Actually Use", "Progressive Delivery Without Tears", "Scaling Argo CD to 5,000 Applications"]);
  });

  it("keeps a recap's talks when another feed carries it as an excerpt, even an edited one", async () => {
    const full = await follow("/notes.xml", []);
    const teaser = await follow("/teasers.xml", []);
    recap.clock.advance(HOUR);
    const published = recap.clock();
    harness.feeds.route("/notes.xml", {
      body: rss([recapItem(recapHtml(FULL_RECAP), published)]),
    });
    await poll(full);
    const excerpt = {
      title: "Our KubeCon notes",
      link: RECAP_URL,
      guid: "teaser",
      description: "Read our KubeCon recap.",
      pubDate: published,
    };
    harness.feeds.route("/teasers.xml", { body: rss([excerpt]) });
    await poll(teaser);
    harness.feeds.route("/teasers.xml", { body: rss([{ ...excerpt, description: "Read our KubeCon recap (updated)." }]) });
    expect(await poll(teaser)).toMatchObject({ edited: 1 });

    expect(talksIn(await stored())).toHaveLength(4);
    const parent = (await stored()).find((post) => post.url === RECAP_URL)!;
    expect(parent.feeds).toHaveLength(2);
    expect(parent.listed).toHaveLength(4);
    // Still found under its talks' topics after the teaser's edit rewrote its own.
    expect(parent.topics).toEqual(expect.arrayContaining(["gitops", "ebpf"]));
    expect(titles(await run("ebpf"))).toContain(parent.title);
  });

  it("reads a followed feed's posts as recaps once it is added again as a recap feed, links or not", async () => {
    const feed = await follow("/sessions.xml", []);
    recap.clock.advance(HOUR);
    const sessions = {
      title: "Sessions we discussed on Monday",
      link: "https://blog.example.com/sessions",
      guid: "sessions",
      description: "Our team's notes.",
      content:
        "<p>Six of us went to KubeCon. These are the sessions we talked about:</p><ul><li>Kubernetes Upgrades Without Fear — Ana Silva, Shopify</li><li>Debugging Flaky Operators — Chen Wei, Alibaba Cloud</li><li>Cost-Aware Autoscaling — Olu Adeyemi (Monzo)</li></ul>",
      pubDate: recap.clock(),
    };
    harness.feeds.route("/sessions.xml", { body: rss([sessions]) });
    await poll(feed);
    expect(talksIn(await stored())).toEqual([]);

    const again = await runCommand({ name: "add", url: harness.feeds.at("/sessions.xml"), recap: true }, cli, recap.deps);
    expect(again).toMatchObject({ kind: "already-followed", markedRecap: true });
    expect((await recap.deps.store.feeds.get(feed.id))?.isRecapFeed).toBe(true);
    await poll(feed);
    expect(talksIn(await stored()).map((post) => [post.title, post.speakers, post.links ?? []])).toEqual(
      expect.arrayContaining([
        ["Kubernetes Upgrades Without Fear", ["Ana Silva"], []],
        ["Debugging Flaky Operators", ["Chen Wei"], []],
        ["Cost-Aware Autoscaling", ["Olu Adeyemi"], []],
      ]),
    );
    expect(await runCommand({ name: "add", url: harness.feeds.at("/sessions.xml"), recap: true }, cli, recap.deps)).toEqual({
      kind: "already-followed",
      url: harness.feeds.at("/sessions.xml"),
      title: "Test feed",
    });
  });

  it("keeps a recap's talks when another feed carries a partial copy that does not read as a recap", async () => {
    await pollFullRecap();
    const partial = await follow("/planet.xml", []);
    recap.clock.advance(HOUR);
    harness.feeds.route("/planet.xml", {
      body: rss([
        {
          title: "KubeCon EU 2026: my recap",
          link: RECAP_URL,
          guid: "planet-copy",
          description: "From our planet.",
          content:
            "<p>KubeCon + CloudNativeCon Europe 2026 was the biggest yet.</p><p>Read the rest on the author's blog, with every talk we liked.</p>",
          pubDate: recap.clock(),
        },
      ]),
    });
    await poll(partial);
    const parent = (await stored()).find((post) => post.url === RECAP_URL)!;
    expect(parent.listed).toHaveLength(4);
    expect(talksIn(await stored())).toHaveLength(4);
  });

  it("two feeds syncing one recap at once leave every talk listed, and no talk outside the list", async () => {
    const [a, b] = [await follow("/a.xml", []), await follow("/b.xml", [])];
    recap.clock.advance(HOUR);
    const published = recap.clock();
    harness.feeds.route("/a.xml", {
      body: rss([recapItem(recapHtml({ argo: [ARGO_1, ARGO_2], backstage: [BACKSTAGE], ebpf: [] }), published)]),
    });
    harness.feeds.route("/b.xml", {
      body: rss([recapItem(recapHtml({ argo: [ARGO_1, ARGO_2], backstage: [], ebpf: [EBPF] }), published)]),
    });
    await Promise.all([poll(a), poll(b)]);

    const posts = await stored();
    const parent = posts.find((post) => post.url === RECAP_URL)!;
    const listed = new Set(parent.listed?.map((item) => item.id));
    const talks = talksIn(posts);
    // Whichever read wrote last, the list and the stored talks agree (and their topic rows with them).
    expect(talks.map((talk) => talk.id).sort()).toEqual([...listed].sort());
    expect(talks.length).toBeGreaterThanOrEqual(3);
    for (const topic of ["gitops", "ebpf", "developer-portals"]) {
      const shown = titles(await run(topic)).filter((title) => title !== parent.title);
      expect(shown.every((title) => talks.some((talk) => talk.title === title))).toBe(true);
    }
  });

  it("reads at most 10 recap pages a poll; the rest wait for the next poll, nothing lost", async () => {
    const pages = Array.from({ length: 12 }, (_, i) => `/pages/recap-${i}`);
    for (const path of pages) {
      harness.feeds.route(path, {
        headers: { "content-type": "text/html; charset=utf-8" },
        body: `<article>${recapHtml(FULL_RECAP).replaceAll("watch?v=", `watch?v=${path.slice(-2)}`)}</article>`,
      });
    }
    const feed = await follow("/teasers.xml", [], { recap: true });
    recap.clock.advance(HOUR);
    harness.feeds.route("/teasers.xml", {
      body: rss(
        pages.map((path, i) => ({
          title: `Recap ${i}`,
          link: harness.feeds.at(path),
          guid: path,
          description: "A teaser.",
          pubDate: recap.clock(),
        })),
      ),
    });
    await poll(feed);
    expect(pages.reduce((sum, path) => sum + harness.feeds.hits(path), 0)).toBe(10);
    recap.clock.advance(HOUR);
    await poll(feed);
    expect(pages.map((path) => harness.feeds.hits(path))).toEqual(pages.map(() => 1));
    const recaps = (await stored()).filter((post) => post.listed);
    expect(recaps).toHaveLength(12);
    expect(talksIn(await stored())).toHaveLength(12 * 4);
  });

  it("reads a recap page again after a failure that may pass, and never lets a page without talks remove them", async () => {
    const page = `<article>${recapHtml(FULL_RECAP)}</article>`;
    let answer: { status: number; body: string } = { status: 503, body: "busy" };
    harness.feeds.route("/posts/na", (_req, res) => {
      res.writeHead(answer.status, { "content-type": "text/html; charset=utf-8" });
      res.end(answer.body);
    });
    const feed = await follow("/teasers.xml", [], { recap: true });
    recap.clock.advance(HOUR);
    const teaser = {
      title: "KubeCon NA notes",
      link: harness.feeds.at("/posts/na"),
      guid: "na",
      description: "A teaser.",
      pubDate: recap.clock(),
    };
    harness.feeds.route("/teasers.xml", { body: rss([teaser]) });
    expect(await poll(feed)).toMatchObject({ created: 1 });
    expect(talksIn(await stored())).toEqual([]);

    answer = { status: 200, body: page };
    recap.clock.advance(HOUR);
    await poll(feed);
    expect(talksIn(await stored())).toHaveLength(4);
    expect(harness.feeds.hits("/posts/na")).toBe(2);

    // The teaser is edited while the page serves a bot check: the talks stay.
    answer = { status: 200, body: "<html><body><p>Checking your browser before accessing the site.</p></body></html>" };
    recap.clock.advance(HOUR);
    harness.feeds.route("/teasers.xml", { body: rss([{ ...teaser, description: "A teaser, edited." }]) });
    await poll(feed);
    expect(talksIn(await stored())).toHaveLength(4);
  });

  it("leaves a normal post that mentions one video alone", async () => {
    const feed = await follow("/notes.xml", []);
    recap.clock.advance(HOUR);
    harness.feeds.route("/notes.xml", {
      body: rss([
        {
          title: "Why we moved to Flux",
          link: "https://blog.example.com/flux",
          guid: "flux",
          content:
            '<p>We moved our clusters to Flux last spring. The <a href="https://www.youtube.com/watch?v=fluxintro">intro talk</a> convinced us.</p><ul><li>Fewer scripts</li><li>Drift is fixed by the controller</li><li>Reviews happen in Git</li></ul>',
          pubDate: recap.clock(),
        },
      ]),
    });
    await poll(feed);
    const posts = await stored();
    expect(posts.map((post) => [post.title, post.kind, post.listed])).toEqual([["Why we moved to Flux", "article", undefined]]);
  });
});
