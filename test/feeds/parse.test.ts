import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { discoverFeedLinks, FeedParseError, looksLikeHtml, parseFeed } from "../../packages/core/src/feeds/parse";
import type { ParseErrorKind } from "../../packages/core/src/model/feed";

const fixture = (name: string) => readFileSync(new URL(`../fixtures/feeds/${name}`, import.meta.url), "utf8");

async function parseError(text: string, contentType?: string): Promise<FeedParseError> {
  const error = await parseFeed(text, contentType).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FeedParseError);
  return error as FeedParseError;
}

async function expectKind(text: string, kind: ParseErrorKind, contentType?: string) {
  expect((await parseError(text, contentType)).kind).toBe(kind);
}

describe("parseFeed: RSS 2.0", () => {
  it("reads a WordPress feed: content:encoded, dc:creator, CDATA, guid, ttl", async () => {
    const feed = await parseFeed(fixture("rss2-wordpress.xml"), "application/rss+xml; charset=UTF-8");
    expect(feed).toMatchObject({
      format: "rss",
      title: "Kube & Cloud Notes",
      siteUrl: "https://blog.kubenotes.example",
      ttlMinutes: 120,
    });
    expect(feed.items).toHaveLength(3);
    const [first, second, third] = feed.items;
    expect(first).toMatchObject({
      guid: "https://blog.kubenotes.example/?p=1412",
      url: "https://blog.kubenotes.example/2024/05/kubecon-eu-2024-recap/?utm_source=rss&utm_medium=rss&utm_campaign=kubecon-eu-2024-recap",
      title: "KubeCon EU 2024 recap: Paris, platform teams &#038; the <code>Gateway API</code>",
      author: "Priya Raman",
      published: "Tue, 14 May 2024 16:00:00 +0000",
    });
    expect(first?.summary).toMatch(/^<p>Twelve thousand people/);
    expect(first?.content).toContain("<h2>Platform teams grew up</h2>");
    expect(first?.content).toContain('<a href="/tag/backstage/">Backstage</a>');
    // Relative links are kept as given; normalization resolves them.
    expect(second).toMatchObject({ url: "/2024/04/ingress-to-gateway-api/", author: "Tom O'Brien" });
    expect(second?.content).toBeUndefined();
    expect(third).toMatchObject({
      guid: "https://blog.kubenotes.example/2024/04/etcd-maintainers-track/",
      author: "jo@kubenotes.example (Jo Nakamura)",
    });
    expect(third?.url).toBeUndefined();
  });

  it("repairs bare ampersands and HTML entities in an RSS 0.91 feed with a DOCTYPE", async () => {
    const feed = await parseFeed(fixture("rss091-entities.xml"));
    expect(feed.format).toBe("rss");
    expect(feed.title).toBe("Ops & Dev Digest"); // Feed titles are plain text.
    const [first, second] = feed.items;
    expect(first?.title).toBe("Q&A: Ben & Jerry's SRE team on ice-cream\u00a0scale \u2014 part 2");
    expect(first?.url).toBe("http://opsdev.example.com/story.php?id=42&page=2&utm_campaign=digest");
    expect(first?.summary).toBe("Capacity planning for the summer peak\u2026 \u00a9 2003 OpsDev. Read more \u00bb");
    expect(second?.title).toBe("AT&T outage post-mortem &amp; what we learned");
    expect(second?.url).toBe("http://opsdev.example.com/story.php?id=41&page=1");
    // An entity HTML does not define either stays visible as text rather than failing the feed.
    expect(second?.summary).toBe("Unknown entity stays visible: \u2122 &bogus; done.");
  });

  it("reads a DOCTYPE whose internal subset declares the HTML entities the feed uses", async () => {
    const feed = await parseFeed(`<?xml version="1.0"?>
<!DOCTYPE rss [
  <!ENTITY mdash "&#8212;">
  <!ENTITY rarr "&#8594;"> <!-- a comment > inside the subset -->
]>
<rss version="2.0"><channel><title>Ops &mdash; notes</title><link>https://ops.example/</link>
<item><title>Before &rarr; after &amp; &copy;</title><link>https://ops.example/a</link></item></channel></rss>`);
    expect(feed.title).toBe("Ops \u2014 notes");
    expect(feed.items[0]).toMatchObject({ title: "Before \u2192 after & \u00a9", url: "https://ops.example/a" });
  });

  it("repairs a bare < in text and survives empty elements", async () => {
    const feed = await parseFeed(
      `<rss version="2.0"><channel><title>a < b</title><item/><item><title>1 <= 2</title><link/></item></channel></rss>`,
    );
    expect(feed.title).toBe("a < b");
    expect(feed.items).toEqual([{}, { title: "1 <= 2" }]);
  });

  it("leaves ampersands inside CDATA alone", async () => {
    const feed = await parseFeed(
      `<rss version="2.0"><channel><title>t</title><item><title><![CDATA[R&D &nbsp;]]></title><link><![CDATA[https://x.example/?a=1&b=2]]></link></item></channel></rss>`,
    );
    expect(feed.items[0]).toMatchObject({ title: "R&D &nbsp;", url: "https://x.example/?a=1&b=2" });
  });

  it("accepts <rss> without a version, a BOM, leading whitespace and junk around the document", async () => {
    const text = `\ufeff\n  PHP Warning: something\n<?xml version="1.0"?>\n<rss><channel><title>No version</title><item><guid>g-1</guid><title>One</title></item></channel></rss>\n<!-- cached --><b>debug</b>`;
    const feed = await parseFeed(text);
    expect(feed.format).toBe("rss");
    expect(feed.title).toBe("No version");
    expect(feed.items).toEqual([{ guid: "g-1", title: "One" }]);
  });

  it("keeps inline (unescaped) HTML in a description in document order", async () => {
    const feed = await parseFeed(
      `<rss version="2.0"><channel><title>t</title><item><title>x</title><description><p>Before <b>bold</b> after &amp; more</p></description></item></channel></rss>`,
    );
    expect(feed.items[0]?.summary).toBe("<p>Before <b>bold</b> after &amp; more</p>");
  });

  it("uses feedburner:origLink over the proxied <link>", async () => {
    const feed = await parseFeed(
      `<rss version="2.0" xmlns:feedburner="http://rssnamespace.org/feedburner/ext/1.0"><channel><title>t</title><item><title>x</title><link>http://feedproxy.google.com/~r/blog/~3/abc/</link><feedburner:origLink>https://blog.example/real-post</feedburner:origLink></item></channel></rss>`,
    );
    expect(feed.items[0]?.url).toBe("https://blog.example/real-post");
  });

  it("empty elements become undefined, values are trimmed", async () => {
    const feed = await parseFeed(
      `<rss version="2.0"><channel><title>  </title><ttl>soon</ttl><item><title>\n  Spaced  \n</title><link></link><description/><guid isPermaLink="false">  </guid></item></channel></rss>`,
    );
    expect(feed.title).toBeUndefined();
    expect(feed.ttlMinutes).toBeUndefined();
    expect(feed.items).toEqual([{ title: "Spaced" }]);
  });
});

