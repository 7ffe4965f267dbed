import type { KnownBlock, RichTextElement } from "@slack/types";
import { describe, expect, it } from "vitest";
import { parsedTexts } from "../helpers/slack-messages";
import type { FeedHealth, Outcome, PageRef } from "../../packages/core/src/model/command";
import type { Post } from "../../packages/core/src/model/post";
import {
  escapeInert,
  escapeMrkdwn,
  escapeTruncated,
  linkTarget,
  neutralizeMrkdwn,
  oneLine,
  slackLink,
} from "../../packages/core/src/slack/escape";
import { SLACK_LIMITS, checkLimits, totalTextLength } from "../../packages/core/src/slack/limits";
import { helpText } from "../../packages/core/src/commands/help";
import { parseCommand } from "../../packages/core/src/commands/grammar";
import { ACTION_MORE, ACTION_SHARE, renderOutcome, renderPausedNotice, type RenderedMessage } from "../../packages/core/src/slack/render";
import { renderFollowRollup } from "../../packages/core/src/slack/follow-render";

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
  "_italic_",
  "~strike~",
  "`code`",
];

/** Formatting that outside text must never bring into mrkdwn (the fixtures use exactly these). */
const FORMATTING = ["*bold*", "_italic_", "~strike~", "`code`"];

/** Every text Slack parses as mrkdwn (or shows as plain text): the fallback, then every text object in the blocks. */
function texts(message: RenderedMessage): string[] {
  return [message.text, ...blockTexts(message)];
}

/** Every mrkdwn and plain_text text object's text in the blocks. */
const blockTexts = (message: RenderedMessage): string[] => parsedTexts(message.blocks);

/** The lines of rich text (a section, or one list item), each as its inline elements. */
function richSections(message: RenderedMessage): RichTextElement[][] {
  return message.blocks.flatMap((block) =>
    block.type === "rich_text"
      ? block.elements.flatMap((element) =>
          element.type === "rich_text_list"
            ? element.elements.map((item) => item.elements)
            : element.type === "rich_text_section"
              ? [element.elements]
              : [],
        )
      : [],
  );
}

/** Every inline rich text element of the message. */
function richElements(message: RenderedMessage): RichTextElement[] {
  return richSections(message).flat();
}

/** The rich text as people read it, one string a line: text and link labels literally, emoji as `:name:`. */
function richLines(message: RenderedMessage): string[] {
  return richSections(message).map((elements) =>
    elements
      .map((element) =>
        element.type === "text"
          ? element.text
          : element.type === "link"
            ? (element.text ?? element.url)
            : element.type === "emoji"
              ? `:${element.name}:`
              : `[${element.type}]`,
      )
      .join(""),
  );
}

function richLinks(message: RenderedMessage): { url: string; text?: string }[] {
  return richElements(message).flatMap((element) => (element.type === "link" ? [{ url: element.url, text: element.text }] : []));
}

/** Our own link syntax in the fallback: `<http(s)://…|label>` with nothing in the URL that could end it early. */
const OUR_LINK = /<https?:\/\/[^\s|<>]+\|[^<>\n]*>/g;

