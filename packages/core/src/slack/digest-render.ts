/**
 * Digest → Slack messages: the main message, plus continuations posted as thread replies when the
 * digest does not fit one message.
 *
 * The same rules as render.ts: outside text (titles, summaries, hosts, URLs) only goes into rich_text
 * `text` and `link` elements, which Slack shows literally; mrkdwn text objects (all `verbatim`) carry our
 * own words — the heading, topic labels, "and N more" lines — with the taxonomy's labels and ids still
 * passed through escapeInert (team-defined topics come from storage). The fallback `text` escapes and
 * neutralizes titles (escapeInert).
 *
 * Layout: a heading ("Recap for <date> · N posts"), then per section its label in bold, one rich_text
 * block per post (the title in bold, linked when the URL is http(s); the source host; a one-line
 * summary), and "and N more — `/recap <topic>`" when the caps left posts out. A section's label
 * carries its correction menu (correction-menu.ts): one block per post keeps a day in one message. Titles and summaries
 * shrink (DETAIL) before the digest spills into a thread. Messages are packed
 * greedily at post boundaries — a section's label travels with its first post and its "more" line with
 * its last — and each one is checked with checkLimits. A continuation starts with "(continued)", naming
 * the section when it starts inside one. The main message keeps one block and a little text spare, so the
 * preview (render.ts) can add its "…in the thread" note.
 */
import { context, plural, section } from "./blocks";
import type { KnownBlock } from "@slack/types";
import { OTHER_TOPIC_ID } from "../digest/compose";
import type { Digest, DigestSection } from "../model/digest";
import type { Post } from "../model/post";
import { escapeInert, oneLine } from "./escape";
import { SLACK_LIMITS, checkLimits, totalTextLength } from "./limits";
import { sectionMenu } from "./correction-menu";
import { postCard, type CardDetail } from "./post-card";
import type { DigestMessages, RenderedMessage } from "../ports/slack";

export type { DigestMessages } from "../ports/slack";

/**
 * How much of each post to show. The first level at which the whole digest fits one message wins; a
 * digest that fits none goes into the thread at the last (tersest) level, so it takes fewer messages.
 */
type Detail = CardDetail;

/** Compact cards: the source (`context`) and the longest linked URL stay; title and summary shrink. */
const DETAIL: readonly [Detail, ...Detail[]] = [
  { title: 200, summary: 200, context: 100, url: 1000 },
  { title: 150, summary: 100, context: 100, url: 1000 },
];
const LABEL_MAX = 100;
/** The fallback `text`: each title, and all of it (it counts toward the message's text budget too). */
const FALLBACK_TITLE = 80;
const FALLBACK_BUDGET = 1000;
/** Room the main message leaves for the preview's note (render.ts, "digest-preview"). */
const MAIN_SPARE_BLOCKS = 1;
const MAIN_SPARE_TEXT = 200;

const NOTHING_NEW = "Nothing new on your topics today.";

/** The digest as messages, or undefined when there is nothing to post (no posts, and no `emptyNote`). */
export function renderDigest(digest: Digest, options: { emptyNote?: boolean } = {}): DigestMessages | undefined {
  const date = escapeInert(digest.date, 40);
  const shown = digest.sections.reduce((sum, section) => sum + section.posts.length, 0);
  if (shown === 0) {
    if (!options.emptyNote) return undefined;
    return { main: { text: `Recap for ${date}: ${NOTHING_NEW}`, blocks: [section(`*Recap for ${date}* · ${NOTHING_NEW}`)] }, thread: [] };
  }

  for (const [index, detail] of DETAIL.entries()) {
    const last = index === DETAIL.length - 1;
    const pages = pack(digest, detail, shown, !last);
    if (!pages) continue;
    const threaded = pages.length > 1;
    const [first, ...rest] = pages.map((page, i) => build(digest, page, i === 0, shown, threaded));
    if (first) return { main: first, thread: rest };
  }
  throw new Error("unreachable: the last detail level always packs");
}

// ---------------------------------------------------------------------------------------------------------
// Packing

/** Blocks that stay together: a post, with its section's label when it is the first and the "more" line when the last. */
interface Unit {
  blocks: KnownBlock[];
  posts: Post[];
  section: DigestSection;
  opensSection: boolean;
}

/** One message's units; `inside` names the section a continuation starts in the middle of. */
interface Page {
  units: Unit[];
  inside?: DigestSection;
}