describe("parseFeed: RSS 1.0 (RDF)", () => {
  it("returns the items that are siblings of <channel>, identified by rdf:about", async () => {
    const feed = await parseFeed(fixture("rss1-rdf.xml"));
    expect(feed).toMatchObject({ format: "rdf", title: "Planet Cloud Native", siteUrl: "http://planet.cncf-community.example/" });
    expect(feed.items).toEqual([
      {
        guid: "http://sre.example.org/2004/02/load-shedding.html",
        url: "http://sre.example.org/2004/02/load-shedding.html",
        title: "Load shedding for the rest of us",
        summary: "Dropping work on purpose beats falling over by accident.",
        content: "<p>Dropping work <em>on purpose</em> beats falling over by accident.</p>",
        author: "Ada Okafor",
        categories: ["reliability"], // dc:subject
        published: "2004-02-17T09:15:00-05:00",
      },
      {
        guid: "http://www.example.net/weblog/archives/000123.html",
        url: "http://www.example.net/weblog/archives/000123.html#more",
        title: "Why we stopped paging on CPU",
        summary: "Symptoms, not causes.",
        author: "Lars Eriksen",
        published: "2004-02-10",
      },
    ]);
  });

  it("understands unconventional namespace prefixes", async () => {
    const feed = await parseFeed(
      `<R:RDF xmlns:R="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:DC="http://purl.org/dc/elements/1.1/"><channel R:about="http://x.example/"><title>T</title><link>http://x.example/</link></channel><item R:about="http://x.example/1"><title>One</title><DC:creator>Jane</DC:creator><DC:date>2004-01-01</DC:date></item></R:RDF>`,
    );
    expect(feed.format).toBe("rdf");
    // No <link>: rdf:about is the item's URI.
    expect(feed.items).toEqual([
      { guid: "http://x.example/1", permalink: "http://x.example/1", title: "One", author: "Jane", published: "2004-01-01" },
    ]);
  });
});

