/**
 * Posts, their per-topic index and each feed's item identities, in memory: the same contract as
 * store/posts.ts. The index is kept apart from the posts, as in the table, so that a topic page, a
 * retag or a removed recap item behave exactly as they do there.
 */
import type { Post, PostCorrections } from "../../model/post";
import type { FeedItemIdentity, PostContent, PostRepository, TopicCountSnapshot } from "../../ports/store";
import { toPost, toStoredPost } from "../records";
import { indexRowsOf, type Indexed, type IndexRow } from "../index-rows";
import { keys } from "../schema";
import { byKey, missing, stored } from "./shared";

/** Months without a post after which a walk back through time stops (when no `since` bounds it). */
const EMPTY_MONTHS_BEFORE_GIVING_UP = 12;

/** A post as kept: its fields (never the lead), its feeds as a set, and the store's own bookkeeping. */
type Row = Record<string, unknown> & { id: string; firstSeenAt: string; publishedAt: string; feeds: Set<string> };

const timeSort = (isoTime: string, id: string) => `${isoTime}#${id}`;

export function memoryPosts(feedItems: Map<string, Map<string, FeedItemIdentity>>): PostRepository {
  const posts = new Map<string, Row>();
  const leads = new Map<string, string>();
  /** Index partition (TOPIC#<topic>, TERM#<term>) → post id → its row, and post id → its rows by sort key: as the table's gsi1. */
  const partitions = new Map<string, Map<string, IndexRow>>();
  const rowsOf = new Map<string, Map<string, IndexRow>>();
  /** The topic-count snapshot (the table's META / TOPICCOUNTS). */
  let snapshot: TopicCountSnapshot | undefined;

  /** Makes the post's index rows what its fields say (a row per topic, a row per word); the number changed. */
  function matchIndexRows(post: Indexed | { id: string; gone: true }): number {
    const wanted = "gone" in post ? new Map<string, IndexRow>() : indexRowsOf(post);
    const current = rowsOf.get(post.id) ?? new Map<string, IndexRow>();
    let changed = 0;
    for (const [sk, row] of current) {
      if (wanted.has(sk)) continue;
      partitions.get(row.gsi1pk)?.delete(post.id);
      changed++;
    }
    for (const [sk, row] of wanted) {
      const had = current.get(sk);
      if (had && had.gsi1sk === row.gsi1sk && had.lists === row.lists) continue;
      (partitions.get(row.gsi1pk) ?? partitions.set(row.gsi1pk, new Map()).get(row.gsi1pk)!).set(post.id, row);
      changed++;
    }
    rowsOf.set(post.id, wanted);
    return changed;
  }

  /** A partition's rows, newest published first. */
  const newestFirst = (partition: string) => [...(partitions.get(partition)?.values() ?? [])].sort(byKey((row) => row.gsi1sk)).reverse();

  /** Sets topics (and `extra`) on an existing post when `allowed`, then its index rows. */
  function replaceTopics(
    post: Pick<Post, "id" | "publishedAt">,
    topics: string[] | undefined,
    extra: { allowed?: (row: Row) => boolean; apply?: (row: Row) => void } = {},
  ): boolean {
    const row = posts.get(post.id);
    if (!row || (extra.allowed && !extra.allowed(row))) return false;
    if (topics) row.topics = [...topics];
    extra.apply?.(row);
    matchIndexRows(read(row));
    return true;
  }

  /** Sets `name` and bumps `<name>Version`, only over the version the caller read (0 or absent for none). */
  function overVersion(name: "listed" | "corrections", value: unknown, read: number | undefined) {
    const version = `${name}Version`;
    return {
      allowed: (row: Row) => ((row[version] as number | undefined) ?? 0) === (read ?? 0),
      apply: (row: Row) => {
        row[name] = stored(value);
        row[version] = (read ?? 0) + 1;
      },
    };
  }

  const read = (row: Row) => toPost(stored(row));

  function monthsBackFrom(now: Date): () => string {
    let year = now.getUTCFullYear();
    let month = now.getUTCMonth() + 1;
    return () => {
      const current = `${year}-${String(month).padStart(2, "0")}`;
      month -= 1;
      if (month === 0) {
        month = 12;
        year -= 1;
      }
      return current;
    };
  }

  const repository: PostRepository = {
    async knownItems(feedId, itemKeys) {
      const known = feedItems.get(feedId);
      return new Map(itemKeys.flatMap((key) => (known?.has(key) ? [[key, { ...known.get(key)! }] as const] : [])));
    },
    async rememberItems(feedId, identities) {
      const known = feedItems.get(feedId) ?? feedItems.set(feedId, new Map()).get(feedId)!;
      for (const identity of identities) known.set(identity.itemKey, { ...identity });
    },
    async countItems(feedId) {
      return feedItems.get(feedId)?.size ?? 0;
    },
    async idsOfFeed(feedId) {
      return [...new Set([...(feedItems.get(feedId)?.values() ?? [])].map((identity) => identity.postId))];
    },

    async insert(post) {
      if (posts.has(post.id)) return false;
      const { lead: _lead, ...fields } = stored(post);
      posts.set(post.id, { ...fields, feeds: new Set(post.feeds) });
      if (post.lead) leads.set(post.id, post.lead);
      matchIndexRows(post);
      return true;
    },
    async attachFeed(postId, feedUrl) {
      const row = posts.get(postId);
      if (!row) throw missing(`Post ${postId}`);
      row.feeds.add(feedUrl);
      return toStoredPost(stored(row));
    },
    async updateContent(postId, content: PostContent) {
      const row = posts.get(postId);
      if (!row) throw missing(`Post ${postId}`);
      if (content.lead) leads.set(postId, content.lead);
      else leads.delete(postId);
      Object.assign(row, stored({ title: content.title, summary: content.summary, topics: content.topics }));
      if (content.publishedAt) row.publishedAt = content.publishedAt;
      // Optional fields the edit has are set; those it lacks are removed (the publisher dropped them).
      for (const name of ["author", "categories"] as const) {
        const value = content[name];
        if (value !== undefined && value !== "") row[name] = stored(value);
        else delete row[name];
      }
      matchIndexRows(read(row));
    },

    async setTopics(post, topics) {
      return replaceTopics(post, topics);
    },
    async setCorrections(post, corrections: PostCorrections, topics) {
      return replaceTopics(post, topics, overVersion("corrections", corrections, post.correctionsVersion));
    },
    async repairIndexRows(postId, lead) {
      if (lead) leads.set(postId, lead);
      const row = posts.get(postId);
      return matchIndexRows(row ? read(row) : { id: postId, gone: true });
    },

    async setListed(recap, topics, listed) {
      return replaceTopics(recap, topics, overVersion("listed", listed, recap.listedVersion));
    },
    async saveListed(item, corrected = () => item.topics) {
      if (await repository.insert(item)) return item.topics;
      const row = posts.get(item.id)!;
      for (const field of ["url", "title", "summary", "publishedAt", "topics", "speakers", "organizations", "links", "listedIn"] as const) {
        (row as Record<string, unknown>)[field] = stored(item[field] ?? []);
      }
      if (item.sessionCode) row.sessionCode = item.sessionCode;
      else delete row.sessionCode;
      // A team's corrections of the item (kept by the update) still win over its new topics.
      const topics = row.corrections ? corrected(toStoredPost(stored(row)).corrections!) : item.topics;
      row.topics = [...topics];
      matchIndexRows(read(row));
      return topics;
    },
    async removeListed(id) {
      for (const row of rowsOf.get(id)?.values() ?? []) partitions.get(row.gsi1pk)?.delete(id);
      rowsOf.delete(id);
      leads.delete(id);
      posts.delete(id);
    },

    async claimAnnouncement(postId, now, staleBefore) {
      const row = posts.get(postId);
      if (!row || row.fresh !== true || row.announcedAt !== undefined) return false;
      const claimedAt = row.announceClaimAt as string | undefined;
      if (claimedAt !== undefined && !(claimedAt < staleBefore.toISOString())) return false;
      row.announceClaimAt = now.toISOString();
      return true;
    },
    async markAnnounced(postId, now) {
      const row = posts.get(postId);
      if (!row) return; // as an update of a missing item, it leaves nothing worth reading
      row.announcedAt = now.toISOString();
      delete row.announceClaimAt;
    },
    async releaseAnnouncement(postId, claimedAt) {
      const row = posts.get(postId);
      if (row?.announceClaimAt === claimedAt.toISOString()) delete row.announceClaimAt;
    },

    async get(id) {
      const row = posts.get(id);
      return row ? toStoredPost(stored(row)) : undefined;
    },
    async leads(ids) {
      return new Map(ids.flatMap((id) => (leads.has(id) ? [[id, leads.get(id)!] as const] : [])));
    },
    async getWithLead(id) {
      const post = await repository.get(id);
      return post && (await repository.withLeads([post]))[0];
    },
    async withLeads<T extends Post>(list: T[]): Promise<T[]> {
      return list.map((post) => (leads.has(post.id) ? { ...post, lead: leads.get(post.id)! } : post));
    },
    async getMany(ids) {
      return ids.flatMap((id) => {
        const row = posts.get(id);
        return row ? [read(row)] : [];
      });
    },
    async byTopic(topic, limit, offset = 0) {
      const rows = newestFirst(keys.topicIndex(topic));
      return repository.getMany(rows.slice(offset, offset + limit).map((row) => row.postId));
    },

    async countByTopic(topic, since) {
      const from = since.toISOString();
      return [...(partitions.get(keys.topicIndex(topic))?.values() ?? [])].filter((row) => row.gsi1sk >= from && !row.lists).length;
    },

    async topicCountSnapshot() {
      return snapshot && stored(snapshot);
    },
    async saveTopicCountSnapshot(counted, replacesFrom) {
      // As the table's condition: only over none, one counted earlier, or one stamped after replacesFrom.
      if (snapshot && !(snapshot.computedAt < counted.computedAt || snapshot.computedAt > replacesFrom)) return false;
      snapshot = stored(counted);
      return true;
    },

    // In memory a search costs no reads: it always gives every match.
    async *searchIds(terms) {
      if (terms.length === 0) return { complete: true };
      const lists = [...new Set(terms)].map((term) => partitions.get(keys.termIndex(term)) ?? new Map<string, IndexRow>());
      const [shortest] = [...lists].sort((a, b) => a.size - b.size);
      // As the table's intersection: one post, under the same sort key, in every word's list.
      const matches = [...shortest!.values()].filter((row) => lists.every((list) => list.get(row.postId)?.gsi1sk === row.gsi1sk));
      for (const row of matches.sort(byKey((row) => row.gsi1sk)).reverse()) yield row.postId;
      return { complete: true };
    },

    async *pagesSeenSince(now, options = {}) {
      const since = options.since?.toISOString();
      const nextMonth = monthsBackFrom(now);
      let count = 0;
      let emptyMonths = 0;
      for (;;) {
        const month = nextMonth();
        if (since && month < since.slice(0, 7)) return;
        if (!since && emptyMonths >= EMPTY_MONTHS_BEFORE_GIVING_UP) return;
        const seen = [...posts.values()]
          .filter((row) => row.firstSeenAt.slice(0, 7) === month && (!since || timeSort(row.firstSeenAt, row.id) >= since))
          .sort(byKey((row) => timeSort(row.firstSeenAt, row.id)))
          .reverse();
        const page = options.limit === undefined ? seen : seen.slice(0, options.limit - count);
        count += page.length;
        if (page.length > 0) yield page.map(read);
        if (options.limit !== undefined && count >= options.limit) return;
        emptyMonths = seen.length === 0 ? emptyMonths + 1 : 0;
      }
    },
    async seenSince(now, options = {}) {
      const found: Post[] = [];
      for await (const page of repository.pagesSeenSince(now, options)) found.push(...page);
      return found;
    },
  };
  return repository;
}
