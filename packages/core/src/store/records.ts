/**
 * Stored records → domain values, for every store: what a post, a team topic or cue and a roll-up
 * look like when read back (empty lists left out, sets as sorted arrays, unknown values defaulted).
 */
import type { Post, PostCorrections } from "../model/post";
import type { TeamCue, TeamTopic } from "../model/topic";
import type { Rollup, RollupEntry, StoredPost } from "../ports/store";

/** A list attribute, left out of the post when empty. */
function listOf<T>(item: Record<string, unknown>, name: string): Record<string, T[]> {
  const value = item[name];
  return Array.isArray(value) && value.length > 0 ? { [name]: value as T[] } : {};
}

export function toPost(item: Record<string, unknown>): Post {
  const feeds = item.feeds instanceof Set ? [...(item.feeds as Set<string>)] : ((item.feeds as string[]) ?? []);
  return {
    id: item.id as string,
    kind: item.kind === "talk" ? "talk" : "article",
    url: item.url as string,
    title: item.title as string,
    summary: (item.summary as string) ?? "",
    ...(item.author ? { author: item.author as string } : {}),
    ...listOf<string>(item, "categories"),
    publishedAt: item.publishedAt as string,
    firstSeenAt: item.firstSeenAt as string,
    topics: (item.topics as string[]) ?? [],
    feeds: feeds.sort(),
    fresh: item.fresh === true,
    ...listOf<string>(item, "speakers"),
    ...listOf<string>(item, "organizations"),
    ...(typeof item.sessionCode === "string" ? { sessionCode: item.sessionCode } : {}),
    ...listOf<NonNullable<Post["links"]>[number]>(item, "links"),
    ...(item.listedIn ? { listedIn: item.listedIn as Post["listedIn"] } : {}),
    ...listOf<NonNullable<Post["listed"]>[number]>(item, "listed"),
    ...(item.corrections ? { corrections: toCorrections(item.corrections) } : {}),
  };
}

export function toCorrections(value: unknown): PostCorrections {
  const { not, also } = value as Partial<Record<keyof PostCorrections, unknown>>;
  const ids = (list: unknown) => (Array.isArray(list) ? list.filter((id): id is string => typeof id === "string") : []);
  return { not: ids(not), also: ids(also) };
}

export const toStoredPost = (item: Record<string, unknown>): StoredPost => ({
  ...toPost(item),
  ...(item.announcedAt ? { announcedAt: item.announcedAt as string } : {}),
  ...(item.announceClaimAt ? { announceClaimAt: item.announceClaimAt as string } : {}),
  ...(typeof item.listedVersion === "number" ? { listedVersion: item.listedVersion } : {}),
  ...(typeof item.correctionsVersion === "number" ? { correctionsVersion: item.correctionsVersion } : {}),
});

export const toTeamTopic = (item: Record<string, unknown>): TeamTopic => ({
  id: item.id as string,
  ...(typeof item.label === "string" ? { label: item.label } : {}),
  aliases: Array.isArray(item.aliases) ? (item.aliases as string[]) : [],
  addedAt: item.addedAt as string,
  ...(typeof item.addedBy === "string" ? { addedBy: item.addedBy } : {}),
});

export const toTeamCue = (item: Record<string, unknown>): TeamCue => ({
  topicId: item.topicId as string,
  cueId: item.cueId as string,
  polarity: item.polarity === "positive" ? "positive" : "negative",
  phrase: item.phrase as string,
  postIds: item.postIds instanceof Set ? [...(item.postIds as Set<string>)].sort() : [],
  addedAt: item.addedAt as string,
  ...(typeof item.addedBy === "string" ? { addedBy: item.addedBy } : {}),
});

export function toRollup(item: Record<string, unknown>): Rollup {
  return {
    total: Number(item.total ?? 0),
    entries: (item.entries as RollupEntry[] | undefined) ?? [],
    topicIds: [...((item.topicIds as Set<string> | undefined) ?? [])].sort(),
    ...(typeof item.ts === "string" ? { ts: item.ts } : {}),
    shown: Number(item.shown ?? 0),
    ...(item.lost === true ? { lost: true } : {}),
    ...(item.posting === true ? { posting: true } : {}),
  };
}
