import type { KnownBlock } from "@slack/types";
import { describe, expect, it } from "vitest";
import { parsedTexts } from "../helpers/slack-messages";
import { OTHER_TOPIC_ID } from "../../packages/core/src/digest/compose";
import { composeInWindow, SINCE, UNTIL } from "../helpers/digest";
import { DEFAULT_DIGEST_LIMITS, type Digest, type DigestLimits } from "../../packages/core/src/model/digest";
import type { Post } from "../../packages/core/src/model/post";
import { renderDigest, type DigestMessages } from "../../packages/core/src/slack/digest-render";
import { escapeInert } from "../../packages/core/src/slack/escape";
import { SLACK_LIMITS, checkLimits, totalTextLength } from "../../packages/core/src/slack/limits";
import { renderOutcome, type RenderedMessage } from "../../packages/core/src/slack/render";
import { loadTaxonomy } from "../../packages/core/src/topics";

const TAXONOMY = loadTaxonomy();
const TOPIC_IDS = TAXONOMY.topics.map((topic) => topic.id);
const HOUR = 3_600_000;

const HOSTILE_TITLE = "<!channel> *bold* <@U123> _italic_ <https://evil.example|click> &amp;";
const HOSTILE_SUMMARY = "<!here> ~strike~ `code` <#C123> *stars* ";

function post(index: number, topics: string[]): Post {
  const at = new Date(Date.parse(UNTIL) - ((index % 20) + 1) * HOUR).toISOString();
  return {
    id: `p${index}`,
    kind: "article",
    url: `https://blog.example.com/posts/${index}`,
    title: `${HOSTILE_TITLE} part ${index} ${"with a long, long title ".repeat(15)}`,
    summary: HOSTILE_SUMMARY.repeat(60).slice(0, 2048),
    publishedAt: at,
    firstSeenAt: at,
    topics,
    feeds: [`https://feed${index % 7}.example.org/rss.xml`],
    fresh: true,
  };
}

/**
 * 500 candidates across every topic and Other: the first 100 on kubernetes (so it overflows 50), the
 * rest spread round the taxonomy, every eighteenth untagged.
 */
const CANDIDATES: Post[] = Array.from({ length: 500 }, (_, index) => {
  if (index < 100) return post(index, ["kubernetes"]);
  const slot = index % (TOPIC_IDS.length + 1);
  const topicId = TOPIC_IDS[slot];
  return post(index, topicId === undefined ? [] : [topicId]);
});

function compose(posts: Post[], limits: Partial<DigestLimits>): Digest {
  return composeInWindow(posts, { taxonomy: TAXONOMY, limits: { ...DEFAULT_DIGEST_LIMITS, ...limits } });
}

function render(digest: Digest, options?: { emptyNote?: boolean }): DigestMessages {
  const messages = renderDigest(digest, options);
  if (!messages) throw new Error("expected messages");
  return messages;
}

const all = (messages: DigestMessages): RenderedMessage[] => [messages.main, ...messages.thread];

/** Every mrkdwn and plain_text text object in the blocks: what Slack parses (our own words only). */
const mrkdwnTexts = (blocks: readonly KnownBlock[]): string[] => parsedTexts(blocks);

/** Every rich_text `text`/`link` element in the blocks. */
function richElements(blocks: readonly KnownBlock[]): { type: string; text?: string; url?: string }[] {
  const out: { type: string; text?: string; url?: string }[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (typeof value === "object" && value !== null) {
      const record = value as Record<string, unknown>;
      if (record.type === "text" || record.type === "link") out.push(record as { type: string });
      else Object.values(record).forEach(visit);
    }
  };
  visit(blocks.filter((block) => block.type === "rich_text"));
  return out;
}

/** The post URLs linked in a message, in order. */
const linkedUrls = (message: RenderedMessage) =>
  richElements(message.blocks).flatMap((element) => (element.type === "link" ? [element.url] : []));

