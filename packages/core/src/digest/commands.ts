/**
 * The digest's commands: subscribe, unsubscribe, subscription, digest (preview). Their words are
 * read here — times, zones, days, topics — so mistakes get a specific answer with an example.
 */
import type { Outcome } from "../model/command";
import type { RefreshDeps } from "../ports/deps";
import { findTopic, suggestTopics } from "../topics";
import type { Taxonomy } from "../model/topic";
import { composeDigest } from "./compose";
import { feedTitleLookup, type FeedTitles } from "../feeds/titles";
import { localParts, nextDigestAt, parseTime, parseTimeZone } from "./schedule";
import { DIGEST_SETTLE_MS, type DigestDays, type DigestLimits, type Subscription } from "../model/digest";

const DAY = 86_400_000;
/** Longer than a poll takes between stamping a post's first-seen time and storing it. */
const DEFAULT_TIME = "09:00";

export interface DigestCommandContext {
  channelId?: string;
  userId?: string;
  /** The asking user's own time zone (Slack's users.info), the default for `subscribe`. */
  userTimeZone?: () => Promise<string | undefined>;
}

export type DigestDeps = Pick<RefreshDeps, "store" | "clock" | "taxonomy"> & { digest: DigestLimits };

const NEEDS_CHANNEL: Outcome = {
  kind: "refused",
  reason: "Digests belong to a channel: run this in the channel (in a terminal, add --channel <channel id>).",
};

export async function subscribe(words: string[], context: DigestCommandContext, deps: DigestDeps): Promise<Outcome> {
  if (!context.channelId) return NEEDS_CHANNEL;
  const settings = readSettings(words, await deps.taxonomy());
  if (typeof settings === "string") return { kind: "help", problem: settings };
  // A zone from the user's profile is validated like a typed one; an unknown one falls back to UTC.
  const profileZone = settings.timeZone ? undefined : await context.userTimeZone?.().catch(() => undefined);
  const timeZone = settings.timeZone ?? (profileZone ? parseTimeZone(profileZone) : undefined) ?? "UTC";
  const existing = await deps.store.subscriptions.get(context.channelId);
  const now = deps.clock();
  const subscription: Subscription = {
    // A changed setting keeps the delivery history: the next digest still starts where the last ended.
    ...(existing ?? {}),
    channelId: context.channelId,
    time: settings.time ?? DEFAULT_TIME,
    timeZone,
    days: settings.days ?? "daily",
    topics: settings.topics,
    createdAt: existing?.createdAt ?? now.toISOString(),
    ...(context.userId ? { createdBy: context.userId } : {}),
    status: "active",
  };
  delete subscription.disabledReason;
  delete subscription.lastProblem;
  // A new subscription made after today's time starts tomorrow: its first digest should not
  // surprise the channel a minute later.
  if (!existing) {
    const today = localParts(now, timeZone);
    const [hours = 0, minutes = 0] = subscription.time.split(":").map(Number);
    if (today.minutes >= hours * 60 + minutes) subscription.lastDigestDate = today.date;
  }
  await deps.store.subscriptions.save(subscription);
  return { kind: "subscribed", subscription, nextAt: nextDigestAt(subscription, now).toISOString() };
}

export async function unsubscribe(context: DigestCommandContext, deps: DigestDeps): Promise<Outcome> {
  if (!context.channelId) return NEEDS_CHANNEL;
  const removed = await deps.store.subscriptions.remove(context.channelId);
  return removed ? { kind: "unsubscribed", channelId: context.channelId } : { kind: "subscription", channelId: context.channelId };
}

export async function showSubscription(context: DigestCommandContext, deps: DigestDeps): Promise<Outcome> {
  if (!context.channelId) return NEEDS_CHANNEL;
  const subscription = await deps.store.subscriptions.get(context.channelId);
  if (!subscription) return { kind: "subscription", channelId: context.channelId };
  const nextAt = subscription.status === "active" ? nextDigestAt(subscription, deps.clock()).toISOString() : undefined;
  return { kind: "subscription", channelId: context.channelId, subscription, ...(nextAt ? { nextAt } : {}) };
}

/** The channel's next digest as it would be posted now (all topics when the channel has no subscription). */
export async function previewDigest(context: DigestCommandContext, deps: DigestDeps): Promise<Outcome> {
  if (!context.channelId) return NEEDS_CHANNEL;
  const subscription = await deps.store.subscriptions.get(context.channelId);
  const digest = await digestFor(context.channelId, subscription ?? { topics: [] }, deps, { countWaiting: true });
  return { kind: "digest-preview", channelId: context.channelId, digest, emptyNote: deps.digest.postWhenEmpty };
}

