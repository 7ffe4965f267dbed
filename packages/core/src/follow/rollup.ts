/**
 * Posts over a channel's hourly budget go into the hour's one roll-up message, whose count grows.
 *
 * Adding a post to the roll-up row is idempotent (a post already there is not counted twice). The
 * message has one writer at a time: whoever takes the row's short lease posts it (the first time) or
 * updates it (chat.update) until it shows every post counted, then lets go and looks once more — a
 * post added meanwhile found the lease taken and left its update to the holder.
 *
 * Failures: chat.update sets the whole message, so repeating it is harmless — any failure to update
 * is retried (the alert claim is given back and the delivery fails). Posting the roll-up the first
 * time follows the alert's rules: a definite refusal is retried, an unknown outcome marks the
 * roll-up lost (never posted twice, never updated), a channel Slack will not post to is disabled.
 */
import { randomUUID } from "node:crypto";
import type { TopicRef } from "../model/command";
import { shortTitle } from "../ports/events";
import type { Post } from "../model/post";
import { CHANNEL_GONE_ERRORS } from "../ports/slack";
import { disable, type AlertDelivery, type AlertDeps } from "./delivery";
import { labelOf } from "./commands";

/** Longer than one writer can take (a few Slack calls, each with its own timeout and rate-limit wait). */
const LEASE_MS = 2 * 60_000;
/** chat.update errors that mean the message is gone (deleted by someone): the roll-up stops for the hour. */
const MESSAGE_GONE = new Set(["message_not_found", "cant_update_message", "edit_window_closed"]);

type Drained = { result: "shown" | "queued" } | { result: "gone" | "lost" | "retry"; error: string };

export async function rollUp(channelId: string, post: Post, topics: TopicRef[], hour: string, deps: AlertDeps): Promise<AlertDelivery> {
  const { alerts, rollups } = deps.store.follows;
  const entry = { postId: post.id, title: shortTitle(post.title), url: post.url };
  try {
    await rollups.add(
      channelId,
      hour,
      entry,
      topics.map((topic) => topic.id),
    );
  } catch (error) {
    // Not in the roll-up: give the post back for the bus's retry.
    await alerts.release(channelId, post.id);
    throw error;
  }
  // From here the post is in the hour's roll-up and its claim stays: a retry only updates the message.
  await alerts.record(channelId, post.id, { status: "rolled-up", hour });
  return settleRollup(channelId, hour, deps);
}

/** Brings the hour's roll-up message up to date (a redelivered rolled-up post comes straight here). */
export async function settleRollup(channelId: string, hour: string, deps: AlertDeps): Promise<AlertDelivery> {
  const drained = await drain(channelId, hour, deps);
  switch (drained.result) {
    case "shown":
    case "queued":
      return { channelId, result: "rolled-up" };
    case "gone":
      await disable(channelId, drained.error, deps);
      return { channelId, result: "disabled", error: drained.error };
    case "lost":
      return { channelId, result: "uncertain", error: drained.error };
    case "retry":
      // The post stays in the roll-up; the retry finds it there and only brings the message up to date.
      throw new Error(`Slack refused the roll-up: ${drained.error}`);
  }
}

async function drain(channelId: string, hour: string, deps: AlertDeps): Promise<Drained> {
  const { rollups } = deps.store.follows;
  const holder = randomUUID();
  for (;;) {
    let rollup = await rollups.lock(channelId, hour, deps.clock(), LEASE_MS, holder);
    if (!rollup) return { result: "queued" };
    try {
      if (rollup.posting && !rollup.ts) {
        // A writer crashed between posting the roll-up and recording it: it may be in the channel.
        await rollups.record(channelId, hour, { shown: rollup.total, lost: true });
        return { result: "lost", error: "the first roll-up post's outcome is unknown" };
      }
      const { topics } = await deps.taxonomy();
      while (!rollup.lost && rollup.total > rollup.shown) {
        // Each Slack call starts with a whole lease: a slow one never lets a second writer in mid-call.
        if (!(await rollups.renew(channelId, hour, deps.clock(), LEASE_MS, holder))) return { result: "queued" };
        const refs = rollup.topicIds.map((id) => ({ id, label: labelOf(id, topics) }));
        const message = deps.render.followRollup(rollup, refs);
        if (!rollup.ts) await rollups.record(channelId, hour, { shown: rollup.shown, posting: true });
        const sent = rollup.ts
          ? await deps.slack.updateMessage(channelId, rollup.ts, message)
          : await deps.slack.postMessage(channelId, message);
        if (!sent.ok) {
          // Slack answered, so nothing was posted: the next writer may post.
          if (!rollup.ts && sent.definite) await rollups.record(channelId, hour, { shown: rollup.shown, posting: false });
          if (CHANNEL_GONE_ERRORS.has(sent.error)) return { result: "gone", error: sent.error };
          if ((!rollup.ts && !sent.definite) || (rollup.ts && MESSAGE_GONE.has(sent.error))) {
            await rollups.record(channelId, hour, { shown: rollup.total, lost: true });
            return { result: "lost", error: sent.error };
          }
          return { result: "retry", error: sent.error };
        }
        await rollups.record(channelId, hour, { ts: rollup.ts ?? sent.ts, shown: rollup.total, posting: false });
        rollup = (await rollups.get(channelId, hour)) ?? rollup;
      }
    } finally {
      await rollups.unlock(channelId, hour, holder);
    }
    const after = await rollups.get(channelId, hour);
    if (!after || after.lost || after.total <= after.shown) return { result: "shown" };
  }
}