/**
 * The digest's units packed greedily into messages; undefined when `oneMessage` and they need more than one.
 * The main message is packed with its longer heading (" · continued in the thread"), so either heading fits.
 */
function pack(digest: Digest, detail: Detail, shown: number, oneMessage: boolean): Page[] | undefined {
  const pages: Page[] = [];
  let page: Page = { units: [] };
  for (const unit of units(digest.sections, detail, digest.feedTitles, digest.topicFilter)) {
    const main = pages.length === 0;
    const candidate: Page = { ...page, units: [...page.units, unit] };
    if (fits(build(digest, candidate, main, shown, true), main)) {
      page = candidate;
      continue;
    }
    if (oneMessage) return undefined;
    // A unit is at most three blocks of bounded text (about 2,000 characters), so it always fits a fresh message.
    pages.push(page);
    page = { units: [unit], ...(unit.opensSection ? {} : { inside: unit.section }) };
  }
  pages.push(page);
  return pages;
}

function units(sections: DigestSection[], detail: Detail, feedTitles: Record<string, string> = {}, topicFilter?: string[]): Unit[] {
  const out: Unit[] = [];
  for (const s of sections) {
    if (s.posts.length === 0) {
      // Cut by the total cap: the label and its "more" line in one block.
      if (s.more > 0) out.push({ blocks: [section(`${labelOf(s)}\n${moreLine(s)}`)], posts: [], section: s, opensSection: true });
      continue;
    }
    s.posts.forEach((post, index) => {
      const blocks: KnownBlock[] = [];
      if (index === 0) {
        const menu = sectionMenu(s.topicId === OTHER_TOPIC_ID ? undefined : s.topicId, s.posts);
        blocks.push({ ...section(labelOf(s)), ...(menu ? { accessory: menu } : {}) });
      }
      blocks.push(postCard(post, detail, { compact: true, feedTitles, topicFilter }));
      if (index === s.posts.length - 1 && s.more > 0) blocks.push(context(moreLine(s)));
      out.push({ blocks, posts: [post], section: s, opensSection: index === 0 });
    });
  }
  return out;
}

function fits(message: RenderedMessage, main: boolean): boolean {
  if (checkLimits(message).length > 0) return false;
  if (!main) return true;
  return (
    message.blocks.length <= SLACK_LIMITS.blocks - MAIN_SPARE_BLOCKS && totalTextLength(message) <= SLACK_LIMITS.totalText - MAIN_SPARE_TEXT
  );
}

function build(digest: Digest, page: Page, main: boolean, shown: number, threaded: boolean): RenderedMessage {
  const date = escapeInert(digest.date, 40);
  const posts = page.units.flatMap((unit) => unit.posts);
  const head = main
    ? section(`*Recap for ${date}* · ${plural(shown, "post")}${threaded ? " · continued in the thread" : ""}`)
    : section(page.inside ? `(continued) · ${labelOf(page.inside)}` : "(continued)");
  const heading = main ? `Recap for ${date}: ${plural(shown, "post")}` : `Recap for ${date} (continued): ${plural(posts.length, "post")}`;
  return { text: fallback(heading, posts), blocks: [head, ...page.units.flatMap((unit) => unit.blocks)] };
}

/** The heading, then a bullet per title while they fit FALLBACK_BUDGET, then how many did not. */
function fallback(heading: string, posts: Post[]): string {
  let text = heading;
  for (const [index, post] of posts.entries()) {
    const line = `\n• ${escapeInert(oneLine(post.title) || post.url, FALLBACK_TITLE) || "Untitled"}`;
    const left = posts.length - index - 1;
    const tail = left > 0 ? `\n…and ${left} more`.length : 0;
    if (text.length + line.length + tail > FALLBACK_BUDGET) return `${text}\n…and ${posts.length - index} more`;
    text += line;
  }
  return text;
}

// ---------------------------------------------------------------------------------------------------------
// Blocks

/** The section's label in bold (the taxonomy's words, escaped and neutralized all the same). */
function labelOf(s: DigestSection): string {
  return `*${escapeInert(s.topicLabel, LABEL_MAX) || escapeInert(s.topicId, LABEL_MAX) || "Topic"}*`;
}

/** "and 7 more — `/recap gitops`" (`/recap latest` for Other, which is no topic). */
function moreLine(s: DigestSection): string {
  const command = s.topicId === OTHER_TOPIC_ID ? "latest" : escapeInert(s.topicId, 60);
  return `and ${s.more} more — \`/recap ${command}\``;
}