describe("parseFeed: Atom", () => {
  it("picks the alternate link, keeps xhtml content in order and inherits the feed author", async () => {
    const feed = await parseFeed(fixture("atom-xhtml.xml"));
    // rss-parser itself would report the rel="self" link here.
    expect(feed).toMatchObject({ format: "atom", title: "Meshworks Engineering", siteUrl: "https://engineering.meshworks.example/" });
    expect(feed.ttlMinutes).toBeUndefined();
    const [envoy, notes, sidecar] = feed.items;
    expect(envoy).toMatchObject({
      guid: "tag:engineering.meshworks.example,2024-03-20:/posts/envoy-missing-headers",
      url: "https://engineering.meshworks.example/posts/envoy-missing-headers/",
      title: "Envoy &amp; the case of the <em>missing</em> headers",
      summary: "<p>A 503 that only happened on Tuesdays.</p>",
      author: "Marta Kowalska",
      published: "2024-03-20T14:30:00+01:00",
      updated: "2024-03-21T10:12:00Z",
    });
    // The xhtml wrapper <div> is gone and text/element order survives.
    expect(envoy?.content).toMatch(
      /^<p>It started with a <strong>503<\/strong> that only happened on Tuesdays &amp; only in <code>eu-west-1<\/code>\.<\/p>/,
    );
    expect(envoy?.content).not.toContain("<div");
    expect(envoy?.content).toContain('<a href="https://www.envoyproxy.io/docs">header size limit</a>');

    expect(notes).toMatchObject({
      // <link> without rel is the alternate; resolved against the entry's xml:base.
      url: "https://engineering.meshworks.example/notes/stack-traces.html",
      // type="text" arrives as HTML-escaped text so the angle brackets survive htmlToText.
      title: "Using &lt;details&gt; for long stack traces",
      content: "<p>Wrap them in <code>&lt;details&gt;</code> and move on.</p>",
      author: "Meshworks Engineering Team",
      updated: "2024-02-02T08:00:00Z",
    });
    expect(notes?.published).toBeUndefined();

    expect(sidecar?.url).toBe("https://engineering.meshworks.example/posts/sidecar-less/");
    expect(sidecar?.summary).toBe("Ambient mode moves the cost, it does not remove it.");
  });

  it("reads Atom 0.3 (issued/modified, mode=xml and escaped content)", async () => {
    const feed = await parseFeed(fixture("atom03.xml"));
    expect(feed).toMatchObject({ format: "atom", title: "Old <Blogger> Blog", siteUrl: "http://oldblog.example.com/" });
    expect(feed.items).toEqual([
      {
        guid: "tag:blogger.com,1999:blog-1234.post-5678",
        url: "http://oldblog.example.com/2005/11/moving-ci.html",
        title: "Moving our CI to containers",
        content: "We finally moved <b>every</b> build into containers.",
        author: "Grace Liu",
        published: "2005-11-09T06:56:34-05:00",
        updated: "2005-11-09T11:56:34Z",
      },
    ]);
  });

  it("survives what makes rss-parser throw: a bad date, a text-only <link>", async () => {
    const feed = await parseFeed(
      `<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><entry><id>1</id><title>One</title><published>last Tuesday</published><link>https://x.example/1</link></entry></feed>`,
    );
    expect(feed.items).toEqual([{ guid: "1", title: "One", published: "last Tuesday", url: "https://x.example/1" }]);
  });

  it("reads a prefixed <atom:feed> and ignores out-of-line and binary content", async () => {
    const feed = await parseFeed(
      `<a:feed xmlns:a="http://www.w3.org/2005/Atom"><a:title type="html">A &amp;amp; B</a:title><a:link rel="self" href="https://x.example/feed"/><a:entry><a:id>e1</a:id><a:title>T</a:title><a:link href="https://x.example/1"/><a:content src="https://x.example/1.html"/><a:summary type="image/png">iVBORw0KGgo=</a:summary></a:entry></a:feed>`,
    );
    expect(feed.title).toBe("A & B");
    expect(feed.siteUrl).toBeUndefined(); // Only a rel="self" link.
    expect(feed.items).toEqual([{ guid: "e1", title: "T", url: "https://x.example/1" }]);
  });

  it("survives an empty <entry/> and an empty <feed>", async () => {
    // xml2js yields "" for <entry/>, and rss-parser then trips over "".link (String.prototype.link).
    expect((await parseFeed(`<feed xmlns="http://www.w3.org/2005/Atom"><entry/></feed>`)).items).toEqual([{}]);
    expect(await parseFeed(`<feed></feed>`)).toEqual({ format: "atom", items: [] });
  });

  it("handles an HTML <summary> nested inside Atom xhtml summary", async () => {
    const feed = await parseFeed(
      `<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>1</id><summary type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><details><summary>More</summary>Hidden</details> tail</div></summary></entry></feed>`,
    );
    expect(feed.items[0]?.summary).toBe("<details><summary>More</summary>Hidden</details> tail");
  });
});