describe("renderDigest: a big digest", () => {
  const digest = compose(CANDIDATES, { perTopic: 50, total: 500 });
  const messages = render(digest);

  it("is the case it means to be: every topic, an overflowing one, and most posts shown", () => {
    expect(digest.sections.map((s) => s.topicId)).toEqual([...TOPIC_IDS, OTHER_TOPIC_ID]);
    expect(digest.sections.find((s) => s.topicId === "kubernetes")?.more).toBeGreaterThan(0);
    expect(digest.postCount).toBeGreaterThan(400);
  });

  it("splits into a main message and thread replies, each within Slack's limits", () => {
    expect(messages.thread.length).toBeGreaterThan(0);
    for (const message of all(messages)) {
      expect(checkLimits(message)).toEqual([]);
      expect(message.text.length).toBeLessThanOrEqual(SLACK_LIMITS.fallbackText);
    }
  });

  it("shows every post exactly once across the messages, in digest order", () => {
    const shown = all(messages).flatMap(linkedUrls);
    const expected = digest.sections.flatMap((s) => s.posts.map((p) => p.url));
    expect(shown).toEqual(expected);
    expect(new Set(shown).size).toBe(digest.postCount);
  });

  it("keeps hostile text in rich_text elements only", () => {
    for (const message of all(messages)) {
      for (const text of [message.text, ...mrkdwnTexts(message.blocks)]) {
        expect(text).not.toContain("<!");
        expect(text).not.toContain("<@");
        expect(text).not.toContain("<#");
        expect(text).not.toContain("<https://evil");
        expect(text).not.toContain(HOSTILE_TITLE);
        for (const formatting of ["*bold*", "_italic_", "~strike~", "`code`", "*stars*"]) expect(text).not.toContain(formatting);
      }
      // …where Slack shows it literally.
      const rich = richElements(message.blocks);
      expect(rich.some((element) => element.type === "link" && element.text?.startsWith(HOSTILE_TITLE))).toBe(true);
      expect(rich.some((element) => element.type === "text" && element.text?.includes(HOSTILE_SUMMARY.trim()))).toBe(true);
    }
  });

  it("starts each continuation with “(continued)”, naming the section it starts inside", () => {
    for (const continuation of messages.thread) {
      const [first] = mrkdwnTexts(continuation.blocks.slice(0, 1));
      expect(first).toMatch(/^\(continued\)( · \*[^*]+\*)?$/);
      expect(continuation.text).toMatch(/^Recap for 2026-11-20 \(continued\): \d+ posts?/);
    }
    // Kubernetes alone (50 posts) takes more than one message, so some continuation starts inside it.
    expect(messages.thread.some((m) => mrkdwnTexts(m.blocks.slice(0, 1))[0] === "(continued) · *Kubernetes*")).toBe(true);
  });

  it("heads the main message with the date and count, and points to the thread", () => {
    expect(mrkdwnTexts(messages.main.blocks.slice(0, 1))).toEqual([
      `*Recap for 2026-11-20* · ${digest.postCount} posts · continued in the thread`,
    ]);
    expect(messages.main.text.startsWith(`Recap for 2026-11-20: ${digest.postCount} posts\n• `)).toBe(true);
  });

  it("says how many each topic left out, with the command that shows them", () => {
    const lines = all(messages).flatMap((m) => mrkdwnTexts(m.blocks));
    const kubernetes = digest.sections.find((s) => s.topicId === "kubernetes");
    expect(kubernetes?.more).toBe(CANDIDATES.filter((p) => p.topics[0] === "kubernetes").length - 50);
    expect(lines).toContain(`and ${kubernetes?.more} more — \`/recap kubernetes\``);
    for (const s of digest.sections.filter((s) => s.more === 0)) expect(lines.join("\n")).not.toContain(`/recap ${s.topicId}\``);
  });

  it("leaves room in the main message for the preview's note", () => {
    const preview = renderOutcome({ kind: "digest-preview", channelId: "C1", digest, emptyNote: false }, { shareable: false });
    expect(checkLimits(preview)).toEqual([]);
    expect(preview.blocks.length).toBe(messages.main.blocks.length + 1);
    expect(totalTextLength(messages.main)).toBeLessThanOrEqual(SLACK_LIMITS.totalText - 200);
  });
});

