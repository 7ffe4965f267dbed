/**
 * Deterministic, realistic feed documents for the benchmarks: a cloud-native blog's RSS 2.0
 * (WordPress-style: escaped HTML description, CDATA content:encoded, dc:creator, categories) and
 * Atom 1.0 (html summary and content, several links per entry). Titles and text mix taxonomy terms
 * (Kubernetes, Argo CD, eBPF, OpenTelemetry…) with ordinary prose, as real posts do.
 */

export interface FeedOptions {
  items: number;
  /** Makes links, GUIDs and titles unique to this document (one feed per benchmark iteration). */
  prefix?: string;
  /** Newest item's date; older items follow at `spacingHours` apart. */
  newest?: Date;
  spacingHours?: number;
  /** Full-article HTML per item (content:encoded / atom:content). Default true. */
  content?: boolean;
  seed?: number;
}

/** mulberry32: small, fast, good enough for picking words. */
export function rng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SUBJECTS = [
  "Argo CD",
  "Kubernetes 1.32",
  "eBPF",
  "OpenTelemetry",
  "Backstage",
  "Crossplane",
  "Istio ambient mode",
  "Cilium",
  "Dapr",
  "WebAssembly",
  "Knative",
  "Prometheus",
  "Grafana Loki",
  "Flux",
  "KEDA",
  "Falco",
  "our internal developer platform",
  "the CI pipeline",
  "Postgres on Kubernetes",
  "a service mesh",
  "Helm charts",
  "vCluster",
  "Sigstore",
  "LLM inference",
  "Karpenter",
  "the release process",
  "Terraform",
];
const TITLE_TEMPLATES = [
  "How we scaled {s} to 10,000 pods",
  "{s}: lessons from a year in production",
  "What's new in {s}",
  "Migrating from Jenkins to {s}",
  "A practical guide to {s} & {t}",
  "Why {s} is not enough (and what we did about it)",
  "Debugging {s} with {t}",
  "KubeCon recap: {s}, {t} and the hallway track",
  "Cutting our cloud bill by 40% with {s}",
  "{s} vs. {t}: an honest comparison",
  "Quarterly engineering update",
  "Hiring: we're looking for a staff engineer",
];
const SENTENCES = [
  "We rolled this out to every cluster over six weeks, one region at a time.",
  "The first surprise was how much of the latency came from DNS lookups inside the pod.",
  "Our platform team owns the golden path; product teams own everything above it.",
  "None of this would have been possible without good observability from day one.",
  "We wrote a small controller that reconciles the desired state every thirty seconds.",
  "The migration touched 340 services, most of which needed no code changes at all.",
  "On-call load dropped noticeably once alerts were tied to SLOs instead of raw CPU.",
  "Security reviews now happen in the pull request, not two weeks before launch.",
  "The numbers below come from our staging environment, which mirrors production traffic.",
  "If you are starting out, begin with the defaults and measure before tuning anything.",
  "We also evaluated two commercial offerings before settling on the open source route.",
  "Developer experience was the deciding factor: fewer YAML files, fewer surprises.",
];
const AUTHORS = ["Ada Lovelace", "Grace Hopper", "Linus Torvalds", "Kelsey H.", "Margaret Hamilton", "Jane O'Neil"];
const CATEGORIES = ["Engineering", "Kubernetes", "Platform", "Observability", "Security", "Culture"];

const escapeXml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

interface GeneratedItem {
  title: string;
  link: string;
  guid: string;
  author: string;
  category: string;
  date: Date;
  summaryHtml: string;
  contentHtml: string;
}