describe("parseFeed: JSON Feed", () => {
  it("reads JSON Feed 1.1", async () => {
    const feed = await parseFeed(fixture("jsonfeed-1.1.json"), "application/feed+json");
    expect(feed).toMatchObject({ format: "json", title: "Observability Weekly", siteUrl: "https://o11y-weekly.example/" });
    expect(feed.items).toEqual([
      {
        guid: "https://o11y-weekly.example/issues/87",
        url: "https://o11y-weekly.example/issues/87?utm_source=jsonfeed&ref=feed",
        title: "Issue #87: OpenTelemetry profiling signal &lt;beta&gt;",
        summary: "Profiling becomes the fourth OpenTelemetry signal.",
        content: "<p>The <b>profiling</b> signal landed in the OTLP spec.</p>",
        author: "Kenji Watanabe", // The first author with a name.
        categories: ["opentelemetry", "profiling"], // tags, the non-strings dropped
        published: "2024-05-10T08:00:00-07:00",
        updated: "2024-05-11T09:00:00-07:00",
      },
      {
        guid: "issue-86",
        url: "https://cncf.example/blog/2024/05/03/prometheus-3-0-beta/", // external_url
        summary: "Prometheus 3.0 beta is out: native histograms, UTF-8 metric names and a new UI.",
        content: "Prometheus 3.0 beta is out: native histograms, UTF-8 metric names and a new UI.",
        author: "The O11y Weekly editors", // Inherited from the feed.
        published: "2024-05-03T08:00:00Z",
      },
      {
        url: "https://o11y-weekly.example/issues/85",
        title: "Issue #85 (id missing, url present)",
        content: "<p>Sampling strategies compared.</p>",
        author: "The O11y Weekly editors",
      },
    ]);
  });

  it("reads JSON Feed 1.0 (author object, numeric id)", async () => {
    const feed = await parseFeed(fixture("jsonfeed-1.0.json"), "application/json");
    expect(feed.format).toBe("json");
    expect(feed.title).toBe("Daniel's Devlog");
    expect(feed.items[0]).toMatchObject({
      guid: "2347259",
      title: "Building a tiny scheduler",
      author: "Daniel Ortega",
      content: "<p>Cron is fine until it isn&rsquo;t.</p>",
    });
    expect(feed.items[1]).toMatchObject({
      guid: "2347250",
      summary: "Trying out this new JSON Feed thing. It is just JSON & that is nice.",
      author: "Daniel Ortega",
    });
    expect(feed.items[1]?.title).toBeUndefined();
  });

  it("tolerates wrongly typed fields and a BOM", async () => {
    const feed = await parseFeed(
      `\ufeff{"version":"https://jsonfeed.org/version/1.1","title":42,"items":[{"id":"a","url":"https://x.example/a","title":["no"],"date_published":17}]}`,
    );
    expect(feed.title).toBeUndefined();
    expect(feed.items).toEqual([{ guid: "a", url: "https://x.example/a" }]);
  });
});

