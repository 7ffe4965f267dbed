/**
 * Real-shaped feed documents, end to end: each fixture is served over loopback HTTP with the
 * Content-Type (and charset, and compression) a real server would send, followed with addFeed, and
 * checked where it lands — the posts stored in DynamoDB (dynalite). Expected values are read off
 * the fixtures, not off the code's output.
 */
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { feedHealth } from "@recap/core/commands";
import { addFeed, refreshFeed, type Feed } from "@recap/core/feeds";
import type { Post } from "@recap/core/posts";
import { useFreshRecap, type Harness, type TestRecap } from "../helpers/recap";

let harness: Harness;
let recap: TestRecap;

useFreshRecap({ harness: (started) => (harness = started), recap: (fresh) => (recap = fresh), storage: "memory" });

const fixtureBytes = (name: string) => readFileSync(new URL(`../fixtures/feeds/${name}`, import.meta.url));
const fixture = (name: string) => fixtureBytes(name).toString("utf8");

/** A unique path prefix per test, so tests sharing the server never see each other's documents. */
let counter = 0;
const uniquePrefix = (name: string) => `/${name}-${++counter}`;

/** The test clock's start (helpers/clock.ts): first-seen time of everything stored here. */
const NOW = "2026-11-20T09:00:00.000Z";

async function follow(url: string): Promise<Feed> {
  const result = await addFeed(url, { via: "cli" }, recap.deps);
  if (result.status !== "added") throw new Error(`add failed: ${JSON.stringify(result)}`);
  expect(result.outcome).toMatchObject({ status: "ok" });
  return result.feed;
}

/** Serves `body` at `path` with `contentType`, follows it, and returns the feed and what got stored. */
async function serveAndFollow(path: string, contentType: string, body: string | Buffer) {
  harness.feeds.route(path, { headers: { "content-type": contentType }, body });
  const feed = await follow(harness.feeds.at(path));
  return { feed, posts: await storedPosts() };
}

const storedPosts = () => recap.deps.store.posts.seenSince(recap.clock(), { limit: 100 });

function byUrl(posts: Post[], url: string): Post {
  const post = posts.find((candidate) => candidate.url === url);
  if (!post) throw new Error(`no stored post with url ${url}; stored: ${posts.map((p) => p.url).join(", ")}`);
  return post;
}

const storedFeed = async (feed: Feed) => (await recap.deps.store.feeds.get(feed.id)) as Feed;

describe("RSS 2.0 (WordPress)", () => {
  it("stores every item with decoded titles, resolved canonical URLs, authors and dates", async () => {
    const path = `${uniquePrefix("wp")}/feed/`;
    const { feed, posts } = await serveAndFollow(path, "application/rss+xml; charset=UTF-8", fixture("rss2-wordpress.xml"));
    const feeds = [harness.feeds.at(path)];

    expect(posts).toHaveLength(3);
    const recapPost = byUrl(posts, "https://blog.kubenotes.example/2024/05/kubecon-eu-2024-recap/");
    expect(recapPost).toMatchObject({
      // &#038; decoded once, <code> markup dropped.
      title: "KubeCon EU 2024 recap: Paris, platform teams & the Gateway API",
      author: "Priya Raman",
      publishedAt: "2024-05-14T16:00:00.000Z",
      firstSeenAt: NOW,
      // The description (not content:encoded), as plain text: &nbsp; and &#8230; decoded, paragraphs joined.
      summary:
        "Twelve thousand people, three days and one very long queue for coffee. Here is what we learned at KubeCon EU in Paris … " +
        "The post KubeCon EU 2024 recap appeared first on Kube & Cloud Notes.",
      feeds,
      fresh: false,
    });
    expect(recapPost.topics).toEqual(["platform-engineering", "kubernetes", "networking"]);

    // A relative <link> resolves against the channel's site, not the feed URL; EST is UTC-5.
    expect(byUrl(posts, "https://blog.kubenotes.example/2024/04/ingress-to-gateway-api/")).toMatchObject({
      title: "Migrating from Ingress to Gateway API",
      author: "Tom O'Brien",
      publishedAt: "2024-04-24T14:30:00.000Z",
      summary: "A step-by-step migration of forty Ingress objects, with the gotchas we hit along the way.",
      topics: ["kubernetes", "networking"],
      feeds,
    });

    // No <link>: the permalink <guid> is the URL; "email (Name)" keeps the name.
    expect(byUrl(posts, "https://blog.kubenotes.example/2024/04/etcd-maintainers-track/")).toMatchObject({
      title: "Notes from the etcd maintainers' track",
      author: "Jo Nakamura",
      publishedAt: "2024-04-08T18:45:00.000Z",
      summary: "Compaction, defragmentation and why your 8 GB database limit matters.",
      // etcd is Kubernetes' store and a database: its maintenance is both.
      topics: ["kubernetes", "data-storage"],
      feeds,
    });

    expect(await storedFeed(feed)).toMatchObject({
      url: harness.feeds.at(path),
      title: "Kube & Cloud Notes",
      siteUrl: "https://blog.kubenotes.example",
      ttlMinutes: 120,
      consecutiveErrors: 0,
    });
    // Topic index rows were written too.
    expect((await recap.deps.store.posts.byTopic("kubernetes", 10)).map((post) => post.url).sort()).toEqual([
      "https://blog.kubenotes.example/2024/04/etcd-maintainers-track/",
      "https://blog.kubenotes.example/2024/04/ingress-to-gateway-api/",
      "https://blog.kubenotes.example/2024/05/kubecon-eu-2024-recap/",
    ]);
  });
});