describe("renderDigest: everyday digests", () => {
  it("fits the default limits (5 per topic, 20 in all) in one message, with the rest counted", () => {
    const digest = compose(CANDIDATES, {});
    expect(digest.postCount).toBe(20);
    const messages = render(digest);
    expect(messages.thread).toEqual([]);
    expect(checkLimits(messages.main)).toEqual([]);
    expect(linkedUrls(messages.main)).toEqual(digest.sections.flatMap((s) => s.posts.map((p) => p.url)));

    const lines = mrkdwnTexts(messages.main.blocks);
    expect(lines[0]).toBe("*Recap for 2026-11-20* · 20 posts");
    for (const s of digest.sections) {
      const command = s.topicId === OTHER_TOPIC_ID ? "latest" : s.topicId;
      const more = `and ${s.more} more — \`/recap ${command}\``;
      const label = `*${escapeInert(s.topicLabel, 100)}*`; // "AI &amp; ML": Slack shows "AI & ML"
      if (s.posts.length === 0) expect(lines).toContain(`${label}\n${more}`);
      else {
        expect(lines).toContain(label);
        if (s.more > 0) expect(lines).toContain(more);
      }
    }
  });

  it("shows a post as a bold linked title, its source feed and a one-line summary of at most 200 characters", () => {
    const digest = compose([{ ...CANDIDATES[0]!, feeds: ["https://a.example/rss", "https://b.example/rss"] }], {});
    const [heading, label, block, ...rest] = render(digest).main.blocks;
    expect(rest).toEqual([]);
    expect(mrkdwnTexts([heading!, { ...label!, accessory: undefined } as KnownBlock])).toEqual([
      "*Recap for 2026-11-20* · 1 post",
      "*Kubernetes*",
    ]);
    const [title, source, summary, ...others] = richElements([block!]);
    expect(others).toEqual([]);
    expect(title).toMatchObject({ type: "link", url: "https://blog.example.com/posts/0", style: { bold: true } });
    expect(String(title?.text).length).toBeLessThanOrEqual(200);
    // The feed's host when its title is not known, else its title.
    expect(source).toEqual({ type: "text", text: " · a.example +1", style: { italic: true } });
    const titled = renderDigest({ ...digest, feedTitles: { "https://b.example/rss": "B Weekly" } })!;
    expect(richElements(titled.main.blocks).find((element) => JSON.stringify(element).includes("B Weekly"))).toEqual({
      type: "text",
      text: " · B Weekly +1",
      style: { italic: true },
    });
    expect(summary?.type).toBe("text");
    expect(String(summary?.text).startsWith(`\n${HOSTILE_SUMMARY.trim()}`)).toBe(true);
    expect(String(summary?.text).length).toBeLessThanOrEqual(201);
    expect(String(summary?.text).slice(1)).not.toContain("\n");
  });

  it("links only http(s) URLs, and falls back to the feed's host", () => {
    const unsafe: Post = { ...CANDIDATES[0]!, url: "javascript:alert(1)", feeds: ["https://feeds.example.net/rss"] };
    const block = render(compose([unsafe], {})).main.blocks[2]!;
    const [title, source] = richElements([block]);
    expect(title).toMatchObject({ type: "text", style: { bold: true } });
    expect(source).toMatchObject({ type: "text", text: " · feeds.example.net" });
    expect(JSON.stringify(block)).not.toContain("javascript:");
  });

  it("escapes a hostile topic label from storage", () => {
    const digest: Digest = {
      channelId: "C1",
      date: "2026-11-20",
      since: SINCE,
      until: UNTIL,
      postCount: 1,
      sections: [{ topicId: "x", topicLabel: "<!channel> *loud*", posts: [CANDIDATES[0]!], more: 3 }],
    };
    const texts = mrkdwnTexts(render(digest).main.blocks);
    expect(texts.join("\n")).not.toContain("<!");
    expect(texts.join("\n")).not.toContain("*loud*");
  });

  it("posts a short note on an empty day only when asked", () => {
    const empty = compose([], {});
    expect(renderDigest(empty)).toBeUndefined();
    expect(renderDigest(empty, { emptyNote: false })).toBeUndefined();
    const note = render(empty, { emptyNote: true });
    expect(note.thread).toEqual([]);
    expect(checkLimits(note.main)).toEqual([]);
    expect(note.main.text).toBe("Recap for 2026-11-20: Nothing new on your topics today.");
    expect(mrkdwnTexts(note.main.blocks)).toEqual(["*Recap for 2026-11-20* · Nothing new on your topics today."]);
  });

  it("has nothing to post when the caps leave no post at all", () => {
    const digest = compose(CANDIDATES.slice(0, 3), { total: 0 });
    expect(digest.sections.map((s) => [s.posts.length, s.more])).toEqual([[0, 3]]);
    expect(renderDigest(digest)).toBeUndefined();
  });
});