describe("parseFeed: errors", () => {
  it("reports a document cut short before any complete item as malformed", async () => {
    const error = await parseError(`<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><title>Half`);
    expect(error.kind).toBe("malformed");
    expect(error.message).toMatch(/rss/);
  });

  it("reports HTML pages and other documents as not-a-feed", async () => {
    await expectKind(fixture("page-no-feed.html"), "not-a-feed", "text/html");
    await expectKind(fixture("page-autodiscovery.html"), "not-a-feed");
    await expectKind(`<?xml version="1.0"?><opml version="2.0"><body/></opml>`, "not-a-feed");
    await expectKind("", "not-a-feed");
    await expectKind("Service Unavailable", "not-a-feed", "text/plain");
    await expectKind(`{"status":"ok"}`, "not-a-feed", "application/json");
    await expectKind(`[1, 2, 3]`, "not-a-feed");
    await expectKind(`{"oops`, "not-a-feed", "application/json");
  });

  it("reports broken XML and JSON that claim to be feeds as malformed", async () => {
    await expectKind(`<rss version=2.0><channel><title>unquoted attribute</title></channel></rss>`, "malformed");
    await expectKind(`<rss version="2.0"><channel><item><title>x</item></channel></rss>`, "malformed");
    await expectKind(`<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>x</entry></feed>`, "malformed");
    await expectKind(`<rss version="2.0"></rss>`, "malformed");
    await expectKind(`{"version":"https://jsonfeed.org/version/1.1","items":[`, "malformed");
    await expectKind(`{"title":"x",`, "malformed", "application/feed+json");
    await expectKind(`{"version":"https://jsonfeed.org/version/1","items":"none"}`, "malformed");
  });
});

describe("parseFeed: a budget on nesting", () => {
  const nested = (depth: number, inside = "x") =>
    `<rss version="2.0"><channel><title>t</title><item><title>Deep</title><link>https://blog.example.com/deep</link>` +
    `${"<x>".repeat(depth)}${inside}${"</x>".repeat(depth)}</item></channel></rss>`;

  it("refuses a document whose elements nest more than 64 deep, before parsing it, however deep it goes", async () => {
    // rss, channel and item are three levels: 61 more is the limit.
    expect((await parseFeed(nested(61))).items).toHaveLength(1);
    for (const depth of [62, 100_000]) {
      const error = await parseError(nested(depth));
      expect(error).toMatchObject({ kind: "malformed", message: "Elements are nested more than 64 deep: not a feed Recap can read" });
    }
  });

  it("keeps the complete items of a document cut short inside an item's HTML, however much of it never closes", async () => {
    const item = (n: number, html: string) =>
      `<item><title>T${n}</title><link>https://blog.example.com/${n}</link><description>${html}</description></item>`;
    const full = `<rss version="2.0"><channel><title>t</title>${item(1, "<p>one</p>")}${item(2, "<p>two</p>")}${item(3, `<p>Intro</p>${"line<br>".repeat(80)}`)}</channel></rss>`;
    const cut = full.slice(0, full.indexOf("line<br>") + 70 * 8); // inside item 3's description
    const feed = await parseFeed(cut);
    expect(feed.items.map((i) => i.title)).toEqual(["T1", "T2"]);
    expect(feed.truncated).toBe(true);
  });

  it("does not count markup inside a title, description or content, which is the post's HTML, nor closed or empty elements", async () => {
    const html = `${"<div>".repeat(500)}Deep HTML${"</div>".repeat(500)}`;
    const feed = await parseFeed(
      `<rss version="2.0"><channel><title>t</title>${"<x/><y></y>".repeat(200)}<item><title>Post</title>` +
        `<link>https://blog.example.com/p</link><description>${html}</description></item></channel></rss>`,
    );
    expect(feed.items[0]?.summary).toContain("Deep HTML");
  });
});

describe("looksLikeHtml", () => {
  it("tells pages from feeds by the document, not only the Content-Type", () => {
    expect(looksLikeHtml(fixture("page-autodiscovery.html"))).toBe(true);
    expect(looksLikeHtml(fixture("page-no-feed.html"), "text/html; charset=utf-8")).toBe(true);
    expect(
      looksLikeHtml(
        `<?xml version="1.0"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "x"><html xmlns="http://www.w3.org/1999/xhtml"></html>`,
      ),
    ).toBe(true);
    expect(looksLikeHtml(`\n<head><title>x</title></head>`)).toBe(true);
    // Feeds served as text/html are still feeds.
    expect(looksLikeHtml(fixture("rss2-wordpress.xml"), "text/html")).toBe(false);
    expect(looksLikeHtml(fixture("atom-xhtml.xml"), "text/html")).toBe(false);
    expect(looksLikeHtml(fixture("rss1-rdf.xml"))).toBe(false);
    expect(looksLikeHtml(fixture("jsonfeed-1.1.json"), "text/html")).toBe(false);
    expect(looksLikeHtml("Just text")).toBe(false);
    expect(looksLikeHtml("Just text", "text/html")).toBe(true);
  });
});