describe("RSS 1.0 (RDF)", () => {
  it("stores the items beside <channel>, with dc:creator and W3CDTF dates", async () => {
    const path = `${uniquePrefix("rdf")}/index.rdf`;
    const { feed, posts } = await serveAndFollow(path, "application/rdf+xml", fixture("rss1-rdf.xml"));

    expect(posts).toHaveLength(2);
    expect(byUrl(posts, "http://sre.example.org/2004/02/load-shedding.html")).toMatchObject({
      title: "Load shedding for the rest of us",
      author: "Ada Okafor",
      publishedAt: "2004-02-17T14:15:00.000Z",
      summary: "Dropping work on purpose beats falling over by accident.",
      feeds: [harness.feeds.at(path)],
      fresh: false,
    });
    // The #more fragment is not part of the canonical URL; a zone-less date is UTC.
    expect(byUrl(posts, "http://www.example.net/weblog/archives/000123.html")).toMatchObject({
      title: "Why we stopped paging on CPU",
      author: "Lars Eriksen",
      publishedAt: "2004-02-10T00:00:00.000Z",
      summary: "Symptoms, not causes.",
    });
    expect(await storedFeed(feed)).toMatchObject({ title: "Planet Cloud Native", siteUrl: "http://planet.cncf-community.example/" });
  });
});

describe("Atom", () => {
  it("Atom 1.0: alternate links against xml:base, HTML titles as text, inherited authors", async () => {
    const path = `${uniquePrefix("atom")}/atom.xml`;
    const { feed, posts } = await serveAndFollow(path, "application/atom+xml; charset=utf-8", fixture("atom-xhtml.xml"));

    expect(posts).toHaveLength(3);
    expect(byUrl(posts, "https://engineering.meshworks.example/posts/envoy-missing-headers/")).toMatchObject({
      title: "Envoy & the case of the missing headers",
      author: "Marta Kowalska",
      publishedAt: "2024-03-20T13:30:00.000Z",
      summary: "A 503 that only happened on Tuesdays.",
      feeds: [harness.feeds.at(path)],
    });
    // type="text" title: the angle brackets are text. No <summary>: the content, as text. Only
    // <updated>: that is the date. No author: the feed's.
    expect(byUrl(posts, "https://engineering.meshworks.example/notes/stack-traces.html")).toMatchObject({
      title: "Using <details> for long stack traces",
      author: "Meshworks Engineering Team",
      publishedAt: "2024-02-02T08:00:00.000Z",
      summary: "Wrap them in <details> and move on.",
    });
    // Of two rel="alternate" links, the text/html one.
    expect(byUrl(posts, "https://engineering.meshworks.example/posts/sidecar-less/")).toMatchObject({
      title: "Sidecar-less is not free",
      author: "Meshworks Engineering Team",
      publishedAt: "2024-01-15T12:00:00.000Z",
      summary: "Ambient mode moves the cost, it does not remove it.",
    });
    expect(await storedFeed(feed)).toMatchObject({ title: "Meshworks Engineering", siteUrl: "https://engineering.meshworks.example/" });
  });

  it("Atom 0.3: issued date, escaped title, mode=xml content as summary", async () => {
    const path = `${uniquePrefix("atom03")}/atom.xml`;
    const { feed, posts } = await serveAndFollow(path, "application/atom+xml", fixture("atom03.xml"));

    expect(posts).toEqual([
      expect.objectContaining({
        url: "http://oldblog.example.com/2005/11/moving-ci.html",
        title: "Moving our CI to containers",
        author: "Grace Liu",
        publishedAt: "2005-11-09T11:56:34.000Z",
        summary: "We finally moved every build into containers.",
        feeds: [harness.feeds.at(path)],
        firstSeenAt: NOW,
        fresh: false,
      }),
    ]);
    expect(await storedFeed(feed)).toMatchObject({ title: "Old <Blogger> Blog", siteUrl: "http://oldblog.example.com/" });
  });
});

