/**
 * Making outside text (feed titles, summaries, error messages, what people typed) safe for Slack mrkdwn.
 *
 * The blocks of a message carry outside text only in rich_text elements, which Slack shows literally
 * (see render.ts); what is here is for the places Slack still parses as mrkdwn: the top-level `text`
 * (notifications and fallback) and our own links in it.
 *
 * Slack has exactly three control characters — `&`, `<`, `>` — and everything special (mentions,
 * `<!channel>`, links) is spelled with them, so escaping those three makes any text unable to ping or
 * link (https://docs.slack.dev/messaging/formatting-message-text#escaping). Formatting (`*bold*`,
 * `_italic_`, `~strike~`, `` `code` ``) has no escape in mrkdwn at all: neutralizeMrkdwn swaps those
 * characters for look-alikes.
 */
import { shorten, truncate } from "../shared/truncate";

export { truncate };

/** `&` → `&amp;` (first, so an existing `&amp;` shows literally), `<` → `&lt;`, `>` → `&gt;`. Nothing else. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * Formatting characters → look-alikes that Slack never reads as formatting: `*` → `∗` (U+2217 asterisk
 * operator), `_` → `ˍ` (U+02CD modifier letter low macron), `~` → `∼` (U+223C tilde operator),
 * `` ` `` → `ˋ` (U+02CB modifier letter grave accent).
 *
 * Replaced rather than stripped: "C*", "snake_case" or "~/.config" keep reading the same in a
 * notification, while stripping would change the words. Every replacement is one UTF-16 code unit for
 * one, so lengths (and truncation budgets) do not change. Zero-width characters between the delimiters
 * were not chosen: whether they stop formatting depends on Slack's undocumented word-boundary rules,
 * while a character that is not a delimiter can never be one. Only for text Slack parses as mrkdwn: the
 * blocks show the real characters.
 */
export function neutralizeMrkdwn(text: string): string {
  return text.replace(MRKDWN_FORMATTING, (ch) => LOOK_ALIKE[ch] ?? ch);
}

const MRKDWN_FORMATTING = /[*_~`]/g;
const LOOK_ALIKE: Record<string, string> = { "*": "\u2217", _: "\u02CD", "~": "\u223C", "`": "\u02CB" };

/** Outside text for mrkdwn: one line, formatting neutralized, escaped, at most `max` characters after escaping. */
export function escapeInert(text: string, max: number): string {
  return escapeTruncated(neutralizeMrkdwn(oneLine(text)), max);
}

/**
 * Outside text for a plain_text object that must hold it (a menu option's label: rich_text cannot go
 * there). Slack shows plain_text literally, and more: `<` `>` become look-alikes (‹ ›) and formatting
 * characters are neutralized, so the label reads the same if it is ever shown as mrkdwn. At most `max`.
 */
export function plainInert(text: string, max: number): string {
  return truncate(neutralizeMrkdwn(oneLine(text)).replace(/</g, "\u2039").replace(/>/g, "\u203A"), max);
}

// Bidi embeddings/overrides/isolates and marks: they can make a label read differently from what it links to.
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
const BREAKING_SPACE = /[\s\p{Cc}]+/gu;

/** One line of text: every run of whitespace, line breaks and control characters becomes one space; trimmed. */
export function oneLine(text: string): string {
  return text.replace(BIDI_CONTROLS, "").replace(BREAKING_SPACE, " ").trim();
}

// Inside `<url|label>` these would end the URL early or start the label: percent-encode them.
const URL_UNSAFE = /[\s\p{Cc}|<>\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu;

/**
 * The URL as it may appear inside `<…|…>`, or undefined when it is not an absolute http(s) URL
 * (javascript:, data:, mailto:, relative, unparsable). `|`, `<`, `>`, whitespace and control characters
 * are percent-encoded; everything else is kept as given.
 */
export function linkTarget(url: string): string | undefined {
  const trimmed = url.trim();
  if (!/^https?:\/\//i.test(trimmed)) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(trimmed);
  } catch {
    return undefined;
  }
  if ((parsed.protocol !== "http:" && parsed.protocol !== "https:") || parsed.hostname === "") return undefined;
  return trimmed.replace(URL_UNSAFE, (ch) => encodeURIComponent(ch));
}

export interface LinkOptions {
  /** Longest label, counted after escaping (the label is cut with "…"). */
  maxLabel?: number;
  /** Longest URL (after encoding) still worth linking; a longer one leaves just the label. */
  maxUrl?: number;
  /** Neutralize formatting characters in the label too (neutralizeMrkdwn): for outside text. */
  inert?: boolean;
}

/**
 * `<url|label>` for an http(s) URL, otherwise just the escaped label. The label is folded onto one line
 * and escaped (and neutralized with `inert`); an empty label falls back to the URL itself.
 */
export function slackLink(url: string, label: string, options: LinkOptions = {}): string {
  const folded = oneLine(label) || oneLine(url);
  const text = options.inert ? neutralizeMrkdwn(folded) : folded;
  const escaped = options.maxLabel === undefined ? escapeMrkdwn(text) : escapeTruncated(text, options.maxLabel);
  const target = linkTarget(url);
  if (target === undefined || escaped === "") return escaped;
  if (options.maxUrl !== undefined && target.length > options.maxUrl) return escaped;
  return `<${target}|${escaped}>`;
}

/**
 * `escapeMrkdwn(truncate(text, …))` with the limit applied to the escaped result: the text is cut
 * before escaping, so an entity such as `&amp;` is never split.
 */
export function escapeTruncated(text: string, max: number): string {
  const escaped = escapeMrkdwn(text);
  if (escaped.length <= max) return escaped;
  if (max < 1) return "";
  const room = max - 1; // For the ellipsis.
  let used = 0;
  let keep = 0;
  for (; keep < text.length; keep++) {
    const cost = escapedLength(text.charCodeAt(keep));
    if (used + cost > room) break;
    used += cost;
  }
  return escapeMrkdwn(shorten(text, keep));
}

function escapedLength(code: number): number {
  if (code === 0x26) return 5; // &amp;
  if (code === 0x3c || code === 0x3e) return 4; // &lt; &gt;
  return 1;
}
