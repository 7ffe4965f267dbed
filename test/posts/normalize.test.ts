import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseFeed } from "../../packages/core/src/feeds/parse";
import type { RawItem } from "../../packages/core/src/model/feed";
import { canonicalizeUrl, htmlToText, normalizeItems, parseFeedDate } from "../../packages/core/src/posts";
import { stableId } from "../../packages/core/src/shared/hash";

const fixture = (name: string) => readFileSync(new URL(`../fixtures/feeds/${name}`, import.meta.url), "utf8");
const now = new Date("2024-06-01T12:00:00Z");
const feedUrl = "https://feeds.example.net/blog.xml";

async function normalizeFixture(name: string, url = feedUrl) {
  const feed = await parseFeed(fixture(name));
  return normalizeItems(feed.items, { feedUrl: url, siteUrl: feed.siteUrl, now });
}

describe("canonicalizeUrl", () => {
  it.each([
    ["HTTP://Blog.Example.COM:80/Posts/Hello-World/#comments", "http://blog.example.com/Posts/Hello-World/"],
    ["https://example.com:443/a?utm_source=rss&utm_medium=feed&id=7", "https://example.com/a?id=7"],
    ["https://example.com/a?b=2&fbclid=IwAR0x&a=1&gclid=xyz&UTM_Campaign=Spring", "https://example.com/a?b=2&a=1"],
    ["https://example.com/a?mc_cid=1&mc_eid=2&_hsenc=3&_hsmi=4&igshid=5&yclid=6&msclkid=7&dclid=8&ref_src=twsrc", "https://example.com/a"],
    ["https://example.com/a?", "https://example.com/a"],
    ["https://example.com/a?&&q=x%20y&&", "https://example.com/a?q=x%20y"],
    ["https://example.com/search?q=a/b&sort=new", "https://example.com/search?q=a/b&sort=new"],
    ["https://www.example.com/post/", "https://www.example.com/post/"],
    ["https://example.com/post", "https://example.com/post"],
    ["https://medium.com/@dev/scaling-abc123?source=rss----a1b2c3---4", "https://medium.com/@dev/scaling-abc123"],
    ["https://example.com/docs?source=github", "https://example.com/docs?source=github"],
    ["  https://example.com:8080/x  ", "https://example.com:8080/x"],
  ])("%s → %s", (input, expected) => {
    expect(canonicalizeUrl(input)).toBe(expected);
  });

  it("resolves relative URLs against the base", () => {
    expect(canonicalizeUrl("/2024/04/post/?utm_source=rss", "https://blog.example.com/feed/")).toBe(
      "https://blog.example.com/2024/04/post/",
    );
    expect(canonicalizeUrl("post.html", "https://blog.example.com/notes/index.xml")).toBe("https://blog.example.com/notes/post.html");
    expect(canonicalizeUrl("//cdn.example.com/x", "https://blog.example.com/")).toBe("https://cdn.example.com/x");
    expect(canonicalizeUrl("https://other.example/x", "not a url")).toBe("https://other.example/x");
  });

  it("rejects what is not an http(s) URL", () => {
    expect(canonicalizeUrl("")).toBeUndefined();
    expect(canonicalizeUrl("   ")).toBeUndefined();
    expect(canonicalizeUrl("/relative/without/base")).toBeUndefined();
    expect(canonicalizeUrl("javascript:alert(1)", "https://x.example/")).toBeUndefined();
    expect(canonicalizeUrl("mailto:someone@example.com")).toBeUndefined();
    expect(canonicalizeUrl("ftp://files.example.com/a")).toBeUndefined();
    expect(canonicalizeUrl("tag:example.com,2024:1")).toBeUndefined();
  });
});

