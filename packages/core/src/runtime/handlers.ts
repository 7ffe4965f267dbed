/**
 * The handlers behind every schedule and subscription in `definitions.ts`. Lambda functions call
 * them with AWS adapters; the local runner calls the very same functions with local ones.
 */
import type { EventBridgeEvent } from "aws-lambda";
import { EVENT_SCHEMAS, type EventPublisher } from "../ports/events";
import { addOutcome } from "../commands/execute";
import type { Outcome } from "../model/command";
import { dispatchDigests } from "../digest/dispatch";
import { addFeed, shownUrl } from "../feeds/manage";
import { alertFollowers } from "../follow/alerts";
import type { AlertDelivery } from "../follow/delivery";
import type { RefreshOutcome } from "../feeds/refresh";
import { AUTH_ERRORS } from "../ports/slack";
import { pollDueFeeds, pollFeedBatch } from "../feeds/poll";
import { refreshTopicCounts } from "../posts/topic-counts";
import { retagPosts } from "../topics/manage";
import { renderOutcome, renderPausedNotice } from "../slack/render";
import type { RecapDeps } from "./deps";
import { SCHEDULES, SUBSCRIPTIONS, type ScheduleName, type SubscriptionName } from "./definitions";
import { messageOf } from "../shared/errors";

export type BusEnvelope = EventBridgeEvent<string, unknown>;

/**
 * The deps a schedule or subscriber runs with: without the bus when its definition says it does not
 * publish (it is not linked to it on AWS), without a feed reader when it says it reads no feeds (its
 * Lambda bundles none), so that on one machine a wrong flag fails loudly too.
 */
export function depsFor(name: ScheduleName | SubscriptionName, deps: RecapDeps): RecapDeps {
  const definition = name in SCHEDULES ? SCHEDULES[name as ScheduleName] : SUBSCRIPTIONS[name as SubscriptionName];
  const refuse = (what: string, flag: string) => () =>
    Promise.reject(new Error(`${name} ${what}, but runtime/definitions.ts says it does not (${flag}: false; on AWS it could not)`));
  return {
    ...deps,
    ...(definition.publishes ? {} : { publisher: { publish: refuse("published an event", "publishes") } satisfies EventPublisher }),
    ...(definition.readsFeeds
      ? {}
      : { fetchFeed: refuse("fetched a feed", "readsFeeds"), parseFeed: refuse("parsed a feed", "readsFeeds") }),
  };
}

export const scheduleHandlers: Record<ScheduleName, (deps: RecapDeps) => Promise<unknown>> = {
  async poll(deps) {
    // `/recap topics` answers from this snapshot (posts/topic-counts.ts): recounted every run, so it
    // is never older than an interval. Beside the polls, and never failing them: a count that failed
    // is only redone by the next `topics` or run.
    const counting = deps
      .taxonomy()
      .then((taxonomy) => refreshTopicCounts(deps.store.posts, taxonomy, deps.clock))
      .then(({ saved, snapshot }) => {
        if (!saved) deps.log.warn("Posts per topic counted, but a later count is stored: kept", { computedAt: snapshot.computedAt });
      })
      .catch((error: unknown) => deps.log.warn("Counting posts per topic failed", { error: messageOf(error) }));
    const summary = await pollDueFeeds(deps);
    await counting;
    const counts = pollCounts(summary.polled);
    deps.log.info("Scheduled poll finished", {
      due: summary.due,
      polled: counts.FeedsPolled,
      failed: counts.FeedsFailed,
      fannedOut: summary.fannedOut,
      deferred: summary.deferred,
    });
    deps.metrics.count({ ...counts, FeedsFannedOut: summary.fannedOut });
    return summary;
  },

  async digest(deps) {
    const deliveries = await dispatchDigests(deps);
    const counts = {
      DigestsPosted: deliveries.filter((delivery) => delivery.result === "posted").length,
      // Failed, or sent with an outcome Slack never confirmed: either way a channel may have no digest.
      DigestsFailed: deliveries.filter((delivery) => delivery.result === "failed" || delivery.result === "uncertain").length,
      DigestsDisabled: deliveries.filter((delivery) => delivery.result === "disabled").length,
      SlackAuthFailures: deliveries.filter((delivery) => "error" in delivery && AUTH_ERRORS.has(delivery.error)).length,
    };
    deps.log.info("Digest run finished", {
      due: deliveries.length,
      posted: counts.DigestsPosted,
      problems: counts.DigestsFailed + counts.DigestsDisabled,
    });
    deps.metrics.count(counts);
    return deliveries;
  },
};

