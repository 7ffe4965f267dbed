/** Follows, their alert claims and each hour's roll-up, in memory: the same contract as store/follows.ts. */
import type { Follow } from "../../model/follow";
import { ROLLUP_TITLES, type FollowRepository, type RollupEntry } from "../../ports/store";
import { toRollup } from "../records";
import { asRecord, byKey, stored } from "./shared";

interface RollupRow {
  postIds: Set<string>;
  topicIds: Set<string>;
  total: number;
  entries: RollupEntry[];
  ts?: string;
  shown?: number;
  lost?: boolean;
  posting?: boolean;
  lockedUntil?: string;
  lockedBy?: string;
}

export function memoryFollows(): FollowRepository {
  /** "channel topic" → the follow. */
  const follows = new Map<string, Follow>();
  const claims = new Map<string, { status: string; hour?: string; ts?: string }>();
  const budgets = new Map<string, number>();
  const rollups = new Map<string, RollupRow>();
  const pair = (a: string, b: string) => `${a}\u0000${b}`;
  const emptyRollup = (): RollupRow => ({ postIds: new Set(), topicIds: new Set(), total: 0, entries: [] });
  const readRollup = (row: RollupRow) => toRollup(asRecord(stored(row)));

  const repository: FollowRepository = {
    async save(follow) {
      follows.set(pair(follow.channelId, follow.topicId), stored(follow));
    },
    async get(channelId, topicId) {
      const follow = follows.get(pair(channelId, topicId));
      return follow ? stored(follow) : undefined;
    },
    async remove(channelId, topicId) {
      return follows.delete(pair(channelId, topicId));
    },
    async ofChannel(channelId) {
      return [...follows.values()]
        .filter((follow) => follow.channelId === channelId)
        .sort(byKey((follow) => follow.topicId))
        .map((follow) => stored(follow));
    },
    async channelsFollowing(topicId) {
      return [...follows.values()]
        .filter((follow) => follow.topicId === topicId && follow.status === "active")
        .map((follow) => follow.channelId)
        .sort();
    },
    async disableChannel(channelId, reason) {
      for (const follow of await repository.ofChannel(channelId)) {
        if (follow.status === "disabled") continue;
        await repository.save({ ...follow, status: "disabled", disabledReason: reason });
      }
    },

    alerts: {
      async get(channelId, postId) {
        const claim = claims.get(pair(channelId, postId));
        return claim ? { status: claim.status, ...(claim.hour !== undefined ? { hour: claim.hour } : {}) } : undefined;
      },
      async claim(channelId, postId) {
        if (claims.has(pair(channelId, postId))) return false;
        claims.set(pair(channelId, postId), { status: "claimed" });
        return true;
      },
      async record(channelId, postId, outcome) {
        const claim = claims.get(pair(channelId, postId));
        claims.set(pair(channelId, postId), { ...claim, ...stored(outcome) });
      },
      async release(channelId, postId) {
        claims.delete(pair(channelId, postId));
      },
      async takeSlot(channelId, hour, max) {
        const sent = budgets.get(pair(channelId, hour));
        if (sent !== undefined && !(sent < max)) return false;
        budgets.set(pair(channelId, hour), (sent ?? 0) + 1);
        return true;
      },
      async returnSlot(channelId, hour) {
        const sent = budgets.get(pair(channelId, hour));
        if (sent !== undefined && sent > 0) budgets.set(pair(channelId, hour), sent - 1);
      },
    },

    rollups: {
      async add(channelId, hour, entry, topicIds) {
        const row = rollups.get(pair(channelId, hour)) ?? emptyRollup();
        rollups.set(pair(channelId, hour), row);
        if (row.postIds.has(entry.postId)) return;
        if (row.total < ROLLUP_TITLES) row.entries.push({ ...entry });
        row.postIds.add(entry.postId);
        for (const topicId of topicIds) row.topicIds.add(topicId);
        row.total += 1;
      },
      async get(channelId, hour) {
        const row = rollups.get(pair(channelId, hour));
        return row ? readRollup(row) : undefined;
      },
      async lock(channelId, hour, now, leaseMs, holder) {
        const row = rollups.get(pair(channelId, hour));
        if (!row || (row.lockedUntil !== undefined && !(row.lockedUntil < now.toISOString()))) return undefined;
        row.lockedUntil = new Date(now.getTime() + leaseMs).toISOString();
        row.lockedBy = holder;
        return readRollup(row);
      },
      async renew(channelId, hour, now, leaseMs, holder) {
        const row = rollups.get(pair(channelId, hour));
        if (row?.lockedBy !== holder) return false;
        row.lockedUntil = new Date(now.getTime() + leaseMs).toISOString();
        return true;
      },
      async unlock(channelId, hour, holder) {
        const row = rollups.get(pair(channelId, hour));
        if (row?.lockedBy !== holder) return;
        delete row.lockedUntil;
        delete row.lockedBy;
      },
      async record(channelId, hour, state) {
        const row = rollups.get(pair(channelId, hour)) ?? emptyRollup();
        rollups.set(pair(channelId, hour), Object.assign(row, stored(state)));
      },
    },
  };
  return repository;
}