describe("htmlToText", () => {
  it.each([
    ["<p>Hello&nbsp;<b>wor</b>ld</p><p>Next</p>", "Hello world Next"],
    ["line<br>break<br/>and<hr>rule", "line break and rule"],
    ["<script>var a = '<p>x</p>';</script>kept<style>p{color:red}</style> text", "kept text"],
    ["<noscript><img src=x></noscript>after<!-- a comment with <b>tags</b> -->end", "afterend"],
    ["<![CDATA[inside cdata]]>", "inside cdata"],
    ["Tom &amp;amp; Jerry", "Tom &amp; Jerry"],
    ["&lt;script&gt;alert(1)&lt;/script&gt;", "<script>alert(1)</script>"],
    ["&#8220;quoted&#8221; &#x2014; &hellip; &rsquo;", "\u201cquoted\u201d \u2014 \u2026 \u2019"],
    ["a < b and c > d", "a < b and c > d"],
    ["1 <3 you", "1 <3 you"],
    ['<a href="x" title="a > b">link</a> text', "link text"],
    ["  \n\t spaced \n\n out \t ", "spaced out"],
    ["unclosed <b tag and more", "unclosed <b tag and more"],
    ["<ul><li>one</li><li>two</li></ul>", "one two"],
    ["<table><tr><td>a</td><td>b</td></tr></table>", "a b"],
    ["", ""],
  ])("%j → %j", (input, expected) => {
    expect(htmlToText(input)).toBe(expected);
  });

  // How its time grows with the input is measured in `npm run bench` (section 1), not here.
  it("reads large and hostile inputs to the end", () => {
    expect(htmlToText("<p>Some <b>bold</b> text.</p>".repeat(25_000)).length).toBe(25_000 * 16 - 1);
    expect(htmlToText("<p>Some <b>bold</b> text &amp; an entity.</p>".repeat(25_000))).toMatch(/^Some bold text & an entity\. Some/);
    // A tag that never closes is kept as the text it is; an unclosed script hides what follows it.
    expect(htmlToText("<a".repeat(500_000))).toBe("<a".repeat(500_000));
    expect(htmlToText(`before${'<a href="'.repeat(100_000)}`)).toBe(`before${'<a href="'.repeat(100_000)}`);
    expect(htmlToText(`shown${"<script>".repeat(100_000)}hidden`)).toBe("shown");
    expect(htmlToText("&".repeat(1_000_000))).toBe("&".repeat(1_000_000));
  });
});

describe("parseFeedDate", () => {
  it.each([
    ["Tue, 14 May 2024 16:00:00 +0000", "2024-05-14T16:00:00.000Z"],
    ["Wed, 24 Apr 2024 09:30:00 EST", "2024-04-24T14:30:00.000Z"],
    ["Wed, 24 Apr 2024 09:30:00 PDT", "2024-04-24T16:30:00.000Z"],
    ["Mon, 08 Apr 2024 18:45:00 GMT", "2024-04-08T18:45:00.000Z"],
    ["8 Apr 2024 18:45 CEST", "2024-04-08T16:45:00.000Z"],
    ["Sun, 19 May 02 15:21:36 +0530", "2002-05-19T09:51:36.000Z"],
    ["Mon, 1 July 2024 10:00:00 -0000", "2024-07-01T10:00:00.000Z"],
    ["Tue, 10 Jun 2003 04:00:00 +0000 (UTC)", "2003-06-10T04:00:00.000Z"],
    ["Tue, 10 Jun 2003 04:00:00", "2003-06-10T04:00:00.000Z"],
    ["2003-12-13T18:30:02Z", "2003-12-13T18:30:02.000Z"],
    ["2003-12-13T18:30:02.25+01:00", "2003-12-13T17:30:02.250Z"],
    ["2024-01-05 10:00:00", "2024-01-05T10:00:00.000Z"],
    ["2004-02-10", "2004-02-10T00:00:00.000Z"],
    ["Fri Jan 05 2024 10:00:00 GMT+0000 (Coordinated Universal Time)", "2024-01-05T10:00:00.000Z"],
  ])("%s → %s", (input, expected) => {
    expect(parseFeedDate(input)?.toISOString()).toBe(expected);
  });

  it.each([
    "",
    "   ",
    "soon",
    "31 Feb 2024",
    "2024-13-01",
    "0001-01-01T00:00:00Z",
    "1970-01-01T00:00:00Z",
    "Tue, 10 Jun 2003 25:00:00 GMT",
  ])("%j is not a usable date", (input) => {
    expect(parseFeedDate(input)).toBeUndefined();
  });
});

