/** Digest subscriptions and the digests they got, in memory: the same contract as store/subscriptions.ts. */
import type { Subscription } from "../../model/digest";
import type { SubscriptionRepository } from "../../ports/store";
import { byKey, missing, stored } from "./shared";

export function memorySubscriptions(): SubscriptionRepository {
  const subscriptions = new Map<string, Subscription>();
  /** "channel date" → the digest's state; only whether one exists is ever asked. */
  const digests = new Map<string, Record<string, unknown>>();
  const day = (channelId: string, date: string) => `${channelId} ${date}`;

  return {
    async save(subscription) {
      subscriptions.set(subscription.channelId, stored(subscription));
    },
    async get(channelId) {
      const subscription = subscriptions.get(channelId);
      return subscription ? stored(subscription) : undefined;
    },
    async remove(channelId) {
      return subscriptions.delete(channelId);
    },
    async list() {
      return [...subscriptions.values()].sort(byKey((s) => s.channelId)).map((s) => stored(s));
    },
    async update(channelId, patch) {
      if (Object.keys(patch).length === 0) return;
      const current = subscriptions.get(channelId);
      if (!current) throw missing(`Subscription of ${channelId}`);
      subscriptions.set(channelId, stored({ ...current, ...patch }));
    },
    async claimDigest(channelId, date, now) {
      if (digests.has(day(channelId, date))) return false;
      digests.set(day(channelId, date), { status: "claimed", claimedAt: now.toISOString() });
      return true;
    },
    async recordDigest(channelId, date, result, now) {
      const digest = digests.get(day(channelId, date)) ?? {};
      digests.set(day(channelId, date), { ...digest, status: result.ts ? "posted" : "empty", postedAt: now.toISOString(), ...result });
    },
    async releaseDigest(channelId, date) {
      digests.delete(day(channelId, date));
    },
  };
}
