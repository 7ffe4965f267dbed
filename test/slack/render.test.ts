import type { KnownBlock } from "@slack/types";
import { describe, expect, it } from "vitest";
import type { FeedHealth, Outcome, PageRef } from "../../packages/core/src/commands/types";
import type { Post } from "../../packages/core/src/posts/types";
import { escapeMrkdwn, escapeTruncated, linkTarget, oneLine, slackLink, truncate } from "../../packages/core/src/slack/escape";
import { SLACK_LIMITS, checkLimits, totalTextLength } from "../../packages/core/src/slack/limits";
import { helpText } from "../../packages/core/src/commands/help";
import { ACTION_MORE, ACTION_SHARE, renderOutcome, renderPausedNotice, type RenderedMessage } from "../../packages/core/src/slack/render";

// ---------------------------------------------------------------------------------------------------------
// Helpers

const HOSTILE = [
  "<!channel>",
  "<!here>",
  "<!everyone>",
  "<@U123>",
  "<#C123>",
  "<!subteam^S123>",
  "&amp;",
  "<https://evil.example|click>",
  "*bold*",
];

/** Every text object's text in the message, plus the fallback. */
function texts(message: RenderedMessage): string[] {
  const out = [message.text];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (typeof value === "object" && value !== null) {
      const record = value as Record<string, unknown>;
      if ((record.type === "mrkdwn" || record.type === "plain_text") && typeof record.text === "string") out.push(record.text);
      else Object.values(record).forEach(visit);
    }
  };
  visit(message.blocks);
  return out;
}

/** Our own link syntax: `<http(s)://…|label>` with nothing in the URL that could end it early. */
const OUR_LINK = /<https?:\/\/[^\s|<>]+\|[^<>\n]*>/g;

