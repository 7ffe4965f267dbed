/**
 * Sentences for Slack: runs of our own words, outside text, links, inline code and emoji, rendered
 * twice — as rich_text elements for the blocks (Slack shows them literally) and as escaped mrkdwn for
 * the fallback `text` (see render.ts for the rules). Shared by every message Recap renders.
 */
import type { KnownBlock, RichTextBlock, RichTextElement, RichTextSection, RichTextText } from "@slack/types";
import { context, section } from "./blocks";
import { escapeInert, escapeMrkdwn, escapeTruncated, linkTarget, neutralizeMrkdwn, oneLine, slackLink, truncate } from "./escape";
import { SLACK_LIMITS } from "./limits";
import type { RenderedMessage } from "./blocks";

/**
 * A titled list (the title is our own mrkdwn) whose items are bullets of rich text, packed into as few
 * rich_text blocks as fit, within the text budget; the rest is counted.
 */
export function list(title: string, items: Piece[][], text: string, more: (hidden: number) => string): RenderedMessage {
  const budget = SLACK_LIMITS.totalText - text.length - title.length - 200;
  const blocks: KnownBlock[] = [section(title)];
  let current: RichTextSection[] = [];
  let currentLength = 0;
  let used = 0;
  let shown = 0;
  const flush = () => {
    if (current.length > 0) blocks.push({ type: "rich_text", elements: [{ type: "rich_text_list", style: "bullet", elements: current }] });
    current = [];
    currentLength = 0;
  };
  for (const item of items) {
    const elements = inline(item);
    const length = richLength(elements);
    if (used + length > budget || blocks.length >= SLACK_LIMITS.blocks - 2) break;
    if (current.length > 0 && currentLength + length > SLACK_LIMITS.richTextBlock) flush();
    current.push({ type: "rich_text_section", elements });
    currentLength += length;
    used += length;
    shown++;
  }
  flush();
  if (shown < items.length) blocks.push(context(more(items.length - shown)));
  return { text, blocks };
}

// ---------------------------------------------------------------------------------------------------------
// Sentences: the same words as rich text (blocks) and as mrkdwn (fallback text)

export type Style = NonNullable<RichTextText["style"]>;

/** A run of a sentence. */
export type Piece =
  /** Our own words: literal in the blocks, escaped in the fallback. */
  | { kind: "words"; text: string; style?: Style }
  /** Outside text: one line, cut at `max`; literal in the blocks, escaped and neutralized in the fallback. */
  | { kind: "data"; text: string; max: number; style?: Style }
  /** A link to an outside URL (http(s) only, canonical) labelled with outside text. */
  | { kind: "link"; url: string; label: string; maxLabel: number; maxUrl: number }
  /** Inline code: a command to paste back. */
  | { kind: "code"; text: string; max: number }
  | { kind: "emoji"; name: string };

export const words = (text: string, style?: Style): Piece => ({ kind: "words", text, ...(style ? { style } : {}) });
export const data = (text: string, max: number, style?: Style): Piece => ({ kind: "data", text, max, ...(style ? { style } : {}) });
export const code = (text: string, max = 200): Piece => ({ kind: "code", text, max });
export const emoji = (name: string): Piece => ({ kind: "emoji", name });

export const LINK = { maxLabel: 300, maxUrl: 1000 };

export function link(url: string, label: string, options: { maxLabel: number; maxUrl: number }): Piece {
  return { kind: "link", url, label, ...options };
}

export function feedName(url: string, title: string | undefined, options = { maxLabel: 150, maxUrl: 1000 }): Piece {
  return link(url, title?.trim() ? title : url, options);
}

/**
 * A sentence of the core's that quotes commands in backticks ("e.g. `gitops page 2`"): each quoted
 * part becomes inline code, since rich text would show the backticks themselves. All of it is treated
 * as outside text, as the sentence may carry some (a post id, words as typed): in the fallback text
 * the quotes stay inert look-alikes.
 */
export function prose(text: string, max: number): Piece[] {
  const pieces: Piece[] = [];
  // Outside text is trimmed as it is shown: the spaces around a quote are kept as words of their own.
  const plain = (part: string) => {
    const [, before = "", middle = "", after = ""] = /^(\s*)(.*?)(\s*)$/s.exec(part) ?? [];
    if (before) pieces.push(words(before));
    if (middle) pieces.push(data(middle, max));
    if (after) pieces.push(words(after));
  };
  let rest = truncate(oneLine(text), max);
  for (let quoted = /`([^`]+)`/.exec(rest); quoted; quoted = /`([^`]+)`/.exec(rest)) {
    plain(rest.slice(0, quoted.index));
    pieces.push(data(quoted[1]!, max, { code: true }));
    rest = rest.slice(quoted.index + quoted[0].length);
  }
  plain(rest);
  return pieces;
}

