/**
 * Posts, their per-topic index and each feed's item identities, in memory: the same contract as
 * store/posts.ts. The index is kept apart from the posts, as in the table, so that a topic page, a
 * retag or a removed recap item behave exactly as they do there.
 */
import type { Post, PostCorrections } from "../../model/post";
import type { FeedItemIdentity, PostContent, PostRepository } from "../../ports/store";
import { toPost, toStoredPost } from "../records";
import { postTerms } from "../../shared/search-terms";
import { termChange, termsToDelete, termsToWrite, type TermChange } from "../terms";
import { byKey, missing, stored } from "./shared";

/** Months without a post after which a walk back through time stops (when no `since` bounds it). */
const EMPTY_MONTHS_BEFORE_GIVING_UP = 12;

/** A post as kept: its fields (never the lead), its feeds as a set, and the store's own bookkeeping. */
type Row = Record<string, unknown> & { id: string; firstSeenAt: string; publishedAt: string; feeds: Set<string> };

const timeSort = (isoTime: string, id: string) => `${isoTime}#${id}`;

export function memoryPosts(feedItems: Map<string, Map<string, FeedItemIdentity>>): PostRepository {
  const posts = new Map<string, Row>();
  const leads = new Map<string, string>();
  /** topic → post id → its sort key (published time, then id), as the table's index rows. */
  const index = new Map<string, Map<string, string>>();
  /** post id → the topics it has index rows for. */
  const indexed = new Map<string, Set<string>>();
  /** term → post id → its sort key, and post id → its terms: the word index, as the table's rows. */
  const words = new Map<string, Map<string, string>>();
  const worded = new Map<string, Set<string>>();

  function writeIndexRow(topic: string, postId: string, publishedAt: string) {
    (index.get(topic) ?? index.set(topic, new Map()).get(topic)!).set(postId, timeSort(publishedAt, postId));
    (indexed.get(postId) ?? indexed.set(postId, new Set()).get(postId)!).add(topic);
  }
  function deleteIndexRow(topic: string, postId: string) {
    index.get(topic)?.delete(postId);
    indexed.get(postId)?.delete(topic);
  }

  /** The post's index rows for its topics (and its lead, when given), and with `terms` its words; rows of topics it lost go. */
  function indexRows(post: Pick<Post, "id" | "publishedAt" | "topics" | "lead">, previousTopics: string[], terms?: TermChange) {
    if (post.lead) leads.set(post.id, post.lead);
    for (const topic of post.topics) writeIndexRow(topic, post.id, post.publishedAt);
    for (const topic of previousTopics) if (!post.topics.includes(topic)) deleteIndexRow(topic, post.id);
    for (const term of termsToWrite(terms)) {
      (words.get(term) ?? words.set(term, new Map()).get(term)!).set(post.id, timeSort(post.publishedAt, post.id));
      (worded.get(post.id) ?? worded.set(post.id, new Set()).get(post.id)!).add(term);
    }
    for (const term of termsToDelete(terms)) {
      words.get(term)?.delete(post.id);
      worded.get(post.id)?.delete(term);
    }
  }

  /** Sets topics (and `extra`) on an existing post when `allowed`, then its index rows from the topics it had. */
  function replaceTopics(
    post: Pick<Post, "id" | "publishedAt"> & { lead?: string },
    topics: string[] | undefined,
    extra: { allowed?: (row: Row) => boolean; apply?: (row: Row) => void } = {},
  ): boolean {
    const row = posts.get(post.id);
    if (!row || (extra.allowed && !extra.allowed(row))) return false;
    const old = (row.topics as string[] | undefined) ?? [];
    if (topics) row.topics = [...topics];
    extra.apply?.(row);
    if (topics) indexRows({ ...post, topics }, old);
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
      indexRows(post, [], termChange(post));
      return true;
    },
    async attachFeed(postId, feedUrl) {
      const row = posts.get(postId);
      if (!row) throw missing(`Post ${postId}`);
      row.feeds.add(feedUrl);
      return toStoredPost(stored(row));
    },
    async updateContent(postId, content: PostContent) {
      if (content.lead) leads.set(postId, content.lead);
      else leads.delete(postId);
      const row = posts.get(postId);
      if (!row) throw missing(`Post ${postId}`);
      const old = (row.topics as string[] | undefined) ?? [];
      const before = read(row);
      Object.assign(row, stored({ title: content.title, summary: content.summary, topics: content.topics }));
      if (content.publishedAt) row.publishedAt = content.publishedAt;
      // Optional fields the edit has are set; those it lacks are removed (the publisher dropped them).
      for (const name of ["author", "categories"] as const) {
        const value = content[name];
        if (value !== undefined && value !== "") row[name] = stored(value);
        else delete row[name];
      }
      indexRows({ id: postId, publishedAt: row.publishedAt, topics: content.topics }, old, termChange(read(row), before));
    },

    async setTopics(post, topics) {
      return replaceTopics(post, topics);
    },
    async setCorrections(post, corrections: PostCorrections, topics) {
      return replaceTopics(post, topics, overVersion("corrections", corrections, post.correctionsVersion));
    },
    async repairIndexRows(post) {
      const sort = timeSort(post.publishedAt, post.id);
      const terms = postTerms(post);
      let changed = 0;
      for (const topic of post.topics) if (index.get(topic)?.get(post.id) !== sort) changed++;
      for (const topic of indexed.get(post.id) ?? []) if (!post.topics.includes(topic)) changed++;
      for (const term of terms) if (words.get(term)?.get(post.id) !== sort) changed++;
      for (const term of worded.get(post.id) ?? []) if (!terms.includes(term)) changed++;
      indexRows(post, [...(indexed.get(post.id) ?? [])], { now: terms, before: [...(worded.get(post.id) ?? [])], moved: true });
      return changed;
    },

    async setListed(recap, topics, listed) {
      return replaceTopics(recap, topics, overVersion("listed", listed, recap.listedVersion));
    },
    async saveListed(item, corrected = () => item.topics) {
      if (await repository.insert(item)) return item.topics;
      const row = posts.get(item.id)!;
      const old = (row.topics as string[] | undefined) ?? [];
      const terms = termChange(item, read(row));
      for (const field of ["url", "title", "summary", "publishedAt", "topics", "speakers", "organizations", "links", "listedIn"] as const) {
        (row as Record<string, unknown>)[field] = stored(item[field] ?? []);
      }
      if (item.sessionCode) row.sessionCode = item.sessionCode;
      else delete row.sessionCode;
      // A team's corrections of the item (kept by the update) still win over its new topics.
      const topics = row.corrections ? corrected(toStoredPost(stored(row)).corrections!) : item.topics;
      if (topics.join() !== item.topics.join()) {
        row.topics = [...topics];
        indexRows({ ...item, topics }, old, terms);
      } else {
        indexRows(item, old, terms);
      }
      return topics;
    },
    async removeListed(id) {
      for (const topic of [...(indexed.get(id) ?? [])]) deleteIndexRow(topic, id);
      for (const term of worded.get(id) ?? []) words.get(term)?.delete(id);
      worded.delete(id);
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
      const rows = [...(index.get(topic)?.entries() ?? [])].sort(byKey(([, sort]) => sort)).reverse();
      return repository.getMany(rows.slice(offset, offset + limit).map(([postId]) => postId));
    },

    async countByTopic(topic, since) {
      const from = since.toISOString();
      const isRecap = (id: string) => ((posts.get(id)?.listed as unknown[] | undefined) ?? []).length > 0;
      return [...(index.get(topic)?.entries() ?? [])].filter(([id, sort]) => sort >= from && !isRecap(id)).length;
    },

    async *searchIds(terms) {
      if (terms.length === 0) return;
      const lists = [...new Set(terms)].map((term) => words.get(term) ?? new Map<string, string>());
      const [shortest] = [...lists].sort((a, b) => a.size - b.size);
      const matches = [...shortest!.entries()].filter(([postId]) => lists.every((list) => list.has(postId)));
      for (const [postId] of matches.sort(byKey(([, sort]) => sort)).reverse()) yield postId;
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
