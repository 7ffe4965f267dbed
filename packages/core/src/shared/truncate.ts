/**
 * The one truncator: every length limit — a post's stored title and summary, a talk's note, a
 * Slack block, an event's title — cuts text the same way.
 */

/** Share of the room given up to end on a word boundary. */
const WORD_SLACK = 0.3;

/**
 * At most `max` UTF-16 code units (so at most `max` characters however Slack counts), ending in "…"
 * when cut: at the last whitespace within the final 30% of the room, else a hard cut that never
 * splits a surrogate pair or an emoji sequence's joiner from what it joins.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max < 1) return "";
  return shorten(text, max - 1);
}

/** The first `keep` code units of `text` (fewer, to end on a word or a whole character), plus "…". */
export function shorten(text: string, keep: number): string {
  let limit = Math.max(0, Math.min(keep, text.length));
  if (limit > 0 && isHighSurrogate(text.charCodeAt(limit - 1))) limit--;
  let cut = limit;
  // A space exactly at the limit is a clean break too, hence j starts at limit.
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