describe("JSON Feed", () => {
  it("1.1: tracking stripped, external_url, title from text, authors inherited, undated items seen now", async () => {
    const path = `${uniquePrefix("jf11")}/feed.json`;
    const { feed, posts } = await serveAndFollow(path, "application/feed+json", fixture("jsonfeed-1.1.json"));

    // The item with neither id nor url, and the non-object item, are not stored.
    expect(posts).toHaveLength(3);
    expect(posts.map((post) => post.title)).not.toContain("Draft without id or url");
    const issue87 = byUrl(posts, "https://o11y-weekly.example/issues/87?ref=feed");
    expect(issue87).toMatchObject({
      title: "Issue #87: OpenTelemetry profiling signal <beta>",
      author: "Kenji Watanabe",
      publishedAt: "2024-05-10T15:00:00.000Z",
      summary: "Profiling becomes the fourth OpenTelemetry signal.",
      feeds: [harness.feeds.at(path)],
    });
    expect(issue87.topics).toContain("observability");

    const prometheus = byUrl(posts, "https://cncf.example/blog/2024/05/03/prometheus-3-0-beta/");
    expect(prometheus).toMatchObject({
      // Empty title: the (short) text stands in for it.
      title: "Prometheus 3.0 beta is out: native histograms, UTF-8 metric names and a new UI.",
      summary: "Prometheus 3.0 beta is out: native histograms, UTF-8 metric names and a new UI.",
      author: "The O11y Weekly editors",
      publishedAt: "2024-05-03T08:00:00.000Z",
    });
    expect(prometheus.topics).toContain("observability");

    expect(byUrl(posts, "https://o11y-weekly.example/issues/85")).toMatchObject({
      title: "Issue #85 (id missing, url present)",
      summary: "Sampling strategies compared.",
      author: "The O11y Weekly editors",
      publishedAt: NOW,
    });
    expect(await storedFeed(feed)).toMatchObject({ title: "Observability Weekly", siteUrl: "https://o11y-weekly.example/" });
  });

  it("1.0 served as application/json: numeric id, author object, entities in HTML content", async () => {
    const path = `${uniquePrefix("jf10")}/feed.json`;
    const { feed, posts } = await serveAndFollow(path, "application/json; charset=utf-8", fixture("jsonfeed-1.0.json"));

    expect(posts).toHaveLength(2);
    expect(byUrl(posts, "https://devlog.example.com/2017/06/building-a-tiny-scheduler")).toMatchObject({
      title: "Building a tiny scheduler",
      author: "Daniel Ortega",
      publishedAt: "2017-06-02T19:14:00.000Z",
      summary: "Cron is fine until it isn\u2019t.",
      feeds: [harness.feeds.at(path)],
    });
    expect(byUrl(posts, "https://devlog.example.com/2017/05/hello-json-feed")).toMatchObject({
      title: "Trying out this new JSON Feed thing. It is just JSON & that is nice.",
      summary: "Trying out this new JSON Feed thing. It is just JSON & that is nice.",
      author: "Daniel Ortega",
      publishedAt: "2017-05-17T08:00:00.000Z",
    });
    expect(await storedFeed(feed)).toMatchObject({ title: "Daniel's Devlog", siteUrl: "https://devlog.example.com/" });
  });
});