function assertWithinSlackLimits(message: RenderedMessage): void {
  expect(checkLimits(message)).toEqual([]);
  expect(message.text.trim()).not.toBe("");
  expect(message.text.length).toBeLessThanOrEqual(SLACK_LIMITS.fallbackText);
  expect(message.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
  expect(totalTextLength(message)).toBeLessThanOrEqual(SLACK_LIMITS.totalText);
  expect(Object.keys(message).sort()).toEqual(["blocks", "text"]); // No link_names, no parse.
}

/**
 * Nothing Slack parses can ping, link or format: outside text lives only in rich text `text`/`link`
 * elements (literal), every mrkdwn text is free of mentions, forged links and outside formatting, and
 * the mrkdwn in the blocks carries no link at all.
 */
function assertInert(message: RenderedMessage): void {
  for (const text of texts(message)) {
    expect(text).not.toContain("<!");
    expect(text).not.toContain("<@");
    expect(text).not.toContain("<#");
    expect(text.replace(OUR_LINK, "")).not.toMatch(/[<>]/); // Every `<http` left is one of our links.
    for (const pair of FORMATTING) expect(text).not.toContain(pair);
  }
  for (const text of blockTexts(message)) expect(text).not.toMatch(/[<>]/);
  for (const element of richElements(message)) {
    expect(["text", "link", "emoji"]).toContain(element.type); // No broadcast, user, channel or usergroup elements.
    if (element.type === "link") expect(element.url).toMatch(/^https?:\/\/[^\s|<>]+$/);
  }
  for (const block of message.blocks) {
    for (const element of "elements" in block && Array.isArray(block.elements) ? block.elements : []) {
      if (element.type === "mrkdwn") expect(element.verbatim).toBe(true);
    }
    if (block.type === "section" && block.text?.type === "mrkdwn") expect(block.text.verbatim).toBe(true);
  }
}

type ButtonLike = { type: string; action_id?: string; value?: string; text: { text: string } };
/** The message's buttons (More, Share), not the posts' correction menus. */
function buttons(message: RenderedMessage): ButtonLike[] {
  return message.blocks.flatMap((block) =>
    block.type === "actions" ? (block.elements as ButtonLike[]).filter((element) => element.type === "button") : [],
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
  "*bold*",
  "_italic_",
  "`code`",
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

/** Post blocks: the rich_text blocks after the heading, each starting with the bold title. */
function postBlocks(message: RenderedMessage): RichTextElement[][] {
  return message.blocks.slice(1).flatMap((block) => {
    if (block.type !== "rich_text") return [];
    const [section] = block.elements;
    return section?.type === "rich_text_section" && section.elements[0]?.style?.bold ? [section.elements] : [];
  });
}

function renderedPostCount(message: RenderedMessage): number {
  return postBlocks(message).length;
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

describe("neutralizeMrkdwn", () => {
  it("swaps formatting characters for look-alikes of the same length, and leaves everything else", () => {
    expect(neutralizeMrkdwn("*bold* _it_ ~s~ `c`")).toBe("\u2217bold\u2217 \u02CDit\u02CD \u223Cs\u223C \u02CBc\u02CB");
    expect(neutralizeMrkdwn("a < b & c > d :smile: 'q'")).toBe("a < b & c > d :smile: 'q'");
    const text = "snake_case *x* ~/.config `rm`";
    expect(neutralizeMrkdwn(text)).toHaveLength(text.length);
  });

  it("escapeInert folds, neutralizes, escapes and cuts", () => {
    expect(escapeInert(" <!channel>\n*bold* & _it_ ", 100)).toBe("&lt;!channel&gt; \u2217bold\u2217 &amp; \u02CDit\u02CD");
    expect(escapeInert("&&&&", 11)).toBe("&amp;&amp;…");
  });

  it("slackLink neutralizes the label when asked", () => {
    expect(slackLink("https://example.com/a_b*c", "*bold* <b>", { inert: true })).toBe(
      "<https://example.com/a_b*c|\u2217bold\u2217 &lt;b&gt;>",
    );
    expect(slackLink("javascript:x", "_x_", { inert: true })).toBe("\u02CDx\u02CD");
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

describe("escapeTruncated and oneLine", () => {
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
  it("shows every hostile title literally in a rich text link, and inert in the fallback", () => {
    for (const hostile of HOSTILE) {
      const message = renderOutcome(postsOutcome([post({ title: `Title ${hostile} end` })]), { shareable: true });
      assertWithinSlackLimits(message);
      assertInert(message);
      // The title is one literal link element: its characters are shown as they are, nothing in them formats, pings or links.
      expect(postBlocks(message)).toEqual([
        [
          { type: "link", url: "https://example.com/post", text: `Title ${hostile} end`, style: { bold: true } },
          { type: "text", text: "\n" },
          { type: "text", text: "What it says." },
          { type: "text", text: "\n" },
          { type: "text", text: "example.com · 2024-05-07 · gitops", style: { italic: true } },
        ],
      ]);
      // Nowhere else: no mrkdwn text object carries it.
      for (const text of blockTexts(message)) expect(text).not.toContain(hostile);
      expect(message.text).toBe(`GitOps:\n• ${escapeMrkdwn(neutralizeMrkdwn(`Title ${hostile} end`))}`);
    }
    const tricky = renderOutcome(
      postsOutcome([post({ url: "https://example.com/a|b>c?x=1&y=2", title: "<!channel> <https://evil.example|click> *bold* &amp;" })]),
      { shareable: false },
    );
    assertInert(tricky);
    expect(postBlocks(tricky)[0]?.[0]).toEqual({
      type: "link",
      url: "https://example.com/a%7Cb%3Ec?x=1&y=2",
      text: "<!channel> <https://evil.example|click> *bold* &amp;",
      style: { bold: true },
    });
    expect(tricky.text).toBe("GitOps:\n• &lt;!channel&gt; &lt;https://evil.example|click&gt; \u2217bold\u2217 &amp;amp;");
  });

  it("keeps `*bold*` in a title a literal text element, not formatting", () => {
    const message = renderOutcome(postsOutcome([post({ title: "*bold* and _it_", url: "ftp://example.com/x" })]), { shareable: false });
    assertInert(message);
    const [title, ...rest] = postBlocks(message)[0] ?? [];
    expect(title).toEqual({ type: "text", text: "*bold* and _it_", style: { bold: true } });
    // Exactly one element carries the title: the asterisks did not turn into a style of their own.
    expect(rest.some((element) => element.type === "text" && element.text.includes("bold"))).toBe(false);
    expect(message.text).toBe("GitOps:\n• \u2217bold\u2217 and \u02CDit\u02CD");
  });

  it("shows summaries, authors, headings and the meta line literally", () => {
    const message = renderOutcome(
      postsOutcome([post({ summary: "Hi <!here>\nand <@U1> *now*", author: "<#C1> & <!everyone>", topics: ["a<b"] })], {
        heading: "Search: <!channel> *x*",
        page: 2,
      }),
      { shareable: true },
    );
    assertWithinSlackLimits(message);
    assertInert(message);
    expect(message.blocks[0]).toEqual({
      type: "rich_text",
      elements: [
        {
          type: "rich_text_section",
          elements: [
            { type: "text", text: "Search: <!channel> *x*", style: { bold: true } },
            { type: "text", text: " · page 2" },
          ],
        },
      ],
    });
    // Source host, date (UTC), author, topics.
    expect(postBlocks(message)[0]?.slice(1)).toEqual([
      { type: "text", text: "\n" },
      { type: "text", text: "Hi <!here> and <@U1> *now*" },
      { type: "text", text: "\n" },
      { type: "text", text: "example.com · 2024-05-07 · by <#C1> & <!everyone> · a<b", style: { italic: true } },
    ]);
    expect(message.text).toBe("Search: &lt;!channel&gt; \u2217x\u2217 · page 2:\n• A post");
  });

  it("shows a talk's speakers, links and recap literally, and links only http(s)", () => {
    const talk = post({
      kind: "talk",
      title: "Scaling Argo CD <!channel> *fast*",
      url: "https://www.youtube.com/watch?v=argo1",
      summary: "Sharding pays off <@U1>.",
      speakers: ["Jane <!here> Doe", "Raj Patel"],
      organizations: ["Intuit", "Red Hat & Co"],
      links: [
        { kind: "video", url: "https://www.youtube.com/watch?v=argo1" },
        { kind: "slides", url: "https://static.sched.com/hosted_files/x/scaling.pdf" },
        { kind: "other", url: "javascript:alert(1)" },
      ],
      listedIn: { postId: "r1", title: "KubeCon EU recap ~strike~", url: "https://blog.example.com/recap", section: "ArgoCon" },
      fresh: false,
    });
    const recap = post({ id: "r1", title: "KubeCon EU recap", listed: [{ id: "t1", kind: "talk", hash: "h", topics: ["gitops"] }] });
    const message = renderOutcome(postsOutcome([talk, recap]), { shareable: true });
    assertWithinSlackLimits(message);
    assertInert(message);
    const lines = richLines(message);
    expect(lines).toContain(
      "Scaling Argo CD <!channel> *fast*\nJane <!here> Doe, Raj Patel (Intuit, Red Hat & Co)\nSharding pays off <@U1>.\n▶ video · slides\nTalk at ArgoCon in “KubeCon EU recap ~strike~” · 2024-05-07 · gitops",
    );
    expect(lines.find((line) => line.startsWith("KubeCon EU recap"))).toMatch(/ · 1 talk · /);
    expect(richLinks(message).map((link) => link.url)).toEqual([
      "https://www.youtube.com/watch?v=argo1",
      "https://www.youtube.com/watch?v=argo1",
      "https://static.sched.com/hosted_files/x/scaling.pdf",
      "https://example.com/post",
    ]);
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
      expect(postBlocks(message)[0]?.[0]).toEqual({ type: "text", text: "Click me", style: { bold: true } });
      expect(richLinks(message)).toEqual([]);
      expect(JSON.stringify(message).toLowerCase()).not.toContain("javascript");
      expect(JSON.stringify(message).toLowerCase()).not.toContain("data:");
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
    expect(buttons(lastPage)).toEqual([]);
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
    assertInert(message);
    expect(message.text).toBe("No GitOps posts yet.");
    expect(richLines(message)).toEqual(["GitOps", "No GitOps posts yet."]);
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
      expect(message.blocks.length).toBeLessThanOrEqual(22); // Heading, ten posts and their menus, actions.
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
    expect(richLines(message)).toEqual(["GitOps", "A post\nLine one. Line two.\nexample.com · 2024-05-07 · gitops"]);
    expect(richLinks(message)).toEqual([{ url: "https://example.com/post", text: "A post" }]);
    expect(renderOutcome(postsOutcome([post()], { page: 3 }), { shareable: false }).text).toBe("GitOps · page 3:\n• A post");
  });
});

// ---------------------------------------------------------------------------------------------------------
// Rendering everything else

describe("renderOutcome: feeds", () => {
  it("shows a healthy feed's warning (a document cut short) beside that feed only", () => {
    const message = renderOutcome(
      {
        kind: "feeds",
        feeds: [
          { id: "f1", url: "https://cut.example/feed", state: "ok", lastWarning: "The feed's last document was cut short", postCount: 3 },
          { id: "f2", url: "https://fine.example/feed", state: "ok", postCount: 1 },
        ],
      },
      { shareable: false },
    );
    const lines = richLines(message).join("\n");
    expect(lines).toContain(":warning: The feed's last document was cut short");
    expect(lines.match(/:warning:/g)).toHaveLength(1);
  });
});

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
      quiet: [{ id: "dapr", label: "Dapr" }],
    },
    { kind: "topics", days: 7, topics: [], quiet: [{ id: "gitops", label: "GitOps" }] },
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
    { kind: "topic-added", id: "finops", label: "FinOps <!here>", aliases: ["*cost*", "cloud bill"] },
    { kind: "topic-added", id: "finops", label: "FinOps", aliases: [] },
    { kind: "topic-aliased", id: "gitops", label: "GitOps", alias: "<@U1> reconcile" },
    { kind: "retag-accepted", since: "2026-11-01" },
    { kind: "retag-accepted" },
    { kind: "retagged", since: "2026-11-01", examined: 120, changed: 7, byTopic: [{ id: "security", added: 5, removed: 2 }] },
    {
      kind: "corrected",
      postId: "3f2a9c0d1e2b4a5c",
      title: "<!channel> *Kubernetes* costs <@U1>",
      verdict: "not",
      topic: { id: "kubernetes", label: "Kubernetes <!here>" },
      topics: [{ id: "finops", label: "FinOps & cloud cost" }],
      already: false,
      learned: { cueId: "1a2b3c4d", polarity: "negative", phrase: "Monitoring <#C1> Kubernetes" },
    },
    { kind: "corrected", postId: "p", title: "x", verdict: "undo", topic: { id: "gitops", label: "GitOps" }, topics: [], already: true },
    {
      kind: "topic-cues",
      topic: { id: "kubernetes", label: "Kubernetes" },
      cues: [
        {
          topicId: "kubernetes",
          cueId: "1a2b3c4d",
          polarity: "negative",
          phrase: "on *Kubernetes* <!channel>",
          postIds: ["p1"],
          addedAt: "2026-11-20T09:00:00Z",
        },
      ],
    },
    { kind: "topic-cues", topic: { id: "kubernetes", label: "Kubernetes" }, cues: [] },
    {
      kind: "cue-forgotten",
      topic: { id: "platform-engineering", label: "Platform engineering" },
      cue: {
        topicId: "platform-engineering",
        cueId: "1a2b3c4d",
        polarity: "positive",
        phrase: "internal tooling",
        postIds: [],
        addedAt: "2026-11-20T09:00:00Z",
      },
    },
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

  it("says what each kind means, with outside text literal in rich text", () => {
    const render = (outcome: Outcome) => renderOutcome(outcome, { shareable: false });
    const lines = (outcome: Outcome) => richLines(render(outcome));

    const accepted = render({ kind: "add-accepted", url: "https://example.com/feed" });
    expect(accepted.text).toBe(
      ":hourglass_flowing_sand: Adding <https://example.com/feed|https://example.com/feed>… I'll report back here.",
    );
    expect(richLines(accepted)).toEqual([":hourglass_flowing_sand: Adding https://example.com/feed… I'll report back here."]);
    expect(richLinks(accepted)).toEqual([{ url: "https://example.com/feed", text: "https://example.com/feed" }]);
    // The URL is linked in its canonical form: `|` encoded.
    expect(richLinks(render(outcomes[8]!))).toEqual([{ url: "https://example.com/feed%7Cx", text: "https://example.com/feed|x" }]);

    const unknown = render(outcomes[2]!);
    expect(richLines(unknown)).toEqual([
      "I don't know the topic “gitopz <!here>”. Did you mean GitOps (gitops) or Ops & <b> (ops)? " +
        "/recap topics lists them all. /recap help lists every command.",
    ]);
    expect(richElements(unknown)).toContainEqual({ type: "text", text: "Ops & <b>", style: { bold: true } });
    expect(richElements(unknown)).toContainEqual({ type: "text", text: "/recap help", style: { code: true } });
    expect(unknown.text).toBe(
      "I don't know the topic “gitopz &lt;!here&gt;”. Did you mean GitOps (`gitops`) or Ops &amp; &lt;b&gt; (`ops`)? " +
        "`/recap topics` lists them all. `/recap help` lists every command.",
    );
    expect(lines(outcomes[3]!)).toEqual(["I don't know the topic “zzz”. /recap topics lists them all. /recap help lists every command."]);

    expect(lines(outcomes[4]!)).toEqual(["GitOps (gitops): 3 posts", "eBPF <!here> (ebpf): 1 post", "No posts lately: dapr"]);

    const feedsMessage = render(outcomes[6]!);
    expect(sectionTexts(feedsMessage)[0]).toBe("*Feeds* (1 ok, 1 new, 1 failing, 1 paused)");
    expect(richLines(feedsMessage)).toEqual([
      "OK <!here> blog · :white_check_mark: ok · 12 posts",
      "https://new.example.com/feed · :new: new, not polled yet · 0 posts",
      "Bad · :warning: failing since 2024-05-02 · 1 post · last error: HTTP 500 <!channel> stack...",
      "javascript:alert(1) · :double_vertical_bar: paused (10 failures) · 3 posts · last error: <@U1> timeout · resume with /recap resume f4",
    ]);
    expect(richLinks(feedsMessage).map((l) => l.url)).toEqual([
      "https://ok.example.com/feed",
      "https://new.example.com/feed",
      "https://bad.example.com/feed",
    ]);
    expect(feedsMessage.text).toBe("Following 4 feeds: 1 ok, 1 new, 1 failing, 1 paused.");

    expect(lines(outcomes[9]!)).toEqual([":white_check_mark: Now following Example <!channel>: 1 post so far."]);
    expect(lines(outcomes[10]!)).toEqual([":ok_hand: Already following https://example.com/feed."]);
    const failed = render(outcomes[11]!);
    expect(richLines(failed)).toEqual([":x: Couldn't add javascript:alert(1): not a feed: <@U1>."]);
    expect(richLinks(failed)).toEqual([]);
    expect(failed.text).toBe(":x: Couldn't add javascript:alert(1): not a feed: &lt;@U1&gt;.");
    expect(lines(outcomes[12]!)).toEqual([":wastebasket: Stopped following Example."]);
    expect(lines(outcomes[13]!)).toEqual([":arrow_forward: Resumed https://example.com/feed: it is polled again from the next round."]);
    const notFound = render(outcomes[14]!);
    expect(richLines(notFound)).toEqual([":mag: I don't follow a feed matching “<#C123>”. /recap feeds lists them."]);
    expect(notFound.text).toBe(":mag: I don't follow a feed matching “&lt;#C123&gt;”. `/recap feeds` lists them.");
    expect(lines(outcomes[15]!)).toEqual([":no_entry: Only admins can add feeds <!subteam^S1>."]);

    const problem = render(outcomes[1]!);
    expect(richLines(problem)).toEqual([":thinking_face: I don't know <!channel>"]);
    expect(problem.text).toBe(":thinking_face: I don't know &lt;!channel&gt;");
    expect(sectionTexts(problem)[0]).toContain("search &lt;words&gt;");
    expect(JSON.stringify(render(outcomes[0]!).blocks)).toContain("search &lt;words&gt;");
  });

  it("keeps formatting characters from outside text out of every mrkdwn text", () => {
    const hostile = "*bold* _italic_ ~strike~ `code`";
    const messages = [
      render({ kind: "added", url: "https://example.com/feed", title: hostile, postCount: 2 }),
      render({ kind: "add-failed", url: "https://example.com/feed", reason: hostile }),
      render({ kind: "not-found", reference: hostile }),
      render({ kind: "unknown-topic", query: hostile, suggestions: [{ id: "x", label: hostile }] }),
      render({ kind: "refused", reason: hostile }),
      render({ kind: "help", problem: hostile }),
      render({
        kind: "feeds",
        feeds: [
          {
            id: "f",
            url: "https://example.com/feed",
            title: hostile,
            state: "paused",
            pausedReason: hostile,
            lastError: hostile,
            postCount: 1,
          },
          { id: "g", url: "https://example.com/cut", state: "ok", lastWarning: hostile, postCount: 1 },
        ],
      }),
      render(postsOutcome([post({ title: hostile, summary: hostile, author: hostile })], { heading: hostile })),
      renderPausedNotice({ url: "https://example.com/feed", title: hostile, reason: hostile, id: "f" }),
    ];
    for (const message of messages) {
      assertWithinSlackLimits(message);
      assertInert(message);
      // Recap's own sentences (a refusal, a problem) show a backtick-quoted part as inline code.
      const ours = message.text.startsWith(":no_entry:") || message.text.startsWith(":thinking_face:");
      expect(richLines(message).join("\n")).toContain(ours ? hostile.replace("`code`", "code") : hostile);
      // The feed list's fallback is a tally in our own words; every other fallback repeats the outside text, neutralized.
      if (!message.text.startsWith("Following ")) {
        expect(message.text).toContain("\u2217bold\u2217 \u02CDitalic\u02CD \u223Cstrike\u223C \u02CBcode\u02CB");
      }
    }

    function render(outcome: Outcome): RenderedMessage {
      return renderOutcome(outcome, { shareable: true });
    }
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
      {
        kind: "topics",
        days: 7,
        topics: Array.from({ length: 2000 }, (_, i) => ({ id: `t${i}`, label: `<!here> ${i}`, count: i })),
        quiet: Array.from({ length: 500 }, (_, i) => ({ id: `q${i}`, label: `<!here> quiet ${i}` })),
      },
      { shareable: false },
    );
    assertWithinSlackLimits(topics);
    assertInert(topics);
    const quietOnly = renderOutcome(
      {
        kind: "topics",
        days: 7,
        topics: [],
        quiet: Array.from({ length: 500 }, (_, i) => ({ id: `quiet-topic-${i}`, label: `<!here> ${i}` })),
      },
      { shareable: false },
    );
    assertWithinSlackLimits(quietOnly);
    assertInert(quietOnly);
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
    expect(richLines(message)).toEqual([
      ":double_vertical_bar: Recap paused Example <!channel> after repeated failures: HTTP 404 <@U1>. " +
        "Resume it with /recap resume https://example.com/feed",
    ]);
    expect(richLinks(message)).toEqual([{ url: "https://example.com/feed", text: "Example <!channel>" }]);
    expect(richElements(message).at(-1)).toEqual({ type: "text", text: "/recap resume https://example.com/feed", style: { code: true } });
    const long = renderPausedNotice({ url: `https://example.com/${"x".repeat(600)}`, reason: "r".repeat(5000), id: "abc" });
    assertWithinSlackLimits(long);
    assertInert(long);
    expect(long.text).toContain("`/recap resume abc`");
    expect(richLines(long)[0]).toContain("/recap resume abc");
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

  const rich = (...elements: RichTextElement[]): KnownBlock => ({ type: "rich_text", elements: [{ type: "rich_text_section", elements }] });

  it("knows rich_text blocks: counts their text and link URLs, and names what it will not pass", () => {
    const ok = rich(
      { type: "emoji", name: "wave" },
      { type: "text", text: "<!channel> *x*", style: { bold: true } },
      { type: "link", url: "https://example.com/a%7Cb", text: "label" },
    );
    const list: KnownBlock = {
      type: "rich_text",
      elements: [
        { type: "rich_text_list", style: "bullet", elements: [{ type: "rich_text_section", elements: [{ type: "text", text: "item" }] }] },
      ],
    };
    expect(checkLimits({ text: "hi", blocks: [ok, list] })).toEqual([]);
    expect(totalTextLength({ text: "hi", blocks: [ok, list] })).toBe(2 + 14 + 25 + 5 + 4);

    const cases: [KnownBlock, RegExp][] = [
      [{ type: "rich_text", elements: [] }, /rich_text without elements/],
      [rich(), /rich_text_section without elements/],
      [rich({ type: "text", text: "" }), /empty text/],
      [rich({ type: "text", text: "x".repeat(3001) }), /text is 3001 characters \(max 3000\)/],
      [
        rich({ type: "text", text: "x".repeat(1600) }, { type: "text", text: "y".repeat(1600) }),
        /rich text is 3200 characters \(max 3000\)/,
      ],
      [rich({ type: "link", url: "javascript:alert(1)", text: "x" }), /link URL is not a plain http\(s\) URL/],
      [rich({ type: "link", url: "https://example.com/a|b", text: "x" }), /link URL is not a plain http\(s\) URL/],
      [rich({ type: "broadcast", range: "channel" }), /rich text element type broadcast is not checked here/],
      [rich({ type: "user", user_id: "U1" }), /rich text element type user is not checked here/],
    ];
    for (const [block, problem] of cases) expect(checkLimits({ text: "x", blocks: [block] }).join("\n")).toMatch(problem);
    const big = Array(4).fill(rich({ type: "text", text: "x".repeat(2900) })) as KnownBlock[];
    expect(checkLimits({ text: "x", blocks: big }).join("\n")).toMatch(/total text: 11601 characters/);
  });
});

describe("our own sentences that quote commands", () => {
  it("show each quoted command as inline code, never as literal backticks", () => {
    const problems = [
      "page 2",
      "latest argo",
      "gitops page",
      "gitops page 0",
      "search",
      "subscribe 25:00",
      "subscribe 09:00 Mars/Base",
      "topic add latest Latest",
      "add",
      "remove",
    ]
      .map((text) => parseCommand(text).problem)
      .filter((problem): problem is string => problem?.includes("`") === true);
    expect(problems.length).toBeGreaterThanOrEqual(5);
    const outcomes: Outcome[] = [
      ...problems.map((problem): Outcome => ({ kind: "help", problem })),
      { kind: "refused", reason: "There is no post `0123abcd` (it may have been removed)." },
      { kind: "refused", reason: "Follows belong to a channel (e.g. `recap follow gitops --channel C0123456789`)" },
    ];
    for (const outcome of outcomes) {
      const message = renderOutcome(outcome, { shareable: false });
      const elements = richElements(message);
      const shown = elements.flatMap((element) => (element.type === "text" ? [element] : []));
      expect(shown.filter((element) => element.text.includes("`")).map((element) => element.text)).toEqual([]);
      expect(shown.some((element) => element.style?.code === true)).toBe(true);
      // The fallback (a notification) shows the same words, inert.
      expect(message.text).toContain(`\u02CB${escapeInert(shown.find((element) => element.style?.code)!.text, 500)}\u02CB`);
      assertInert(message);
    }
    const refused = richElements(renderOutcome(outcomes.at(-1)!, { shareable: false }));
    expect(refused).toContainEqual({ type: "text", text: "recap follow gitops --channel C0123456789", style: { code: true } });
    expect(refused.at(-1)).toEqual({ type: "text", text: ")." });
    // The spaces around a quote stay.
    expect(richLines(renderOutcome(outcomes.at(-1)!, { shareable: false }))).toEqual([
      ":no_entry: Follows belong to a channel (e.g. recap follow gitops --channel C0123456789).",
    ]);
  });
});

describe("renderFollowRollup", () => {
  it("lists the kept titles and counts the rest in plain English, however many", () => {
    const entries = Array.from({ length: 5 }, (_, i) => ({ postId: `p${i}`, title: `Post ${i}`, url: `https://example.com/${i}` }));
    for (const [total, tail] of [
      [6, "…and 1 more."],
      [2985, "…and 2,980 more."],
    ] as const) {
      const message = renderFollowRollup({ total, entries, topicIds: ["gitops"], shown: total }, [{ id: "gitops", label: "GitOps" }]);
      const text = JSON.stringify(message.blocks);
      expect(text).toContain(tail);
      expect(text).not.toMatch(/mores/);
      expect(message.text).toContain(`this hour: ${total} new posts`);
    }
  });
});
