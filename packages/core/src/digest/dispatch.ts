/**
 * The digest dispatcher, run every 15 minutes: each subscription due now in its own time zone gets
 * its digest, exactly once per local day. One channel's failure never holds up the others.
 */
import { CHANNEL_GONE_ERRORS, type SlackOutbound, type SlackRenderers } from "../ports/slack";
import { mapWithConcurrency } from "../shared/concurrency";
import type { Logger } from "../shared/log";
import { digestFor, type DigestDeps } from "./commands";
import { feedTitleLookup, type FeedTitles } from "../feeds/titles";
import { dueDigest } from "./schedule";
import type { Subscription } from "../model/digest";
import { messageOf } from "../shared/errors";

const CONCURRENCY = 4;

export type DispatchDeps = DigestDeps & { slack: SlackOutbound; render: SlackRenderers; log: Logger };

export type Delivery =
  | { channelId: string; result: "posted"; ts: string; postCount: number }
  | { channelId: string; result: "empty" | "taken" }
  | { channelId: string; result: "disabled" | "failed" | "uncertain"; error: string };

export async function dispatchDigests(deps: DispatchDeps): Promise<Delivery[]> {
  const now = deps.clock();
  const due = (await deps.store.subscriptions.list()).flatMap((subscription) => {
    const verdict = dueDigest(subscription, now);
    return verdict.due ? [{ subscription, date: verdict.date }] : [];
  });
  if (due.length === 0) return [];
  // Each feed's title looked up once per run, not once per channel.
  const feedTitles = feedTitleLookup(deps.store.feeds);
  return mapWithConcurrency(due, CONCURRENCY, async ({ subscription, date }) => {
    try {
      return await deliver(subscription, date, feedTitles, deps);
    } catch (error) {
      const message = messageOf(error);
      deps.log.error("A digest could not be delivered", { channelId: subscription.channelId, error: message });
      return { channelId: subscription.channelId, result: "failed" as const, error: message };
    }
  });
}

async function deliver(subscription: Subscription, date: string, feedTitles: FeedTitles, deps: DispatchDeps): Promise<Delivery> {
  const { channelId } = subscription;
  const { subscriptions } = deps.store;
  const now = deps.clock();
  if (!(await subscriptions.claimDigest(channelId, date, now))) return { channelId, result: "taken" };

  let digest;
  let messages;
  try {
    digest = await digestFor(channelId, subscription, deps, { date, feedTitles });
    messages = deps.render.digest(digest, { emptyNote: deps.digest.postWhenEmpty });
  } catch (error) {
    // Nothing was sent: give the day back so the next run tries again.
    await subscriptions.releaseDigest(channelId, date);
    await subscriptions.update(channelId, { lastProblem: `Could not prepare the digest (will retry): ${describe(error)}` });
    throw error;
  }
  if (!messages) {
    await subscriptions.update(channelId, { lastDigestDate: date, lastDigestAt: digest.until, lastProblem: undefined });
    await subscriptions.recordDigest(channelId, date, { postCount: 0 }, now);
    return { channelId, result: "empty" };
  }

  const posted = await deps.slack.postDigest(channelId, messages);
  if (posted.ok) {
    // The subscription first: it is what the next digest's window starts from.
    await subscriptions.update(channelId, {
      lastDigestDate: date,
      lastDigestAt: digest.until,
      lastDigestTs: posted.ts,
      lastProblem: posted.threadError ? `Part of the digest could not be posted in its thread: ${posted.threadError}` : undefined,
    });
    await subscriptions.recordDigest(channelId, date, { ts: posted.ts, postCount: digest.postCount }, now);
    return { channelId, result: "posted", ts: posted.ts, postCount: digest.postCount };
  }
  if (CHANNEL_GONE_ERRORS.has(posted.error)) {
    // Slack refused outright: nothing was posted. The day is given back so that a channel fixed and
    // subscribed again today still gets today's digest.
    await subscriptions.releaseDigest(channelId, date);
    await subscriptions.update(channelId, { status: "disabled", disabledReason: posted.error, lastProblem: posted.error });
    deps.log.warn("Digest subscription disabled", { channelId, reason: posted.error });
    return { channelId, result: "disabled", error: posted.error };
  }
  if (posted.definite) {
    // Slack said no (rate limited past our wait): give the day back for the next run.
    await subscriptions.releaseDigest(channelId, date);
    await subscriptions.update(channelId, { lastProblem: `${posted.error} (will retry)` });
    return { channelId, result: "failed", error: posted.error };
  }
  // We cannot tell whether Slack posted it (a timeout, a server error). Keep the claim and move the
  // window on: if it was posted, tomorrow must not repeat it; a lost digest beats a duplicate one.
  await subscriptions.update(channelId, {
    lastDigestDate: date,
    lastDigestAt: digest.until,
    lastProblem: `${posted.error} (today's digest may not have been posted)`,
  });
  deps.log.warn("Digest outcome unknown; not retried to avoid a duplicate", { channelId, error: posted.error });
  return { channelId, result: "uncertain", error: posted.error };
}

const describe = (error: unknown) => messageOf(error);
