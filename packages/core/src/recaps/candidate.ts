/**
 * Which posts may be conference recaps, judged without parsing them (this runs on every changed
 * item of every feed), and whether a feed's content is the post itself or only a teaser.
 */
import type { Feed } from "../model/feed";
import { htmlToText } from "../posts/text";
import type { NormalizedItem } from "../model/post";
import { looksLikeRecapTitle } from "./titles";
import { MAX_LINK_LENGTH } from "./links";

/**
 * Links to video and slide hosts: a cheap count, so most posts never reach the HTML parser. It runs
 * on every changed item of every feed, so it is one linear scan of attribute values (no pattern that
 * can backtrack over hostile markup) and looks at the first SCAN_BYTES only.
 */
const ATTRIBUTE = /\b(?:href|src)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/gi;
const TALK_HOST =
  /^https?:\/\/(?:[a-z0-9-]+\.)*(?:youtube\.com|youtu\.be|youtube-nocookie\.com|vimeo\.com|speakerdeck\.com|slideshare\.net|sched\.com|sched\.co|docs\.google\.com\/presentation)(?:[/?#]|$)/i;
const SCAN_BYTES = 512 * 1024;

function isTalkLink(value: string): boolean {
  if (value.length > MAX_LINK_LENGTH) return false;
  return TALK_HOST.test(value) || /\.pdf$/i.test(value.split(/[?#]/, 1)[0] ?? "");
}

/** A recap worth parsing carries at least this many talk links (detection decides the rest). */
const MIN_TALK_LINKS = 3;
/** Content this much longer than the summary is the post itself, not a teaser. */
const EXCERPT_SLACK = 40;

function talkLinkCount(html: string | undefined, enough = MIN_TALK_LINKS): number {
  if (!html) return 0;
  let count = 0;
  for (const match of html.slice(0, SCAN_BYTES).matchAll(ATTRIBUTE)) {
    if (isTalkLink((match[1] ?? match[2] ?? match[3] ?? "").trim()) && ++count >= enough) break;
  }
  return count;
}

/**
 * Whether an item may be a recap, judged without parsing: its feed is marked as a recap feed, its
 * content links several talks, or its title announces a conference recap (then the page is read).
 */
export function mayBeRecap(item: Pick<NormalizedItem, "title" | "summary" | "content">, feed: Pick<Feed, "isRecapFeed">): boolean {
  return feed.isRecapFeed === true || talkLinkCount(item.content) >= MIN_TALK_LINKS || looksLikeRecapTitle(item.title, item.summary);
}

/**
 * Excerpt feeds carry no content, or a teaser: one paragraph no longer than the summary ("… Read
 * more"). Content with headings, lists or several paragraphs is the post itself, however short.
 */
export function isExcerpt(item: Pick<NormalizedItem, "content" | "summary">): boolean {
  const content = item.content;
  if (!content) return true;
  if (talkLinkCount(content) >= MIN_TALK_LINKS) return false;
  const blocks = content.match(BLOCK_START)?.length ?? 0;
  return blocks <= 1 && htmlToText(content).length <= item.summary.length + EXCERPT_SLACK;
}

const BLOCK_START = /<(?:p|h[1-6]|ul|ol|li|table|figure|blockquote|pre|iframe)\b/gi;