describe("RSS 0.91 with a DOCTYPE, HTML entities and bare ampersands", () => {
  it("stores titles and summaries with every entity decoded once and tracking removed", async () => {
    const path = `${uniquePrefix("rss091")}/digest.rss`;
    const { feed, posts } = await serveAndFollow(path, "application/rss+xml", fixture("rss091-entities.xml"));

    expect(posts).toHaveLength(2);
    expect(byUrl(posts, "http://opsdev.example.com/story.php?id=42&page=2")).toMatchObject({
      // &nbsp; reads as a plain space in stored text; &mdash; is the dash.
      title: "Q&A: Ben & Jerry's SRE team on ice-cream scale \u2014 part 2",
      summary: "Capacity planning for the summer peak\u2026 \u00a9 2003 OpsDev. Read more \u00bb",
      publishedAt: NOW, // undated
      feeds: [harness.feeds.at(path)],
    });
    expect(byUrl(posts, "http://opsdev.example.com/story.php?id=41&page=1")).toMatchObject({
      title: "AT&T outage post-mortem & what we learned",
      summary: "Unknown entity stays visible: \u2122 &bogus; done.",
    });
    expect(posts.every((post) => post.author === undefined)).toBe(true);
    expect(await storedFeed(feed)).toMatchObject({ title: "Ops & Dev Digest", siteUrl: "http://opsdev.example.com/" });
  });
});

describe("repeated GUIDs", () => {
  it("keeps distinct posts that share a GUID apart, and collapses a true duplicate", async () => {
    const path = `${uniquePrefix("guids")}/releases.xml`;
    const { feed, posts } = await serveAndFollow(path, "application/rss+xml; charset=utf-8", fixture("rss-repeated-guids.xml"));

    // 5 items: three share "release-notes" (two of them the same article, once with ?utm_source),
    // two share "status-moved" but link to different pages.
    expect(posts.map((post) => post.url).sort()).toEqual([
      "https://releases.platformco.example/status-moved",
      "https://releases.platformco.example/status-moved-again",
      "https://releases.platformco.example/v2-3-1",
      "https://releases.platformco.example/v2-4-0",
    ]);
    expect(byUrl(posts, "https://releases.platformco.example/v2-4-0")).toMatchObject({
      title: "v2.4.0: autoscaling profiles",
      publishedAt: "2024-05-02T12:00:00.000Z",
      summary: "",
    });
    // The first of the two v2.3.1 entries wins.
    expect(byUrl(posts, "https://releases.platformco.example/v2-3-1")).toMatchObject({
      title: "v2.3.1: fix for the node drain regression",
      publishedAt: "2024-04-19T12:00:00.000Z",
    });
    expect(byUrl(posts, "https://releases.platformco.example/status-moved")).toMatchObject({
      title: "Status page moved",
      publishedAt: "2024-04-01T08:00:00.000Z",
    });
    expect(byUrl(posts, "https://releases.platformco.example/status-moved-again")).toMatchObject({
      title: "Status page moved",
      publishedAt: "2024-04-01T09:00:00.000Z",
    });
    expect(new Set(posts.map((post) => post.id)).size).toBe(4);
    expect(await recap.deps.store.posts.countItems(feed.id)).toBe(4);
  });
});