/**
 * A reason in a sentence, ending in a full stop. Recap's own reasons quote commands (see prose);
 * an outside one (a feed server's error) is shown as it came.
 */
export function reason(text: string, from: "recap" | "outside" = "outside"): Piece[] {
  const shown = truncate(oneLine(text), 500);
  if (!shown) return [words("no reason given.")];
  const pieces = from === "recap" ? prose(shown, 500) : [data(shown, 500)];
  return /[.!?…]$/.test(shown) ? pieces : [...pieces, words(".")];
}

/** A one-block message: the sentence in rich text, and the same sentence as the fallback text. */
export function sentence(pieces: Piece[]): RenderedMessage {
  return { text: pieces.map(fallbackOf).join(""), blocks: [richText(inline(pieces))] };
}

/** The rich text elements of a sentence; neighbouring text of one style becomes one element. */
export function inline(pieces: Piece[]): RichTextElement[] {
  const out: RichTextElement[] = [];
  for (const piece of pieces) {
    const element = elementOf(piece);
    if (element === undefined) continue;
    const last = out[out.length - 1];
    if (element.type === "text" && last?.type === "text" && sameStyle(last.style, element.style)) last.text += element.text;
    else out.push(element);
  }
  return out;
}

export function elementOf(piece: Piece): RichTextElement | undefined {
  switch (piece.kind) {
    case "words":
      return piece.text ? text(piece.text, piece.style) : undefined;
    case "data": {
      const shown = truncate(oneLine(piece.text), piece.max);
      return shown ? text(shown, piece.style) : undefined;
    }
    case "code": {
      const shown = truncate(oneLine(piece.text), piece.max);
      return shown ? text(shown, { code: true }) : undefined;
    }
    case "link": {
      const label = truncate(oneLine(piece.label) || oneLine(piece.url), piece.maxLabel);
      if (!label) return undefined;
      const target = linkTarget(piece.url);
      return target !== undefined && target.length <= piece.maxUrl ? { type: "link", url: target, text: label } : text(label);
    }
    case "emoji":
      return { type: "emoji", name: piece.name };
  }
}

/**
 * The piece as mrkdwn for the top-level `text`. Outside text is escaped (no pings, no forged links) and its
 * `*`, `_`, `~` and backticks are swapped for look-alikes (escapeInert; why look-alikes: neutralizeMrkdwn),
 * so a title cannot format the notification either. Styles are left out: a notification shows them poorly.
 */
export function fallbackOf(piece: Piece): string {
  switch (piece.kind) {
    case "words":
      return escapeMrkdwn(piece.text);
    case "data":
      // Quoted outside text keeps its quotes, as inert look-alikes (see prose).
      return piece.style?.code ? neutralizeMrkdwn(`\`${escapeInert(piece.text, piece.max)}\``) : escapeInert(piece.text, piece.max);
    case "code":
      return mrkdwnCode(piece.text, piece.max);
    case "link":
      return slackLink(piece.url, piece.label, { maxLabel: piece.maxLabel, maxUrl: piece.maxUrl, inert: true });
    case "emoji":
      return `:${piece.name}:`;
  }
}

export function text(value: string, style?: Style): RichTextText {
  return style ? { type: "text", text: value, style: { ...style } } : { type: "text", text: value };
}

export function sameStyle(a: Style | undefined, b: Style | undefined): boolean {
  return JSON.stringify(a ?? {}) === JSON.stringify(b ?? {});
}

export function richText(elements: RichTextElement[]): RichTextBlock {
  return { type: "rich_text", elements: [{ type: "rich_text_section", elements }] };
}

/** What limits.ts counts for rich text: element text and link URLs. */
export function richLength(elements: RichTextElement[]): number {
  let length = 0;
  for (const element of elements) {
    if (element.type === "text") length += element.text.length;
    else if (element.type === "link") length += (element.text?.length ?? 0) + element.url.length;
  }
  return length;
}

// ---------------------------------------------------------------------------------------------------------
// Pieces of our own mrkdwn

/** A one-section message of our own words (no outside text), whose fallback text says the same. */
export function plain(text: string): RenderedMessage {
  return { text, blocks: [section(text)] };
}

/** Inline code in mrkdwn. The content is escaped too (Slack decodes entities inside code spans), and cannot end the span. */
export function mrkdwnCode(text: string, max = 200): string {
  return `\`${escapeTruncated(oneLine(text).replace(/`/g, "'"), max)}\``;
}

/** "a, b or c", each item a run of pieces. */
export function orList(items: Piece[][]): Piece[] {
  const out: Piece[] = [];
  items.forEach((item, i) => {
    if (i > 0) out.push(words(i === items.length - 1 ? " or " : ", "));
    out.push(...item);
  });
  return out;
}