describe("discoverFeedLinks", () => {
  it("finds alternate feed links in document order, resolved against <base>, de-duplicated", () => {
    expect(discoverFeedLinks(fixture("page-autodiscovery.html"), "https://meshworks.example/about/team.html")).toEqual([
      "https://meshworks.example/blog/feed.xml",
      "https://meshworks.example/blog/atom.xml",
      "https://feeds.meshworks.example/blog.json",
      "https://meshworks.example/blog/comments/feed/?format=rss&lang=en",
    ]);
  });

  it("returns nothing for a page without feeds", () => {
    expect(discoverFeedLinks(fixture("page-no-feed.html"), "https://acme-cloud.example/pricing")).toEqual([]);
  });

  it("resolves against the page URL without <base>, and handles odd markup", () => {
    const html = `<html><head>
      <link rel=alternate type=application/rss+xml href=rss.xml>
      <link rel="alternate" type="application/rdf+xml" href="feed://legacy.example/index.rdf"/>
      <link rel="alternate" type="application/json" href="/wp-json/wp/v2/posts/12">
      <link rel="alternate" type="application/json" href="/feed.json">
      <link rel="alternate" type="application/rss+xml" href="ftp://x.example/feed">
      <link rel="alternate" type="application/atom+xml" title="a > b" href="atom.xml">
    </head>`;
    expect(discoverFeedLinks(html, "https://site.example/dir/page")).toEqual([
      "https://site.example/dir/rss.xml",
      "http://legacy.example/index.rdf",
      "https://site.example/feed.json",
      "https://site.example/dir/atom.xml",
    ]);
  });

  // How its time grows with broken markup is measured in `npm run bench` (hostile input).
  it("reads past broken markup", () => {
    const html = `<link rel="alternate" x="`.repeat(50_000) + `<link rel="alternate" type="application/rss+xml" href="/f">`;
    expect(discoverFeedLinks(html, "https://x.example/")).toEqual(["https://x.example/f"]);
    const before = `<link rel="alternate" type="application/rss+xml" href="/g">`;
    expect(discoverFeedLinks(before + html, "https://x.example/")).toEqual(["https://x.example/g", "https://x.example/f"]);
  });
});

describe("Atom relative references", () => {
  const atom = (base: string) => `<?xml version="1.0"?>
<feed xmlns="http://www.w3.org/2005/Atom"${base}><title>Relative</title><link href="/"/><id>urn:x</id><updated>2026-11-20T00:00:00Z</updated>
<entry><title>One</title><id>urn:x:1</id><link href="posts/one/"/><updated>2026-11-20T00:00:00Z</updated></entry></feed>`;

  it("resolve against the document's URL when there is no xml:base (RFC 4287 §1.2)", async () => {
    const feed = await parseFeed(atom(""), "application/atom+xml", "https://example.com/blog/atom.xml");
    expect(feed.items[0]?.url).toBe("https://example.com/blog/posts/one/");
    expect(feed.siteUrl).toBe("https://example.com/");
  });

  it("resolve a relative xml:base against the document's URL first", async () => {
    const feed = await parseFeed(atom(` xml:base="/news/"`), "application/atom+xml", "https://example.com/feeds/atom.xml");
    expect(feed.items[0]?.url).toBe("https://example.com/news/posts/one/");
  });
});

