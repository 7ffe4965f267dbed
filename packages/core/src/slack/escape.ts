/**
 * Making outside text (feed titles, summaries, error messages, what people typed) safe for Slack mrkdwn.
 *
 * Slack has exactly three control characters — `&`, `<`, `>` — and everything special (mentions,
 * `<!channel>`, links) is spelled with them, so escaping those three makes any text inert
 * (https://docs.slack.dev/messaging/formatting-message-text#escaping). `*bold*`, `_italic_` and
 * `:emoji:` in a title may still render; that is harmless: no pings, no links.
 */

/** `&` → `&amp;` (first, so an existing `&amp;` shows literally), `<` → `&lt;`, `>` → `&gt;`. Nothing else. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
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
}

/**
 * `<url|label>` for an http(s) URL, otherwise just the escaped label. The label is folded onto one line
 * and escaped; an empty label falls back to the URL itself.
 */
export function slackLink(url: string, label: string, options: LinkOptions = {}): string {
  const text = oneLine(label) || oneLine(url);
  const escaped = options.maxLabel === undefined ? escapeMrkdwn(text) : escapeTruncated(text, options.maxLabel);
  const target = linkTarget(url);
  if (target === undefined || escaped === "") return escaped;
  if (options.maxUrl !== undefined && target.length > options.maxUrl) return escaped;
  return `<${target}|${escaped}>`;
}

/**
 * At most `max` UTF-16 code units (so at most `max` characters however Slack counts), ending in "…" when
 * cut: at a word boundary when one is near the end, never inside a surrogate pair.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max < 1) return "";
  return shorten(text, max - 1);
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

/** Share of the room we give up to end on a word boundary. */
const WORD_SLACK = 0.3;

/** The first `keep` code units of `text` (fewer, to end on a word or whole character), plus "…". */
function shorten(text: string, keep: number): string {
  let limit = Math.max(0, Math.min(keep, text.length));
  if (limit > 0 && isHighSurrogate(text.charCodeAt(limit - 1))) limit--;
  let cut = limit;
  for (let j = limit; j > 0 && j >= Math.ceil(limit * (1 - WORD_SLACK)); j--) {
    if (/\s/.test(text[j] ?? "")) {
      cut = j;
      break;
    }
  }
  // A cut right after a zero-width joiner or variation selector would leave half an emoji sequence.
  const head = text.slice(0, cut).replace(/[\u200D\uFE0E\uFE0F]+$/, "");
  return `${head.replace(/[\s,;:]+$/, "")}…`;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
