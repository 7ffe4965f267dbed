/**
 * The follow commands: `follow <topic>`, `unfollow <topic>`, `following`. Like the digest's, they
 * belong to a channel (Slack gives it; the CLI takes --channel) and anyone in it may use them. The
 * executor resolves the topic (an unknown one gets its suggestions there, as for `/recap <topic>`).
 */
import type { Outcome } from "../model/command";
import type { FollowLimits } from "../config";
import type { RefreshDeps } from "../ports/deps";
import type { Topic } from "../model/topic";

export interface FollowCommandContext {
  channelId?: string;
  userId?: string;
}

export type FollowDeps = Pick<RefreshDeps, "store" | "clock" | "taxonomy"> & { follow: FollowLimits };

const needsChannel = (example: string): Outcome => ({
  kind: "refused",
  reason: `Follows belong to a channel: run this in the channel (in a terminal, add --channel <channel id>, e.g. \`recap ${example} --channel C0123456789\`).`,
});

export async function follow(topic: Topic, context: FollowCommandContext, deps: FollowDeps): Promise<Outcome> {
  if (!context.channelId) return needsChannel(`follow ${topic.id}`);
  const existing = await deps.store.follows.get(context.channelId, topic.id);
  const followed = { kind: "followed", channelId: context.channelId, topic: { id: topic.id, label: topic.label } } as const;
  if (existing?.status === "active") return { ...followed, already: true, perHour: deps.follow.maxPerHour };
  // A disabled follow (Slack refused the channel) starts again: following again is how it is fixed.
  await deps.store.follows.save({
    channelId: context.channelId,
    topicId: topic.id,
    createdAt: existing?.createdAt ?? deps.clock().toISOString(),
    ...(context.userId ? { createdBy: context.userId } : {}),
    status: "active",
  });
  return { ...followed, already: false, perHour: deps.follow.maxPerHour };
}

export async function unfollow(topic: Topic, context: FollowCommandContext, deps: FollowDeps): Promise<Outcome> {
  if (!context.channelId) return needsChannel(`unfollow ${topic.id}`);
  const wasFollowing = await deps.store.follows.remove(context.channelId, topic.id);
  return { kind: "unfollowed", channelId: context.channelId, topic: { id: topic.id, label: topic.label }, wasFollowing };
}

export async function following(context: FollowCommandContext, deps: FollowDeps): Promise<Outcome> {
  if (!context.channelId) return needsChannel("following");
  const [follows, taxonomy] = await Promise.all([deps.store.follows.ofChannel(context.channelId), deps.taxonomy()]);
  return {
    kind: "following",
    channelId: context.channelId,
    follows: follows.map((follow) => ({ ...follow, topicLabel: labelOf(follow.topicId, taxonomy.topics) })),
  };
}

/** A topic's label; a follow of a topic since removed from the taxonomy shows its id. */
export function labelOf(topicId: string, topics: readonly Topic[]): string {
  return topics.find((topic) => topic.id === topicId)?.label ?? topicId;
}
