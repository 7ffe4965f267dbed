/**
 * The `post.ingested` subscriber: each channel following one of a new post's topics gets it, once.
 *
 * Per channel (one channel's failure never stops the others):
 * 1. Claim CHANNEL#id / ALERT#post (conditional put): once per post and channel, however many of
 *    its topics the channel follows and however often the bus delivers the event.
 * 2. Take a slot of the channel's budget for this UTC hour (a conditional increment below the limit)
 *    and post the alert; with no slot left, add the post to the hour's roll-up (see rollup.ts).
 * 3. Like the digest: a definite Slack refusal gives the claim and the slot back and fails the
 *    delivery so the bus retries it; a channel Slack will not post to (channel_not_found, …) has its
 *    follows disabled with the reason; an unknown outcome (a timeout) keeps the claim — a lost alert
 *    rather than a duplicate.
 */
import type { TopicRef } from "../model/command";
import type { EventDetail } from "../ports/events";
import type { Post } from "../model/post";
import { mapWithConcurrency } from "../shared/concurrency";
import { CHANNEL_GONE_ERRORS } from "../ports/slack";
import { labelOf } from "./commands";
import { disable, type AlertDelivery, type AlertDeps } from "./delivery";
import { rollUp, settleRollup } from "./rollup";
import { messageOf } from "../shared/errors";
import { feedTitleLookup } from "../feeds/titles";

const CONCURRENCY = 4;

/** Alerts every channel following the post's topics; throws after trying them all if one should be retried. */
export async function alertFollowers(event: EventDetail<"post.ingested">, deps: AlertDeps): Promise<AlertDelivery[]> {
  // Refresh only announces fresh posts; the stored post is what the alert shows, and the last word.
  const post = await deps.store.posts.get(event.postId);
  if (!post?.fresh) return [];
  const topics = [...new Set(post.topics)];
  const followers = new Map<string, string[]>();
  const lists = await Promise.all(topics.map((topic) => deps.store.follows.channelsFollowing(topic)));
  lists.forEach((channels, index) => {
    for (const channel of channels) followers.set(channel, [...(followers.get(channel) ?? []), topics[index]!]);
  });
  if (followers.size === 0) return [];

  const [feedTitles, taxonomy] = await Promise.all([feedTitleLookup(deps.store.feeds)(post.feeds), deps.taxonomy()]);
  const deliveries = await mapWithConcurrency([...followers], CONCURRENCY, async ([channelId, topicIds]) => {
    const refs = topicIds.map((id) => ({ id, label: labelOf(id, taxonomy.topics) }));
    try {
      return await alertChannel(channelId, post, refs, feedTitles, deps);
    } catch (error) {
      const message = messageOf(error);
      deps.log.warn("A follow alert was not delivered (will retry)", { channelId, postId: post.id, error: message });
      return { channelId, result: "failed" as const, error: message };
    }
  });
  const failed = deliveries.flatMap((delivery) => (delivery.result === "failed" ? [delivery] : []));
  // The channels done are claimed: a redelivery retries only the failed ones.
  if (failed.length > 0) throw new Error(`Follow alerts failed in ${failed.map((f) => `${f.channelId} (${f.error})`).join(", ")}; retry`);
  return deliveries;
}

async function alertChannel(
  channelId: string,
  post: Post,
  topics: TopicRef[],
  feedTitles: Record<string, string>,
  deps: AlertDeps,
): Promise<AlertDelivery> {
  const { alerts } = deps.store.follows;
  const now = deps.clock();
  if (!(await alerts.claim(channelId, post.id, now))) {
    // A redelivery of a post already in a roll-up (whose message an earlier try could not update).
    const claim = await alerts.get(channelId, post.id);
    return claim?.status === "rolled-up" && claim.hour ? settleRollup(channelId, claim.hour, deps) : { channelId, result: "taken" };
  }
  const hour = now.toISOString().slice(0, 13);
  let slot = false;
  const giveBack = async () => {
    await alerts.release(channelId, post.id);
    if (slot) await alerts.returnSlot(channelId, hour);
  };

  try {
    slot = await alerts.takeSlot(channelId, hour, deps.follow.maxPerHour);
  } catch (error) {
    await giveBack();
    throw error;
  }
  // Over budget: the roll-up keeps the claim once the post is in it (never alerted on its own later).
  if (!slot) return rollUp(channelId, post, topics, hour, deps);

  let posted;
  try {
    posted = await deps.slack.postMessage(channelId, deps.render.followAlert(post, topics, feedTitles));
  } catch (error) {
    // Nothing was posted: give the post back for the bus's retry.
    await giveBack();
    throw error;
  }

  if (posted.ok) {
    await alerts.record(channelId, post.id, { status: "posted", hour, ts: posted.ts });
    return { channelId, result: "posted", ts: posted.ts };
  }
  if (CHANNEL_GONE_ERRORS.has(posted.error)) {
    await giveBack();
    await disable(channelId, posted.error, deps);
    return { channelId, result: "disabled", error: posted.error };
  }
  if (posted.definite) {
    await giveBack();
    throw new Error(`Slack refused the alert: ${posted.error}`);
  }
  await alerts.record(channelId, post.id, { status: "uncertain", hour });
  deps.log.warn("Follow alert outcome unknown; not retried to avoid a duplicate", { channelId, postId: post.id, error: posted.error });
  return { channelId, result: "uncertain", error: posted.error };
}
