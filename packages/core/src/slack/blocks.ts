/** Small Block Kit builders shared by every Slack message Recap renders. */
import type { ContextBlock, MrkdwnElement, SectionBlock } from "@slack/types";

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

export function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

/** A URL's host without "www.", for "from example.com" lines; undefined when it has none. */
export function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname.replace(/^www\./, "") || undefined;
  } catch {
    return undefined;
  }
}