/** Composes the digest a channel would get now: fresh posts first seen since its last digest (else the last 24 h). */
export async function digestFor(
  channelId: string,
  subscription: Pick<Subscription, "topics" | "lastDigestAt"> & Partial<Pick<Subscription, "timeZone">>,
  deps: DigestDeps,
  /** countWaiting: also count what the settle leaves for next time (a preview says so; a posting need not). */
  options: { date?: string; feedTitles?: FeedTitles; countWaiting?: boolean } = {},
) {
  const now = deps.clock();
  // Ending the window a while ago leaves posts a poll is still writing for the next digest,
  // instead of losing them between two windows (DIGEST_SETTLE_MS).
  const until = new Date(now.getTime() - DIGEST_SETTLE_MS).toISOString();
  // At most a week back: a channel resubscribed after months must not read (or get) months of news.
  const weekAgo = new Date(now.getTime() - 7 * DAY).toISOString();
  const since = subscription.lastDigestAt
    ? subscription.lastDigestAt > weekAgo
      ? subscription.lastDigestAt
      : weekAgo
    : new Date(now.getTime() - DAY).toISOString();
  const posts = await deps.store.posts.seenSince(now, { since: new Date(since) });
  const taxonomy = await deps.taxonomy();
  const compose = (end: string) =>
    composeDigest({
      channelId,
      date: options.date ?? localParts(now, subscription.timeZone ?? "UTC").date,
      since,
      until: end,
      posts,
      subscription,
      taxonomy,
      limits: deps.digest,
    });
  const digest = compose(until);
  // What the settle leaves for next time, so a preview can say why a brand-new post is not in it.
  const waiting = options.countWaiting ? compose(new Date(now.getTime() + 1).toISOString()).postCount - digest.postCount : 0; // `until` is exclusive
  // Only the feeds of the posts shown.
  const shown = digest.sections.flatMap((section) => section.posts.flatMap((post) => post.feeds));
  const feedTitles = await (options.feedTitles ?? feedTitleLookup(deps.store.feeds))(shown);
  return { ...digest, feedTitles, ...(waiting > 0 ? { waiting } : {}) };
}

interface Settings {
  time?: string;
  timeZone?: string;
  days?: DigestDays;
  topics: string[];
}

const EXAMPLE = "`subscribe 09:30 Europe/Paris weekdays gitops platform-engineering`";

/** Reads `[HH:MM] [timezone] [weekdays|daily] [topics…]` in any order; a string is the problem. */
function readSettings(words: string[], taxonomy: Taxonomy): Settings | string {
  const settings: Settings = { topics: [] };
  // "9:30 pm" arrives as two words.
  const joined = words.reduce<string[]>((out, word) => {
    if (/^[ap]\.?m\.?$/i.test(word) && out.length > 0 && /^\d/.test(out.at(-1) ?? "")) out[out.length - 1] += word;
    else out.push(word);
    return out;
  }, []);
  for (const word of joined) {
    const lower = word.toLowerCase();
    if (lower === "daily" || lower === "weekdays" || lower === "weekday") {
      settings.days = lower === "daily" ? "daily" : "weekdays";
    } else if (/^\d/.test(word) || /^(noon|midnight)$/i.test(word)) {
      const time = parseTime(word);
      if (!time) return `"${word}" is not a time of day. Times look like 09:00, 9:30 or 7pm, e.g. ${EXAMPLE}.`;
      // Digests go out on the dispatcher's quarter-hour runs; any other minute would be rounded silently.
      if (!/:(00|15|30|45)$/.test(time))
        return `Digests go out on the quarter hour: pick :00, :15, :30 or :45 (not ${time}), e.g. ${EXAMPLE}.`;
      settings.time = time;
    } else if (word.includes("/") || lower === "utc" || lower === "gmt" || (/^[A-Z]{3,5}$/.test(word) && !findTopic(word, taxonomy))) {
      const zone = parseTimeZone(word);
      if (!zone)
        return `"${word}" is not a time zone Recap knows. Use a name like Europe/Paris or America/Los_Angeles (abbreviations such as EST are ambiguous), e.g. ${EXAMPLE}.`;
      settings.timeZone = zone;
    } else {
      const topic = findTopic(word, taxonomy);
      if (!topic) {
        const suggestions = suggestTopics(word, taxonomy).map((t) => t.id);
        return `"${word}" is not a topic${suggestions.length ? ` (did you mean ${suggestions.join(", ")}?)` : ""}. See \`topics\`, e.g. ${EXAMPLE}.`;
      }
      if (!settings.topics.includes(topic.id)) settings.topics.push(topic.id);
    }
  }
  return settings;
}