describe("entries of one page (a day book)", () => {
  it("stores each entry as its own post, linked to its anchor, and a re-poll adds nothing", async () => {
    const prefix = uniquePrefix("daybook");
    const path = `${prefix}/feed.xml`;
    const { feed, posts } = await serveAndFollow(path, "application/rss+xml; charset=utf-8", fixture("rss-journal-fragments.xml"));
    // Six items, no <link>: each permalink GUID is the address, relative ones resolved against the
    // feed's own URL ("2024/…" beside it, "/2024/…" from the server's root).
    const beside = (ref: string) => harness.feeds.at(`${prefix}/${ref}`);
    const root = (ref: string) => harness.feeds.at(ref);
    expect(posts.map((post) => post.url).sort()).toEqual(
      [
        beside("2024/05/02.html#a0930"),
        beside("2024/05/02.html#a1415"),
        beside("2024/05/02.html#a1720"),
        root("/2024/05/03.html#a0815"),
        root("/2024/05/03.html#a1100"),
        "https://daybook.example/2024/05/04.html",
      ].sort(),
    );
    expect(byUrl(posts, beside("2024/05/02.html#a1415")).title).toBe("Node pool upgrade, zone b");
    expect(new Set(posts.map((post) => post.id)).size).toBe(6);

    recap.clock.advance(3_600_000);
    const outcome = await refreshFeed(await storedFeed(feed), recap.deps);
    expect(outcome).toMatchObject({ status: "ok", created: 0 });
    expect(await storedPosts()).toHaveLength(6);
    expect(await recap.deps.store.posts.countItems(feed.id)).toBe(6);
  });
});

describe("a document cut short", () => {
  it("stores the complete items before the cut, says so in feeds, and reads the whole document next time", async () => {
    const path = `${uniquePrefix("cut")}/feed.rdf`;
    const whole = fixture("rss1-rdf.xml");
    const firstItemEnd = whole.indexOf("</item>") + "</item>".length;
    const cut = whole.slice(0, whole.indexOf("<title>", firstItemEnd) + 10); // inside the second item's title
    harness.feeds.route(path, { headers: { "content-type": "application/rdf+xml", etag: '"v1"' }, body: cut });
    const feed = await follow(harness.feeds.at(path));
    expect(await storedPosts()).toHaveLength(1);
    const warned = await storedFeed(feed);
    expect(warned.lastWarning).toMatch(/cut short.*1 complete item /);
    expect(warned.etag).toBeUndefined(); // not "seen": no conditional request may answer 304 to it
    const [health] = (await feedHealth(recap.deps)).filter((candidate) => candidate.id === feed.id);
    expect(health?.lastWarning).toBe(warned.lastWarning);

    harness.feeds.route(path, { headers: { "content-type": "application/rdf+xml", etag: '"v1"' }, body: whole });
    recap.clock.advance(3_600_000);
    const outcome = await refreshFeed(warned, recap.deps);
    expect(outcome).toMatchObject({ status: "ok", created: (whole.match(/<\/item>/g) ?? []).length - 1 });
    const healed = await storedFeed(feed);
    expect(healed.lastWarning).toBeUndefined();
    expect(healed.etag).toBe('"v1"');
  });
});

describe("character encodings", () => {
  /** Bytes of a one-item RSS feed whose title and description hold windows-1252 bytes. */
  function legacyFeed(prolog: string, slug: string): Buffer {
    const ascii = (text: string) => Buffer.from(text, "latin1");
    return Buffer.concat([
      ascii(`${prolog}\n<rss version="2.0"><channel><title>Caf`),
      Buffer.from([0xe9]),
      ascii(` Ops</title><link>https://cafe-ops.example/</link><description>Legacy CMS</description>\n<item><title>`),
      // “Kubernetes café” — résumé
      Buffer.from([0x93]),
      ascii("Kubernetes caf"),
      Buffer.from([0xe9, 0x94, 0x20, 0x97, 0x20]),
      ascii("r"),
      Buffer.from([0xe9]),
      ascii("sum"),
      Buffer.from([0xe9]),
      ascii(`</title><link>https://cafe-ops.example/${slug}</link><guid isPermaLink="false">${slug}</guid>`),
      ascii("<description>"),
      Buffer.from([0x93]),
      ascii("Na"),
      Buffer.from([0xef]),
      ascii("ve"),
      Buffer.from([0x94]),
      ascii(" retries "),
      Buffer.from([0x96]),
      ascii(" fixed."),
      ascii(`</description><pubDate>Mon, 16 Nov 2026 10:00:00 +0100</pubDate></item></channel></rss>`),
    ]);
  }

  const TITLE = "\u201cKubernetes caf\u00e9\u201d \u2014 r\u00e9sum\u00e9";
  const SUMMARY = "\u201cNa\u00efve\u201d retries \u2013 fixed.";

  it.each([
    {
      label: "charset=windows-1252 in Content-Type only",
      contentType: "application/rss+xml; charset=windows-1252",
      prolog: `<?xml version="1.0"?>`,
    },
    {
      label: "encoding=windows-1252 in the XML prolog only",
      contentType: "application/xml",
      prolog: `<?xml version="1.0" encoding="windows-1252"?>`,
    },
    {
      label: "charset=ISO-8859-1 in Content-Type (read as windows-1252)",
      contentType: "application/rss+xml; charset=ISO-8859-1",
      prolog: `<?xml version="1.0"?>`,
    },
    {
      label: "encoding=ISO-8859-1 in the XML prolog (read as windows-1252)",
      contentType: "text/xml",
      prolog: `<?xml version="1.0" encoding="ISO-8859-1"?>`,
    },
  ])("decodes a legacy feed labelled by $label", async ({ contentType, prolog }) => {
    const prefix = uniquePrefix("legacy");
    const path = `${prefix}/rss.xml`;
    const slug = `post${prefix}`;
    const body = legacyFeed(prolog, slug);
    expect(body.includes(0x93)).toBe(true); // really raw bytes, not UTF-8
    const { feed, posts } = await serveAndFollow(path, contentType, body);

    expect(posts).toEqual([
      expect.objectContaining({
        url: `https://cafe-ops.example/${slug}`,
        title: TITLE,
        summary: SUMMARY,
        publishedAt: "2026-11-16T09:00:00.000Z",
        feeds: [harness.feeds.at(path)],
      }),
    ]);
    expect((await storedFeed(feed)).title).toBe("Caf\u00e9 Ops");
  });
});

