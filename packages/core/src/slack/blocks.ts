/** Small Block Kit builders shared by every Slack message Recap renders. */
import type { ContextBlock, MrkdwnElement, SectionBlock } from "@slack/types";
import { oneLine } from "./escape";

export type { RenderedMessage } from "../ports/slack";

/** verbatim: Slack must not turn "@here", "#channel" or bare URLs into anything, even in our own words. */
export function mrkdwn(text: string): MrkdwnElement {
  return { type: "mrkdwn", text, verbatim: true };
}

export function section(text: string): SectionBlock {
  return { type: "section", text: mrkdwn(text) };
}

export function context(text: string): ContextBlock {
  return { type: "context", elements: [mrkdwn(text)] };
}

export { plural } from "../shared/words";

/** A URL's host without "www.", for "from example.com" lines; undefined when it has none. */
export function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname.replace(/^www\./, "") || undefined;
  } catch {
    return undefined;
  }
}

/** A post's source: its feed's title ("Kubernetes Blog", else the feed's host), "+2" when two more feeds carried it. */
export function sourceOf(post: { url: string; feeds: string[] }, feedTitles: Record<string, string> = {}): string | undefined {
  const feed = post.feeds.find((url) => feedTitles[url]) ?? post.feeds[0];
  const host = (feed && feedTitles[feed]) ?? (feed === undefined ? undefined : hostOf(feed)) ?? hostOf(post.url);
  if (host === undefined) return undefined;
  const others = new Set(post.feeds).size - 1;
  return oneLine(others > 0 ? `${host} +${others}` : host) || undefined;
}

/** YYYY-MM-DD in UTC, or undefined for an unparsable date. */
export function formatDate(iso: string): string | undefined {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString().slice(0, 10);
}