function generateItems(options: FeedOptions): GeneratedItem[] {
  const random = rng(options.seed ?? 42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const prefix = options.prefix ?? "post";
  const newest = (options.newest ?? new Date("2026-11-20T08:00:00Z")).getTime();
  const spacing = (options.spacingHours ?? 9) * 3_600_000;
  const paragraph = (sentences: number) =>
    Array.from({ length: sentences }, () => pick(SENTENCES))
      .join(" ")
      .replace("platform team", "<em>platform team</em>");

  return Array.from({ length: options.items }, (_, index) => {
    const s = pick(SUBJECTS);
    const t = pick(SUBJECTS);
    const title = `${pick(TITLE_TEMPLATES).replace("{s}", s).replace("{t}", t)} (#${index + 1})`;
    const slug = `${prefix}-${index + 1}-${s.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
    const link = `https://blog.example.com/2026/11/${slug}/`;
    const summaryHtml =
      `<p>${paragraph(2)} This post covers <a href="${link}#setup">${s}</a> and <code>kubectl</code> tips&hellip;</p>` +
      `<p>${paragraph(2)} &mdash; written with help from the ${escapeXml(t)} community&nbsp;maintainers.</p>`;
    const contentHtml = [
      `<figure><img src="https://blog.example.com/wp-content/uploads/2026/11/${slug}.png" alt="${escapeXml(s)} diagram" width="800" height="400"></figure>`,
      ...Array.from({ length: 6 }, (__, p) =>
        p === 3
          ? `<pre><code class="language-yaml">apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${slug}\nspec:\n  replicas: 3</code></pre>`
          : `<h2>Part ${p + 1}</h2><p>${paragraph(3)}</p><ul><li>${pick(SENTENCES)}</li><li>${pick(SENTENCES)}</li></ul>`,
      ),
      `<p>The post <a href="${link}">${escapeXml(title)}</a> appeared first on <a href="https://blog.example.com">Example Engineering</a>.</p>`,
    ].join("\n");
    return {
      title,
      link,
      guid: `https://blog.example.com/?p=${prefix}-${index + 1}`,
      author: pick(AUTHORS),
      category: pick(CATEGORIES),
      date: new Date(newest - index * spacing),
      summaryHtml,
      contentHtml,
    };
  });
}

/** RSS 2.0 as WordPress serves it. */
export function rssDocument(options: FeedOptions): string {
  const withContent = options.content ?? true;
  const items = generateItems(options).map((item) =>
    [
      "    <item>",
      `      <title>${escapeXml(item.title)}</title>`,
      `      <link>${item.link}</link>`,
      `      <comments>${item.link}#respond</comments>`,
      `      <dc:creator><![CDATA[${item.author}]]></dc:creator>`,
      `      <pubDate>${item.date.toUTCString().replace("GMT", "+0000")}</pubDate>`,
      `      <category><![CDATA[${item.category}]]></category>`,
      `      <guid isPermaLink="false">${item.guid}</guid>`,
      `      <description>${escapeXml(item.summaryHtml)}</description>`,
      withContent ? `      <content:encoded><![CDATA[${item.contentHtml}]]></content:encoded>` : "",
      `      <slash:comments>${item.title.length % 7}</slash:comments>`,
      "    </item>",
    ]
      .filter(Boolean)
      .join("\n"),
  );
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wfw="http://wellformedweb.org/CommentAPI/"`,
    `  xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom"`,
    `  xmlns:sy="http://purl.org/rss/1.0/modules/syndication/" xmlns:slash="http://purl.org/rss/1.0/modules/slash/">`,
    "  <channel>",
    "    <title>Example Engineering</title>",
    `    <atom:link href="https://blog.example.com/feed/" rel="self" type="application/rss+xml" />`,
    "    <link>https://blog.example.com</link>",
    "    <description>Notes from the platform team</description>",
    "    <lastBuildDate>Fri, 20 Nov 2026 08:00:00 +0000</lastBuildDate>",
    "    <language>en-US</language>",
    "    <sy:updatePeriod>hourly</sy:updatePeriod>",
    "    <generator>https://wordpress.org/?v=6.7</generator>",
    ...items,
    "  </channel>",
    "</rss>",
    "",
  ].join("\n");
}

/** Atom 1.0 as static-site generators (Hugo, Jekyll) serve it. */
export function atomDocument(options: FeedOptions): string {
  const withContent = options.content ?? true;
  const entries = generateItems(options).map((item) =>
    [
      "  <entry>",
      `    <title type="html">${escapeXml(item.title)}</title>`,
      `    <link href="${item.link}" rel="alternate" type="text/html" title="${escapeXml(item.title)}" />`,
      `    <link href="${item.link}#comments" rel="replies" type="text/html" />`,
      `    <id>tag:blog.example.com,2026:${item.guid.slice(item.guid.indexOf("=") + 1)}</id>`,
      `    <published>${item.date.toISOString()}</published>`,
      `    <updated>${item.date.toISOString()}</updated>`,
      `    <author><name>${escapeXml(item.author)}</name></author>`,
      `    <category term="${item.category}" />`,
      `    <summary type="html">${escapeXml(item.summaryHtml)}</summary>`,
      withContent ? `    <content type="html" xml:base="${item.link}">${escapeXml(item.contentHtml)}</content>` : "",
      "  </entry>",
    ]
      .filter(Boolean)
      .join("\n"),
  );
  return [
    `<?xml version="1.0" encoding="utf-8"?>`,
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">`,
    `  <title type="html">Example Engineering</title>`,
    `  <link href="https://blog.example.com/feed.xml" rel="self" type="application/atom+xml" />`,
    `  <link href="https://blog.example.com/" rel="alternate" type="text/html" />`,
    "  <updated>2026-11-20T08:00:00Z</updated>",
    "  <id>https://blog.example.com/feed.xml</id>",
    "  <subtitle>Notes from the platform team</subtitle>",
    "  <author><name>Example Engineering</name></author>",
    ...entries,
    "</feed>",
    "",
  ].join("\n");
}