describe("compression", () => {
  it("inflates a gzip-encoded feed and stores its posts", async () => {
    const path = `${uniquePrefix("gzip")}/feed/`;
    const raw = fixtureBytes("rss2-wordpress.xml");
    const compressed = gzipSync(raw);
    expect(compressed.length).toBeLessThan(raw.length);
    harness.feeds.route(path, {
      headers: { "content-type": "application/rss+xml; charset=UTF-8", "content-encoding": "gzip", vary: "Accept-Encoding" },
      body: compressed,
    });
    const feed = await follow(harness.feeds.at(path));

    const request = harness.feeds.requests.find((r) => r.path === path);
    expect(request?.headers["accept-encoding"]).toMatch(/\bgzip\b/);
    const posts = await storedPosts();
    expect(posts).toHaveLength(3);
    expect(byUrl(posts, "https://blog.kubenotes.example/2024/05/kubecon-eu-2024-recap/")).toMatchObject({
      title: "KubeCon EU 2024 recap: Paris, platform teams & the Gateway API",
      author: "Priya Raman",
      feeds: [harness.feeds.at(path)],
    });
    expect(await storedFeed(feed)).toMatchObject({ title: "Kube & Cloud Notes", ttlMinutes: 120 });
  });
});

describe("autodiscovery from a real-shaped page", () => {
  /**
   * The page fixture, placed under `prefix` on the loopback server: its <base href="/blog/"> and
   * absolute /blog/ link move under the prefix, and the off-site JSON Feed link points at the
   * loopback server instead of the internet. Links it then declares, in document order:
   * {prefix}/blog/feed.xml, {prefix}/blog/atom.xml, {prefix}/feeds/blog.json, {prefix}/blog/comments/feed/?format=rss&lang=en
   */
  function page(prefix: string): string {
    const replacements: [string, string][] = [
      [`<BASE HREF="/blog/">`, `<BASE HREF="${prefix}/blog/">`],
      [`href='/blog/atom.xml'`, `href='${prefix}/blog/atom.xml'`],
      [`href="https://feeds.meshworks.example/blog.json"`, `href="${harness.feeds.at(`${prefix}/feeds/blog.json`)}"`],
    ];
    let html = fixture("page-autodiscovery.html");
    for (const [from, to] of replacements) {
      expect(html).toContain(from);
      html = html.replace(from, to);
    }
    return html;
  }

  function servePage(prefix: string) {
    const pagePath = `${prefix}/about/team.html`;
    harness.feeds.route(pagePath, { headers: { "content-type": "text/html; charset=utf-8" }, body: page(prefix) });
    return pagePath;
  }

  const rssType = { "content-type": "application/rss+xml; charset=UTF-8" };
  const commentsPath = (prefix: string) => `${prefix}/blog/comments/feed/?format=rss&lang=en`;

  it("follows the first feed the page links to (the RSS one, resolved against <base>)", async () => {
    const prefix = uniquePrefix("site");
    const pagePath = servePage(prefix);
    harness.feeds.route(`${prefix}/blog/feed.xml`, { headers: rssType, body: fixture("rss2-wordpress.xml") });
    harness.feeds.route(`${prefix}/blog/atom.xml`, {
      headers: { "content-type": "application/atom+xml" },
      body: fixture("atom-xhtml.xml"),
    });

    const feed = await follow(harness.feeds.at(pagePath));
    const feedUrl = harness.feeds.at(`${prefix}/blog/feed.xml`);
    expect(feed.url).toBe(feedUrl);
    expect(feed.title).toBe("Kube & Cloud Notes");
    expect(harness.feeds.hits(`${prefix}/blog/atom.xml`)).toBe(0);

    const posts = await storedPosts();
    expect(posts).toHaveLength(3);
    expect(posts.every((post) => post.feeds.length === 1 && post.feeds[0] === feedUrl)).toBe(true);
    expect(byUrl(posts, "https://blog.kubenotes.example/2024/04/ingress-to-gateway-api/").title).toBe(
      "Migrating from Ingress to Gateway API",
    );

    // The page and the feed are one subscription.
    expect((await addFeed(harness.feeds.at(pagePath), { via: "cli" }, recap.deps)).status).toBe("exists");
    expect(await recap.deps.store.feeds.list()).toHaveLength(1);
  });

  it("falls back to the Atom link when the RSS link is gone", async () => {
    const prefix = uniquePrefix("site");
    const pagePath = servePage(prefix);
    harness.feeds.route(`${prefix}/blog/feed.xml`, { status: 404, headers: { "content-type": "text/plain" }, body: "not found" });
    harness.feeds.route(`${prefix}/blog/atom.xml`, {
      headers: { "content-type": "application/atom+xml" },
      body: fixture("atom-xhtml.xml"),
    });

    const feed = await follow(harness.feeds.at(pagePath));
    const feedUrl = harness.feeds.at(`${prefix}/blog/atom.xml`);
    expect(feed.url).toBe(feedUrl);
    expect(feed.title).toBe("Meshworks Engineering");
    expect(harness.feeds.hits(`${prefix}/blog/feed.xml`)).toBe(1);

    const posts = await storedPosts();
    expect(posts).toHaveLength(3);
    expect(byUrl(posts, "https://engineering.meshworks.example/posts/envoy-missing-headers/")).toMatchObject({
      title: "Envoy & the case of the missing headers",
      feeds: [feedUrl],
    });
  });

  it("tries at most three links: the JSON Feed third, never the comments feed fourth", async () => {
    const prefix = uniquePrefix("site");
    const pagePath = servePage(prefix);
    harness.feeds.route(`${prefix}/blog/feed.xml`, { status: 404, body: "gone" });
    harness.feeds.route(`${prefix}/blog/atom.xml`, { status: 500, body: "oops" });
    harness.feeds.route(`${prefix}/feeds/blog.json`, {
      headers: { "content-type": "application/feed+json" },
      body: fixture("jsonfeed-1.1.json"),
    });
    harness.feeds.route(commentsPath(prefix), { headers: rssType, body: fixture("rss-repeated-guids.xml") });

    const feed = await follow(harness.feeds.at(pagePath));
    const feedUrl = harness.feeds.at(`${prefix}/feeds/blog.json`);
    expect(feed.url).toBe(feedUrl);
    expect(harness.feeds.hits(commentsPath(prefix))).toBe(0);

    const posts = await storedPosts();
    expect(posts.map((post) => post.url).sort()).toEqual([
      "https://cncf.example/blog/2024/05/03/prometheus-3-0-beta/",
      "https://o11y-weekly.example/issues/85",
      "https://o11y-weekly.example/issues/87?ref=feed",
    ]);
    expect(posts.every((post) => post.feeds[0] === feedUrl)).toBe(true);
  });
});