function assertWithinSlackLimits(message: RenderedMessage): void {
  expect(checkLimits(message)).toEqual([]);
  expect(message.text.trim()).not.toBe("");
  expect(message.text.length).toBeLessThanOrEqual(SLACK_LIMITS.fallbackText);
  expect(message.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
  expect(totalTextLength(message)).toBeLessThanOrEqual(SLACK_LIMITS.totalText);
  expect(Object.keys(message).sort()).toEqual(["blocks", "text"]); // No link_names, no parse.
}

/** No mention, channel or special command can survive, and every `<`/`>` left is one of our links. */
function assertInert(message: RenderedMessage): void {
  const json = JSON.stringify(message);
  expect(json).not.toContain("<!");
  expect(json).not.toContain("<@");
  expect(json).not.toContain("<#");
  for (const text of texts(message)) expect(text.replace(OUR_LINK, "")).not.toMatch(/[<>]/);
  for (const block of message.blocks) {
    for (const element of "elements" in block && Array.isArray(block.elements) ? block.elements : []) {
      if (element.type === "mrkdwn") expect(element.verbatim).toBe(true);
    }
    if (block.type === "section" && block.text?.type === "mrkdwn") expect(block.text.verbatim).toBe(true);
  }
}

function buttons(message: RenderedMessage): { action_id?: string; value?: string; text: { text: string } }[] {
  return message.blocks.flatMap((block) =>
    block.type === "actions" ? (block.elements as { action_id?: string; value?: string; text: { text: string } }[]) : [],
  );
}

function sectionTexts(message: RenderedMessage): string[] {
  return message.blocks.flatMap((block) => (block.type === "section" && block.text ? [block.text.text] : []));
}

/** Deterministic pseudo-random numbers (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = [
  "kubernetes",
  "GitOps",
  "&",
  "<!channel>",
  "argo",
  "rollouts",
  "eBPF",
  "<b>",
  "cilium",
  "🚀",
  "naïve",
  "&amp;",
  "policy",
  "mesh",
  "a>b",
  "👩‍💻",
];

function words(next: () => number, length: number): string {
  let out = "";
  while (out.length < length) out += `${WORDS[Math.floor(next() * WORDS.length)]} `;
  return out.slice(0, length);
}

/** `count` posts with long, hostile titles and summaries. */
function generatePosts(count: number, options: { summaryLength?: number; urlLength?: number } = {}): Post[] {
  const next = random(42);
  return Array.from({ length: count }, (_, i) => {
    const path = `/blog/${i}/${"segment-".repeat(Math.ceil((options.urlLength ?? 80) / 8))}`.slice(0, options.urlLength ?? 80);
    return {
      id: `post-${i}`,
      kind: "article",
      url: `https://blog${i % 7}.example.com${path}?utm_source=x&utm_medium=y|z`,
      title: words(next, 200 + Math.floor(next() * 400)),
      summary: words(next, options.summaryLength ?? 500),
      author: i % 3 === 0 ? undefined : `Author <@U${i}> & co`,
      publishedAt: new Date(Date.UTC(2024, 0, 1) + i * 3_600_000).toISOString(),
      firstSeenAt: new Date(Date.UTC(2024, 0, 1) + i * 3_600_000).toISOString(),
      topics: ["gitops", "kubernetes", "observability", "security"].slice(0, 1 + (i % 4)),
      feeds: [`https://blog${i % 7}.example.com/feed.xml`, ...(i % 5 === 0 ? ["https://planet.example.org/rss"] : [])],
      fresh: true,
    } satisfies Post;
  });
}

function post(overrides: Partial<Post> = {}): Post {
  return {
    id: "p1",
    kind: "article",
    url: "https://example.com/post",
    title: "A post",
    summary: "What it says.",
    publishedAt: "2024-05-06T23:30:00-02:00",
    firstSeenAt: "2024-05-07T01:30:00Z",
    topics: ["gitops"],
    feeds: ["https://www.example.com/feed.xml"],
    fresh: true,
    ...overrides,
  };
}

function postsOutcome(posts: Post[], extra: { page?: number; more?: PageRef; heading?: string } = {}): Outcome {
  const page = extra.page ?? 1;
  return {
    kind: "posts",
    heading: extra.heading ?? "GitOps",
    posts,
    page,
    current: { text: "gitops", page },
    emptyText: "No GitOps posts yet.",
    ...(extra.more ? { more: extra.more } : {}),
  };
}

/** Post sections: those with a title line (bold) followed by a context block. */
function renderedPostCount(message: RenderedMessage): number {
  return message.blocks.filter((block, i) => block.type === "section" && message.blocks[i + 1]?.type === "context" && i > 0).length;
}

// ---------------------------------------------------------------------------------------------------------
// escape.ts

describe("escapeMrkdwn", () => {
  it("escapes exactly Slack's three control characters, & first", () => {
    expect(escapeMrkdwn("a & b < c > d")).toBe("a &amp; b &lt; c &gt; d");
    expect(escapeMrkdwn("&amp;")).toBe("&amp;amp;");
    expect(escapeMrkdwn("<!channel> <@U123> <#C123>")).toBe("&lt;!channel&gt; &lt;@U123&gt; &lt;#C123&gt;");
    expect(escapeMrkdwn("*bold* _it_ ~s~ `c` :smile: \"q\" 'a'")).toBe("*bold* _it_ ~s~ `c` :smile: \"q\" 'a'");
  });
});

describe("slackLink", () => {
  it("links http(s) URLs with an escaped, one-line label", () => {
    expect(slackLink("https://example.com/a", "A <b> & c")).toBe("<https://example.com/a|A &lt;b&gt; &amp; c>");
    expect(slackLink("http://example.com", "line one\n\n  line\ttwo\u2028three")).toBe("<http://example.com|line one line two three>");
    expect(slackLink("HTTPS://Example.com/x", "x")).toBe("<HTTPS://Example.com/x|x>");
  });

  it("percent-encodes what could end the URL early", () => {
    expect(slackLink("https://example.com/a|b>c<d e?q=1&r=2", "t")).toBe("<https://example.com/a%7Cb%3Ec%3Cd%20e?q=1&r=2|t>");
    expect(linkTarget("https://example.com/\n<!channel>")).toBe("https://example.com/%0A%3C!channel%3E");
    expect(linkTarget("https://example.com/\u202Egnp.exe")).toBe("https://example.com/%E2%80%AEgnp.exe");
  });

  it("never links anything but absolute http(s) URLs", () => {
    for (const url of [
      "javascript:alert(1)",
      "JavaScript:alert(1)",
      " javascript:alert(1)",
      "data:text/html,<b>",
      "//evil.example/x",
      "/relative",
      "mailto:a@b.c",
      "https://",
      "ftp://example.com/f",
      "",
    ]) {
      const rendered = slackLink(url, "click <me>");
      expect(rendered).toBe("click &lt;me&gt;");
    }
    expect(slackLink("javascript:alert(1)", "")).toBe("javascript:alert(1)");
  });

  it("falls back to the URL as label, and to no link when the URL is too long", () => {
    expect(slackLink("https://example.com/a", "  \n ")).toBe("<https://example.com/a|https://example.com/a>");
    expect(slackLink(`https://example.com/${"x".repeat(100)}`, "t", { maxUrl: 50 })).toBe("t");
    expect(slackLink("https://example.com", "&".repeat(10), { maxLabel: 11 })).toBe("<https://example.com|&amp;&amp;…>");
  });
});

describe("truncate", () => {
  it("keeps short text and cuts long text at a word with an ellipsis", () => {
    expect(truncate("short", 10)).toBe("short");
    expect(truncate("the quick brown fox jumps", 16)).toBe("the quick brown…");
    expect(truncate("abcdefghijklmnop", 5)).toBe("abcd…");
    expect(truncate("anything", 0)).toBe("");
  });

  it("never splits a surrogate pair", () => {
    const text = "🚀".repeat(10);
    for (let max = 1; max < text.length; max++) {
      const cut = truncate(text, max);
      expect(cut.length).toBeLessThanOrEqual(max);
      expect(cut).toMatch(/^(🚀)*…$/u);
    }
  });

  it("cuts before escaping, so no entity is split and the escaped text fits", () => {
    const text = "R&D <tools> & more & more & more";
    for (let max = 1; max < 60; max++) {
      const cut = escapeTruncated(text, max);
      expect(cut.length).toBeLessThanOrEqual(max);
      expect(cut.replace(/&(amp|lt|gt);/g, "")).not.toMatch(/[&<>]/);
    }
    expect(escapeTruncated(text, 200)).toBe(escapeMrkdwn(text));
  });

  it("oneLine folds whitespace and drops bidi controls", () => {
    expect(oneLine("  a\r\n b\u0000c\u202Ed\u2029e  ")).toBe("a b cd e");
  });
});

// ---------------------------------------------------------------------------------------------------------
// Rendering posts

describe("renderOutcome: posts", () => {
  it("escapes every hostile title and renders the exact link", () => {
    for (const hostile of HOSTILE) {
      const message = renderOutcome(postsOutcome([post({ title: `Title ${hostile} end` })]), { shareable: true });
      assertWithinSlackLimits(message);
      assertInert(message);
      expect(sectionTexts(message)[1]).toBe(`*<https://example.com/post|Title ${escapeMrkdwn(hostile)} end>*\nWhat it says.`);
    }
    const tricky = renderOutcome(
      postsOutcome([post({ url: "https://example.com/a|b>c?x=1&y=2", title: "<!channel> <https://evil.example|click> *bold* &amp;" })]),
      { shareable: false },
    );
    assertInert(tricky);
    expect(sectionTexts(tricky)[1]).toBe(
      "*<https://example.com/a%7Cb%3Ec?x=1&y=2|&lt;!channel&gt; &lt;https://evil.example|click&gt; *bold* &amp;amp;>*\nWhat it says.",
    );
    expect(tricky.text).toBe("GitOps:\n• &lt;!channel&gt; &lt;https://evil.example|click&gt; *bold* &amp;amp;");
  });

  it("escapes summaries, authors, headings and the context line", () => {
    const message = renderOutcome(
      postsOutcome([post({ summary: "Hi <!here>\nand <@U1>", author: "<#C1> & <!everyone>", topics: ["a<b"] })], {
        heading: "Search: <!channel>",
      }),
      { shareable: true },
    );
    assertInert(message);
    expect(sectionTexts(message)[0]).toBe("*Search: &lt;!channel&gt;*");
    expect(sectionTexts(message)[1]).toContain("\nHi &lt;!here&gt; and &lt;@U1&gt;");
    const contextBlock = message.blocks[2];
    expect(contextBlock?.type).toBe("context");
    // Source host, date (UTC), author, topics.
    expect(JSON.stringify(contextBlock)).toContain("example.com · 2024-05-07 · by &lt;#C1&gt; &amp; &lt;!everyone&gt; · a&lt;b");
  });

  it("never links a javascript: URL", () => {
    for (const url of [
      "javascript:alert(document.cookie)",
      "JAVASCRIPT:alert(1)",
      "\tjavascript:alert(1)",
      "data:text/html;base64,PHNjcmlwdD4=",
    ]) {
      const message = renderOutcome(postsOutcome([post({ url, title: "Click me" })]), { shareable: true });
      assertInert(message);
      expect(sectionTexts(message)[1]).toBe("*Click me*\nWhat it says.");
      expect(JSON.stringify(message).toLowerCase()).not.toContain("<javascript");
      expect(JSON.stringify(message).toLowerCase()).not.toContain("<data:");
    }
  });

  it("shows a More button whose value round-trips, and Share only when shareable", () => {
    const more = { text: 'search argo <!channel> "quoted" & more', page: 2 };
    const outcome = postsOutcome([post()], { more });
    const shareable = renderOutcome(outcome, { shareable: true });
    assertWithinSlackLimits(shareable);
    const [moreButton, shareButton] = buttons(shareable);
    expect(moreButton).toMatchObject({ action_id: ACTION_MORE, text: { text: "More" } });
    expect(JSON.parse(moreButton?.value ?? "")).toEqual(more);
    expect(shareButton).toMatchObject({ action_id: ACTION_SHARE, text: { text: "Share in channel" } });
    expect(JSON.parse(shareButton?.value ?? "")).toEqual({ text: "gitops", page: 1 });

    const private_ = renderOutcome(outcome, { shareable: false });
    expect(buttons(private_).map((b) => b.action_id)).toEqual([ACTION_MORE]);
    expect(JSON.stringify(private_)).not.toContain(ACTION_SHARE);

    const lastPage = renderOutcome(postsOutcome([post()]), { shareable: false });
    expect(lastPage.blocks.some((block) => block.type === "actions")).toBe(false);
  });

  it("leaves out a More button whose value would be too long, and says so", () => {
    const more = { text: `search ${"word ".repeat(500)}`, page: 2 };
    const message = renderOutcome(postsOutcome([post()], { more }), { shareable: false });
    assertWithinSlackLimits(message);
    expect(buttons(message)).toEqual([]);
    expect(JSON.stringify(message)).toContain("There are more posts");
  });

  it("says the empty text when there are no posts", () => {
    const message = renderOutcome(postsOutcome([]), { shareable: true });
    assertWithinSlackLimits(message);
    expect(message.text).toBe("No GitOps posts yet.");
    expect(buttons(message)).toEqual([]);
  });

  it("renders 500 posts, ten to a page, within every limit", () => {
    const all = generatePosts(500);
    for (let page = 1; page <= 50; page++) {
      const posts = all.slice((page - 1) * 10, page * 10);
      const more = page < 50 ? { text: "gitops", page: page + 1 } : undefined;
      const message = renderOutcome(postsOutcome(posts, { page, ...(more ? { more } : {}) }), { shareable: true });
      assertWithinSlackLimits(message);
      assertInert(message);
      expect(renderedPostCount(message)).toBe(10);
      expect(message.text.split("\n")).toHaveLength(11); // Heading and ten titles.
      if (more) expect(JSON.parse(buttons(message)[0]?.value ?? "")).toEqual(more);
      else expect(buttons(message).map((b) => b.action_id)).toEqual([ACTION_SHARE]);
    }
  });

  it("stays within the limits when handed all 500 posts at once, and relies on More", () => {
    const more = { text: "gitops", page: 2 };
    const message = renderOutcome(postsOutcome(generatePosts(500), { more }), { shareable: true });
    assertWithinSlackLimits(message);
    assertInert(message);
    const shown = renderedPostCount(message);
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThan(500);
    expect(JSON.stringify(message)).toContain(`Showing ${shown} of the 500 posts`);
    expect(JSON.parse(buttons(message)[0]?.value ?? "")).toEqual(more);
  });

  it("fits ten posts with 10 kB summaries, 5 kB URLs or 10 kB titles", () => {
    const cases = [generatePosts(10, { summaryLength: 10_000 }), generatePosts(10, { urlLength: 5_000 })];
    cases.push(
      generatePosts(10).map((p) => ({ ...p, title: "&".repeat(10_000), author: "<".repeat(10_000), topics: Array(500).fill("t") })),
    );
    for (const posts of cases) {
      const message = renderOutcome(postsOutcome(posts, { more: { text: "gitops", page: 2 } }), { shareable: true });
      assertWithinSlackLimits(message);
      assertInert(message);
      expect(renderedPostCount(message)).toBe(10);
    }
  });

  it("keeps the full summary (one line) when there is room", () => {
    const message = renderOutcome(postsOutcome([post({ summary: "Line one.\nLine two." })]), { shareable: false });
    expect(sectionTexts(message)[1]).toBe("*<https://example.com/post|A post>*\nLine one. Line two.");
    expect(renderOutcome(postsOutcome([post()], { page: 3 }), { shareable: false }).text).toBe("GitOps · page 3:\n• A post");
  });
});

// ---------------------------------------------------------------------------------------------------------
// Rendering everything else

describe("renderOutcome: other kinds", () => {
  const feeds: FeedHealth[] = [
    { id: "f1", url: "https://ok.example.com/feed", title: "OK <!here> blog", state: "ok", postCount: 12 },
    { id: "f2", url: "https://new.example.com/feed", state: "new", postCount: 0 },
    {
      id: "f3",
      url: "https://bad.example.com/feed",
      title: "Bad",
      state: "failing",
      failingSince: "2024-05-01T22:00:00-04:00",
      lastError: "HTTP 500 <!channel>\nstack...",
      postCount: 1,
    },
    { id: "f4", url: "javascript:alert(1)", state: "paused", pausedReason: "10 failures", lastError: "<@U1> timeout", postCount: 3 },
  ];

  const outcomes: Outcome[] = [
    { kind: "help" },
    { kind: "help", problem: "I don't know <!channel>" },
    {
      kind: "unknown-topic",
      query: "gitopz <!here>",
      suggestions: [
        { id: "gitops", label: "GitOps" },
        { id: "ops", label: "Ops & <b>" },
      ],
    },
    { kind: "unknown-topic", query: "zzz", suggestions: [] },
    {
      kind: "topics",
      days: 7,
      topics: [
        { id: "gitops", label: "GitOps", count: 3 },
        { id: "ebpf", label: "eBPF <!here>", count: 1 },
      ],
    },
    { kind: "topics", days: 7, topics: [] },
    { kind: "feeds", feeds },
    { kind: "feeds", feeds: [] },
    { kind: "add-accepted", url: "https://example.com/feed|x" },
    { kind: "added", url: "https://example.com/feed", title: "Example <!channel>", postCount: 1 },
    { kind: "already-followed", url: "https://example.com/feed" },
    { kind: "add-failed", url: "javascript:alert(1)", reason: "not a feed: <@U1>" },
    { kind: "removed", url: "https://example.com/feed", title: "Example" },
    { kind: "resumed", url: "https://example.com/feed" },
    { kind: "not-found", reference: "<#C123>" },
    { kind: "refused", reason: "Only admins can add feeds <!subteam^S1>" },
  ];

  it("renders every kind as a non-empty, inert message within the limits", () => {
    for (const outcome of outcomes) {
      const message = renderOutcome(outcome, { shareable: true });
      assertWithinSlackLimits(message);
      assertInert(message);
      expect(message.blocks.length).toBeGreaterThan(0);
      expect(message.text.trim().length).toBeGreaterThan(3);
    }
  });

  it("says what each kind means", () => {
    const say = (outcome: Outcome) => JSON.stringify(renderOutcome(outcome, { shareable: false }).blocks);
    expect(renderOutcome({ kind: "add-accepted", url: "https://example.com/feed" }, { shareable: false }).text).toBe(
      ":hourglass_flowing_sand: Adding <https://example.com/feed|https://example.com/feed>… I'll report back here.",
    );
    expect(say(outcomes[2]!)).toContain(
      "I don't know the topic “gitopz &lt;!here&gt;”. Did you mean *GitOps* (`gitops`) or *Ops &amp; &lt;b&gt;* (`ops`)?",
    );
    expect(say(outcomes[4]!)).toContain("• *GitOps* (`gitops`): 3 posts\\n• *eBPF &lt;!here&gt;* (`ebpf`): 1 post");
    const feedsText = say(outcomes[6]!);
    expect(feedsText).toContain("<https://ok.example.com/feed|OK &lt;!here&gt; blog> · :white_check_mark: ok · 12 posts");
    expect(feedsText).toContain(":warning: failing since 2024-05-02 · 1 post · last error: HTTP 500 &lt;!channel&gt; stack...");
    expect(feedsText).toContain(
      "javascript:alert(1) · :double_vertical_bar: paused (10 failures) · 3 posts · last error: &lt;@U1&gt; timeout",
    );
    expect(feedsText).toContain("resume with `/recap resume f4`");
    expect(say(outcomes[11]!)).toContain(":x: Couldn't add javascript:alert(1): not a feed: &lt;@U1&gt;.");
    expect(say(outcomes[1]!)).toContain("I don't know &lt;!channel&gt;");
    expect(say(outcomes[0]!)).toContain("search &lt;words&gt;");
  });

  it("keeps a long feed list within the limits and counts what it left out", () => {
    const many: FeedHealth[] = Array.from({ length: 400 }, (_, i) => ({
      id: `feed-${i}`,
      url: `https://feeds${i}.example.com/${"p".repeat(200)}/rss?x=<!channel>`,
      title: `Feed ${"&".repeat(300)}`,
      state: i % 2 ? "failing" : "paused",
      failingSince: "2024-05-01T00:00:00Z",
      lastError: "<!here> ".repeat(200),
      pausedReason: "<@U1> ".repeat(200),
      postCount: i,
    }));
    const message = renderOutcome({ kind: "feeds", feeds: many }, { shareable: false });
    assertWithinSlackLimits(message);
    assertInert(message);
    expect(JSON.stringify(message)).toMatch(/…and \d+ more feeds\./);
    const topics = renderOutcome(
      { kind: "topics", days: 7, topics: Array.from({ length: 2000 }, (_, i) => ({ id: `t${i}`, label: `<!here> ${i}`, count: i })) },
      { shareable: false },
    );
    assertWithinSlackLimits(topics);
    assertInert(topics);
  });

  it("renders the paused notice", () => {
    const message = renderPausedNotice({
      url: "https://example.com/feed",
      title: "Example <!channel>",
      reason: "HTTP 404 <@U1>",
      id: "abc",
    });
    assertWithinSlackLimits(message);
    assertInert(message);
    expect(message.text).toBe(
      ":double_vertical_bar: Recap paused <https://example.com/feed|Example &lt;!channel&gt;> after repeated failures: HTTP 404 &lt;@U1&gt;. " +
        "Resume it with `/recap resume https://example.com/feed`",
    );
    const long = renderPausedNotice({ url: `https://example.com/${"x".repeat(600)}`, reason: "r".repeat(5000), id: "abc" });
    assertWithinSlackLimits(long);
    expect(long.text).toContain("`/recap resume abc`");
  });

  it("lists every command in the help text", () => {
    const help = helpText();
    for (const usage of [
      "help",
      "<topic>",
      "topic <topic>",
      "search <words>",
      "topics",
      "feeds",
      "add <url> [recap]",
      "remove <url|id>",
      "resume <url|id>",
      "latest",
      "share <command>",
    ]) {
      expect(help).toContain(usage);
    }
    const rendered = renderOutcome({ kind: "help" }, { shareable: false });
    expect(sectionTexts(rendered)[0]).toBe("```\n" + escapeMrkdwn(help) + "\n```");
  });
});

// ---------------------------------------------------------------------------------------------------------
// limits.ts

describe("checkLimits", () => {
  const section = (text: string): KnownBlock => ({ type: "section", text: { type: "mrkdwn", text } });

  it("passes a small message and names each broken limit", () => {
    expect(checkLimits({ text: "hi", blocks: [section("hi")] })).toEqual([]);
    const cases: [RenderedMessage, RegExp][] = [
      [{ text: "", blocks: [section("x")] }, /fallback text is empty/],
      [{ text: "x".repeat(4001), blocks: [] }, /^text: 4001 characters/],
      [{ text: "x", blocks: Array(51).fill(section("x")) }, /^blocks: 51/],
      [{ text: "x", blocks: [section("x".repeat(3001))] }, /blocks\[0\]\.text: text is 3001 characters \(max 3000\)/],
      [{ text: "x", blocks: [section("")] }, /empty text/],
      [{ text: "x", blocks: [{ type: "header", text: { type: "plain_text", text: "h".repeat(151) } }] }, /max 150/],
      [{ text: "x", blocks: [{ type: "context", elements: Array(11).fill({ type: "mrkdwn", text: "c" }) }] }, /11 context elements/],
      [
        {
          text: "x",
          blocks: [{ type: "actions", elements: [{ type: "button", text: { type: "plain_text", text: "b".repeat(76) }, action_id: "a" }] }],
        },
        /max 75/,
      ],
      [
        {
          text: "x",
          blocks: [
            { type: "actions", elements: [{ type: "button", text: { type: "plain_text", text: "b" }, action_id: "a".repeat(256) }] },
          ],
        },
        /action_id longer than 255/,
      ],
      [
        {
          text: "x",
          blocks: [
            {
              type: "actions",
              elements: [{ type: "button", text: { type: "plain_text", text: "b" }, action_id: "a", value: "v".repeat(2001) }],
            },
          ],
        },
        /value is 2001/,
      ],
      [{ text: "x", blocks: Array(4).fill(section("x".repeat(2900))) }, /total text: 11601 characters/],
      [{ text: "x", blocks: [], link_names: true } as RenderedMessage, /link_names: must not be set/],
    ];
    for (const [message, problem] of cases) expect(checkLimits(message).join("\n")).toMatch(problem);
  });
});