describe("RSS GUIDs as links (RSS 2.0: isPermaLink's default value is true)", () => {
  const rss = (items: string, rootAttributes = "", channelAttributes = "") =>
    `<?xml version="1.0"?><rss version="2.0"${rootAttributes}><channel${channelAttributes}><title>T</title><link>https://site.example/</link>${items}</channel></rss>`;
  const parse = (text: string) => parseFeed(text, "application/rss+xml", "https://feeds.example/blog/rss.xml");

  it('takes a GUID without isPermaLink, or with isPermaLink="true", as the link of an item that has none', async () => {
    const feed = await parse(
      rss(
        `<item><title>A</title><guid>https://site.example/a</guid></item>` +
          `<item><title>B</title><guid isPermaLink="true">/2024/05/b.html</guid></item>` +
          `<item><title>C</title><guid isPermaLink="true">2024/05/c.html#entry</guid></item>`,
      ),
    );
    expect(feed.items.map((item) => item.permalink)).toEqual(["https://site.example/a", "/2024/05/b.html", "2024/05/c.html#entry"]);
  });

  it('never takes a GUID marked isPermaLink="false", or one that is not shaped like a URL', async () => {
    const feed = await parse(
      rss(
        `<item><title>A</title><guid isPermaLink="false">https://site.example/?p=12</guid></item>` +
          `<item><title>B</title><guid>12345</guid></item>` +
          `<item><title>C</title><guid>tag:site.example,2024:post-7</guid></item>` +
          `<item><title>D</title><guid>urn:uuid:6b1c0a3e-1d1e-4d8b-9d2e-3f1a2b3c4d5e</guid></item>` +
          `<item><title>E</title><link>https://site.example/e</link><guid>https://site.example/?p=14</guid></item>`,
      ),
    );
    expect(feed.items.map((item) => item.permalink)).toEqual([undefined, undefined, undefined, undefined, undefined]);
    expect(feed.items[4]?.url).toBe("https://site.example/e"); // a link wins over any GUID
  });

  it("resolves a relative GUID and link against xml:base, the nearest declaration first", async () => {
    const feed = await parse(
      rss(
        `<item><title>A</title><guid>a.html</guid></item>` +
          `<item xml:base="/archive/2023/"><title>B</title><guid>b.html</guid><link>b-page.html</link></item>`,
        ` xml:base="https://mirror.example/posts/"`,
      ),
    );
    expect(feed.items[0]?.permalink).toBe("https://mirror.example/posts/a.html");
    expect(feed.items[1]).toMatchObject({ url: "https://mirror.example/archive/2023/b-page.html" });
  });

  it("leaves a GUID relative when no xml:base is declared: normalization resolves it against the feed", async () => {
    const feed = await parse(rss(`<item><title>A</title><guid>/2024/05/a.html</guid></item>`));
    expect(feed.items[0]?.permalink).toBe("/2024/05/a.html");
  });
});

describe("documents cut short", () => {
  it.each([
    [
      "RSS 2.0",
      `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><link>https://e.example/</link>` +
        `<item><title>A</title><link>https://e.example/a</link></item>` +
        `<item><title><![CDATA[B <i>one</i>]]></title><link>https://e.example/b</link><!-- a </item> in a comment --></item>` +
        `<item><title>C is cut in the middle`,
    ],
    [
      "RSS 1.0 (RDF)",
      `<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">` +
        `<channel rdf:about="https://e.example/"><title>T</title><link>https://e.example/</link></channel>` +
        `<item rdf:about="https://e.example/a"><title>A</title><link>https://e.example/a</link></item>` +
        `<item rdf:about="https://e.example/b"><title>B</title><link>https://e.example/b</link></item>` +
        `<item rdf:about="https://e.example/c"><title>C is cut`,
    ],
    [
      "Atom",
      `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>` +
        `<entry><id>urn:a</id><title>A</title><link href="https://e.example/a"/></entry>` +
        `<entry><id>urn:b</id><title>B</title><link href="https://e.example/b"/></entry>` +
        `<entry><id>urn:c</id><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">C is cut <b>in`,
    ],
  ])("keeps the complete items before the cut of a %s document and says it was cut", async (_format, text) => {
    const feed = await parseFeed(text);
    expect(feed.truncated).toBe(true);
    expect(feed.items.map((item) => item.url)).toEqual(["https://e.example/a", "https://e.example/b"]);
    expect(feed.title).toBe("T");
  });

  it("cuts inside a tag, an attribute or a CDATA section as well", async () => {
    const whole = fixture("rss2-wordpress.xml");
    const complete = await parseFeed(whole);
    const secondItem = whole.indexOf("<item>", whole.indexOf("</item>"));
    for (const at of [secondItem + 3, secondItem + 40, whole.indexOf("<![CDATA[", secondItem) + 12]) {
      const feed = await parseFeed(whole.slice(0, at));
      expect(feed.truncated).toBe(true);
      expect(feed.items).toEqual(complete.items.slice(0, 1));
    }
  });

  it("does not mark a whole document", async () => {
    const feed = await parseFeed(fixture("rss2-wordpress.xml"));
    expect(feed.truncated).toBeUndefined();
    expect(feed.items.length).toBeGreaterThan(1);
  });
});