describe("normalizeItems", () => {
  it("normalizes a WordPress RSS feed", async () => {
    const items = await normalizeFixture("rss2-wordpress.xml");
    expect(items).toHaveLength(3);
    const [recap, gateway, etcd] = items;
    const recapUrl = "https://blog.kubenotes.example/2024/05/kubecon-eu-2024-recap/";
    expect(recap).toMatchObject({
      itemKey: "https://blog.kubenotes.example/?p=1412",
      postId: stableId(recapUrl),
      url: recapUrl, // utm_* gone
      title: "KubeCon EU 2024 recap: Paris, platform teams & the Gateway API",
      author: "Priya Raman",
      publishedAt: "2024-05-14T16:00:00.000Z",
    });
    expect(recap?.summary).toMatch(
      /^Twelve thousand people, three days and one very long queue for coffee\. Here is what we learned at KubeCon EU in Paris …/,
    );
    expect(recap?.content).toContain("<h2>Platform teams grew up</h2>");
    expect(gateway).toMatchObject({
      // Relative link resolved against the channel <link>.
      url: "https://blog.kubenotes.example/2024/04/ingress-to-gateway-api/",
      publishedAt: "2024-04-24T14:30:00.000Z", // 09:30 EST
    });
    expect(gateway?.content).toBeUndefined();
    expect(etcd).toMatchObject({
      // No <link>: the permalink GUID is the URL.
      url: "https://blog.kubenotes.example/2024/04/etcd-maintainers-track/",
      postId: stableId("https://blog.kubenotes.example/2024/04/etcd-maintainers-track/"),
      author: "Jo Nakamura",
      title: "Notes from the etcd maintainers' track",
    });
  });

  it("gives the same post id to the same article in different feeds", async () => {
    const a = normalizeItems([{ guid: "a-1", url: "https://x.example/p?utm_source=a" }], { feedUrl: "https://a.example/feed", now });
    const b = normalizeItems([{ guid: "b-9", url: "https://X.example/p#top" }], { feedUrl: "https://b.example/feed", now });
    expect(a[0]?.postId).toBe(b[0]?.postId);
    expect(a[0]?.itemKey).toBe("a-1");
  });

  it("never merges distinct items of one feed that point into one page", () => {
    const items = normalizeItems(
      [
        { guid: "e1", url: "https://log.example/2024/05/02.html#a0930", title: "Morning" },
        { guid: "e2", url: "https://log.example/2024/05/02.html#a1415", title: "Afternoon" },
        { url: "https://log.example/2024/05/03.html#a0815", title: "No GUID, own anchor" },
        { url: "https://log.example/2024/05/03.html#a1100", title: "No GUID, other anchor" },
        { guid: "c1", url: "https://log.example/changelog", title: "Changelog entry one" },
        { guid: "c2", url: "https://log.example/changelog", title: "Changelog entry two" },
      ],
      { feedUrl, now },
    );
    expect(items.map((item) => item.url)).toEqual([
      "https://log.example/2024/05/02.html#a0930",
      "https://log.example/2024/05/02.html#a1415",
      "https://log.example/2024/05/03.html#a0815",
      "https://log.example/2024/05/03.html#a1100",
      "https://log.example/changelog",
      "https://log.example/changelog",
    ]);
    // An anchor of its own still matches the same entry in another feed; a page that several
    // entries share without anchors identifies none of them, so their ids are the feed's own.
    expect(items.map((item) => item.postId)).toEqual([
      stableId("https://log.example/2024/05/02.html#a0930"),
      stableId("https://log.example/2024/05/02.html#a1415"),
      stableId("https://log.example/2024/05/03.html#a0815"),
      stableId("https://log.example/2024/05/03.html#a1100"),
      stableId(`${feedUrl}\nc1`),
      stableId(`${feedUrl}\nc2`),
    ]);
    expect(new Set(items.map((item) => item.itemKey)).size).toBe(6);
  });

  it("drops a fragment that tells nothing apart", () => {
    const items = normalizeItems(
      [
        { guid: "p1", url: "https://blog.example/2024/05/post.html#more", title: "One post" },
        { guid: "p2", url: "https://blog.example/2024/05/other.html", title: "Another" },
      ],
      { feedUrl, now },
    );
    expect(items[0]).toMatchObject({
      url: "https://blog.example/2024/05/post.html",
      postId: stableId("https://blog.example/2024/05/post.html"),
    });
  });

  it("resolves a relative permalink GUID against the feed's own URL", () => {
    const [item] = normalizeItems([{ guid: "/2024/05/a.html", permalink: "/2024/05/a.html", title: "A" }], {
      feedUrl,
      siteUrl: "https://elsewhere.example/",
      now,
    });
    expect(item?.url).toBe("https://feeds.example.net/2024/05/a.html");
  });

  it("keys repeated GUIDs by GUID and URL, and keeps the first of true duplicates", async () => {
    const items = await normalizeFixture("rss-repeated-guids.xml");
    expect(items.map((item) => item.itemKey)).toEqual([
      "release-notes\nhttps://releases.platformco.example/v2-4-0",
      "release-notes\nhttps://releases.platformco.example/v2-3-1",
      "status-moved\nhttps://releases.platformco.example/status-moved",
      "status-moved\nhttps://releases.platformco.example/status-moved-again",
    ]);
    expect(items[1]?.title).toBe("v2.3.1: fix for the node drain regression");
    expect(new Set(items.map((item) => item.postId)).size).toBe(4);
  });

  it("normalizes RSS 1.0, Atom and JSON Feed", async () => {
    const rdf = await normalizeFixture("rss1-rdf.xml");
    expect(rdf[1]).toMatchObject({
      itemKey: "http://www.example.net/weblog/archives/000123.html",
      url: "http://www.example.net/weblog/archives/000123.html", // fragment dropped
      publishedAt: "2004-02-10T00:00:00.000Z",
    });
    expect(rdf[0]?.publishedAt).toBe("2004-02-17T14:15:00.000Z");

    const atom = await normalizeFixture("atom-xhtml.xml");
    expect(atom[0]).toMatchObject({
      title: "Envoy & the case of the missing headers",
      summary: "A 503 that only happened on Tuesdays.",
      publishedAt: "2024-03-20T13:30:00.000Z",
    });
    expect(atom[1]).toMatchObject({
      title: "Using <details> for long stack traces",
      summary: "Wrap them in <details> and move on.", // From the content: no summary given.
      publishedAt: "2024-02-02T08:00:00.000Z", // Only <updated>.
    });

    const json = await normalizeFixture("jsonfeed-1.1.json");
    expect(json.map((item) => [item.itemKey, item.url, item.title])).toEqual([
      [
        "https://o11y-weekly.example/issues/87",
        "https://o11y-weekly.example/issues/87?ref=feed",
        "Issue #87: OpenTelemetry profiling signal <beta>",
      ],
      [
        "issue-86",
        "https://cncf.example/blog/2024/05/03/prometheus-3-0-beta/",
        // No title: the summary's first words.
        "Prometheus 3.0 beta is out: native histograms, UTF-8 metric names and a new UI.",
      ],
      ["https://o11y-weekly.example/issues/85", "https://o11y-weekly.example/issues/85", "Issue #85 (id missing, url present)"],
    ]);
  });

  it("decodes entities in titles of a sloppy RSS 0.91 feed", async () => {
    const items = await normalizeFixture("rss091-entities.xml");
    expect(items.map((item) => item.title)).toEqual([
      "Q&A: Ben & Jerry's SRE team on ice-cream scale — part 2",
      "AT&T outage post-mortem & what we learned",
    ]);
    expect(items[0]?.url).toBe("http://opsdev.example.com/story.php?id=42&page=2");
    expect(items[0]?.itemKey).toBe("http://opsdev.example.com/story.php?id=42&page=2"); // No GUID: the URL.
  });

  it("dates: clamps the future, falls back to updated, drops garbage", () => {
    const items = normalizeItems(
      [
        { guid: "future", title: "From the future", published: "2030-01-01T00:00:00Z" },
        { guid: "updated", title: "Only updated", published: "not a date", updated: "2024-05-01T10:00:00+02:00" },
        { guid: "garbage", title: "No usable date", published: "yesterday" },
      ],
      { feedUrl, now },
    );
    expect(items.map((item) => item.publishedAt)).toEqual([now.toISOString(), "2024-05-01T08:00:00.000Z", undefined]);
  });

  it("identifies items without GUID or link by title and date, and skips items with nothing", () => {
    const raw: RawItem[] = [
      { title: "Maintenance window", published: "Mon, 03 Jun 2024 08:00:00 GMT", summary: "Tonight." },
      { title: "Maintenance window", published: "Mon, 03 Jun 2024 08:00:00 GMT", summary: "Duplicate." },
      { title: "Maintenance window", published: "Tue, 04 Jun 2024 08:00:00 GMT" },
      {},
      { summary: "   ", content: "" },
    ];
    const items = normalizeItems(raw, { feedUrl, siteUrl: "https://status.example/", now });
    expect(items.map((item) => item.itemKey)).toEqual([
      "Maintenance window\nMon, 03 Jun 2024 08:00:00 GMT",
      "Maintenance window\nTue, 04 Jun 2024 08:00:00 GMT",
    ]);
    expect(items[0]).toMatchObject({
      url: "https://status.example/", // Nothing better: the site.
      postId: stableId(`${feedUrl}\nMaintenance window\nMon, 03 Jun 2024 08:00:00 GMT`),
      summary: "Tonight.",
    });
  });

  it("does not treat a home-page link as the post's identity", () => {
    const items = normalizeItems(
      [
        { guid: "post-1", url: "https://site.example/", title: "One" },
        { guid: "post-2", url: "https://site.example", title: "Two" },
      ],
      { feedUrl, siteUrl: "https://site.example/", now },
    );
    expect(items.map((item) => item.url)).toEqual(["https://site.example/", "https://site.example/"]);
    expect(items.map((item) => item.postId)).toEqual([stableId(`${feedUrl}\npost-1`), stableId(`${feedUrl}\npost-2`)]);
  });

  it("uses a non-URL GUID for identity but not as the URL", () => {
    const [item] = normalizeItems([{ guid: "urn:uuid:1234", title: "No link" }], {
      feedUrl,
      siteUrl: "/",
      now,
    });
    expect(item).toMatchObject({
      itemKey: "urn:uuid:1234",
      url: "https://feeds.example.net/", // Relative siteUrl resolved against the feed.
      postId: stableId(`${feedUrl}\nurn:uuid:1234`),
    });
  });

  it("titles fall back to the summary, then (untitled); summaries are plain and ≤ 500", () => {
    const long = `<p>${"Platform engineering is a discipline. ".repeat(40)}</p>`;
    const items = normalizeItems(
      [
        { guid: "1", summary: long },
        { guid: "2", title: "<![CDATA[]]>" },
        { guid: "3", title: "Full text only", content: `<div>${"word ".repeat(200)}</div>` },
      ],
      { feedUrl, now },
    );
    const sentence = "Platform engineering is a discipline. ";
    expect(items[0]?.title).toBe(`${sentence.repeat(2).trimEnd()}…`); // ≤ 80, cut at a word
    // 13 sentences fit in 499 characters; the cut lands on the space after the 13th.
    expect(items[0]?.summary).toBe(`${sentence.repeat(13).trimEnd()}…`);
    expect(items[1]).toMatchObject({ title: "(untitled)", summary: "" });
    expect(items[2]?.summary).toMatch(/^word word .*…$/);
    expect(items[2]?.content).toBe(`<div>${"word ".repeat(200)}</div>`);
  });

  it("cleans authors", () => {
    const authors = normalizeItems(
      [
        { guid: "1", author: "  noreply@blogger.com (Ana Souza)  " },
        { guid: "2", author: "Ben Carter <ben@example.com>" },
        { guid: "3", author: "<b>Chi</b> &amp; Dee" },
        { guid: "4", author: "   " },
      ],
      { feedUrl, now },
    ).map((item) => item.author);
    expect(authors).toEqual(["Ana Souza", "Ben Carter", "Chi & Dee", undefined]);
  });
});

describe("a private feed's credentials", () => {
  it("never reach a post's link, whether resolved against the feed's URL or written into the item", () => {
    const [relative, absolute, bare] = normalizeItems(
      [
        { guid: "1", url: "/p/1", title: "Relative" },
        { guid: "2", url: "https://bob:hunter2@private.example.com/p/2", title: "Absolute" },
        { guid: "3", title: "No link" },
      ],
      { feedUrl: "https://alice:s3cret@private.example.com/feed.xml", now: new Date("2026-12-03T00:00:00Z") },
    );
    expect(relative?.url).toBe("https://private.example.com/p/1");
    expect(absolute?.url).toBe("https://private.example.com/p/2");
    expect(bare?.url).toBe("https://private.example.com/feed.xml");
    expect(JSON.stringify([relative, absolute, bare])).not.toMatch(/s3cret|hunter2|alice@|bob@/);
  });
});