/** Feeds polled and failed, posts stored and announced (stacks/monitoring.ts alarms when a stage's polls all fail). */
function pollCounts(outcomes: RefreshOutcome[]) {
  const failed = outcomes.filter((outcome) => outcome.status === "failed").length;
  const ok = outcomes.flatMap((outcome) => (outcome.status === "ok" ? [outcome] : []));
  return {
    FeedsPolled: outcomes.length,
    FeedsFailed: failed,
    PostsIngested: ok.reduce((sum, outcome) => sum + outcome.created, 0),
    PostsAnnounced: ok.reduce((sum, outcome) => sum + outcome.announced, 0),
  };
}

/** Tells the person who asked (a command's response_url) how background work ended; never throws. */
async function reportBestEffort(responseUrl: string, outcome: Outcome, deps: RecapDeps, about: Record<string, unknown>) {
  try {
    await deps.slack.respond(responseUrl, renderOutcome(outcome, { shareable: false }));
  } catch (error) {
    deps.log.warn("Could not report background work to Slack", { ...about, error: messageOf(error) });
  }
}

export const subscriptionHandlers: Record<SubscriptionName, (event: BusEnvelope, deps: RecapDeps) => Promise<unknown>> = {
  async pollBatch(event, deps) {
    const { feedIds } = EVENT_SCHEMAS["feeds.poll.requested"].parse(event.detail);
    const outcomes = await pollFeedBatch(feedIds, deps);
    deps.metrics.count(pollCounts(outcomes));
    return outcomes;
  },

  async feedAdd(event, deps) {
    const request = EVENT_SCHEMAS["feed.add.requested"].parse(event.detail);
    let outcome: Outcome;
    try {
      const origin = { via: "slack" as const, channelId: request.channelId, userId: request.userId };
      outcome = await addOutcome(request.url, await addFeed(request.url, origin, deps, { isRecapFeed: request.recap }), deps);
    } catch (error) {
      deps.log.error("Adding a feed from Slack failed", {
        url: request.url,
        error: messageOf(error),
      });
      outcome = { kind: "add-failed", url: request.url, reason: "Recap could not store it just now; please try again in a few minutes." };
    }
    // Best effort: retrying the whole add (as a failed invocation would) would only answer "already followed".
    await reportBestEffort(request.responseUrl, outcome, deps, { url: request.url });
    return outcome;
  },

  async retag(event, deps) {
    const request = EVENT_SCHEMAS["posts.retag.requested"].parse(event.detail);
    // A failure throws: the bus retries, and a retag done twice changes nothing the second time.
    const outcome = await retagPosts(request.since, deps);
    await reportBestEffort(request.responseUrl, outcome, deps, { since: request.since });
    return outcome;
  },

  async feedPaused(event, deps) {
    const paused = EVENT_SCHEMAS["feed.paused"].parse(event.detail);
    const channel = paused.addedIn?.channelId;
    if (!channel) return { notified: false };
    const result = await deps.slack.postToChannel(
      channel,
      renderPausedNotice({ id: paused.feedId, url: shownUrl(paused.url), title: paused.title, reason: paused.reason }),
    );
    // A channel that is gone or that removed Recap cannot be told; retrying would not change that.
    return { notified: result.ok };
  },

  async followAlerts(event, deps) {
    // Throws when a channel's alert should be tried again: the bus redelivers, claims skip the rest.
    let deliveries: AlertDelivery[];
    try {
      deliveries = await alertFollowers(EVENT_SCHEMAS["post.ingested"].parse(event.detail), deps);
    } catch (error) {
      const message = messageOf(error);
      deps.metrics.count({ AlertsFailed: 1, SlackAuthFailures: [...AUTH_ERRORS].some((code) => message.includes(code)) ? 1 : 0 });
      throw error;
    }
    deps.metrics.count({
      AlertsPosted: deliveries.filter((delivery) => delivery.result === "posted").length,
      AlertsRolledUp: deliveries.filter((delivery) => delivery.result === "rolled-up").length,
      // Sent, but Slack never confirmed it: not retried (it would risk a duplicate), so maybe lost.
      AlertsLost: deliveries.filter((delivery) => delivery.result === "uncertain").length,
    });
    return deliveries;
  },
};
