/**
 * Posts, their per-topic index rows, and each feed's item identities.
 *
 * No transactions (dynalite has none): every write is idempotent on its own and ordered so a
 * crash between two writes is repaired by the next poll — the post first, its topic rows next,
 * the feed's identity row last (an item is only "known" once everything else is written).
 */
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { ListedItem, Post, PostCorrections } from "../model/post";
import { batchGet, batchWrite } from "./batch";
import { applied } from "./conditional";
import { patchExpression } from "./expressions";
import type { TableRef } from "./client";
import type { FeedItemIdentity, PostContent, PostRepository, StoredPost, TopicCountSnapshot } from "../ports/store";
import { countAll, queryAll, queryPages } from "./query";
import { toCorrections, toPost, toStoredPost } from "./records";
import { keys } from "./schema";
import { searchTerms } from "./term-search";
import { indexRowsOf, type IndexRow } from "./index-rows";

/** Rounds of matching a post's index rows while other writers keep changing it. */
const MATCH_ROUNDS = 4;

const EMPTY_MONTHS_BEFORE_GIVING_UP = 12;

/** `#name` → `name` for ExpressionAttributeNames. */
const aliases = (...names: string[]) => Object.fromEntries(names.map((name) => [`#${name}`, name]));

/**
 * SET `name` and bump `<name>Version`, only over the version the caller read (0 or absent for none):
 * two writers of the same attribute never overwrite each other; the later one is refused and re-reads.
 */
function overVersion(name: "listed" | "corrections", value: unknown, read: number | undefined) {
  const seen = read ?? 0;
  const version = `${name}Version`;
  return {
    set: `#${name} = :value, #${version} = :next`,
    condition: seen === 0 ? `attribute_not_exists(#${version})` : `#${version} = :seen`,
    names: [name, version],
    values: { ":value": value, ":next": seen + 1, ...(seen === 0 ? {} : { ":seen": seen }) },
  };
}

export function postRepository(table: TableRef): PostRepository {
  const { client, tableName: TableName } = table;

  /**
   * Makes a post's index rows what the post, as stored now, says: one consistent query reads the
   * post item and its rows together, then the difference is written — missing or different rows
   * put, others deleted (all of them when the post is gone). Built from the table, never from what
   * a writer last read, so whichever writer indexes last leaves the rows right, and a retry after
   * a crash or a half-written batch finishes the job. If the post changed while its rows were being
   * written (another writer), it goes round again. Returns the rows written or deleted.
   */
  async function matchIndexRows(postId: string): Promise<number> {
    let changed = 0;
    for (let round = 0; round < MATCH_ROUNDS; round++) {
      const { post, version, rows } = await readIndexed(postId);
      const current = new Map(rows.map((row) => [row.sk as string, `${row.gsi1sk as string}|${row.lists === true}`]));
      const wanted = post ? indexRowsOf(post) : new Map<string, IndexRow>();
      const writes = [...wanted.values()].filter((row) => current.get(row.sk) !== `${row.gsi1sk}|${row.lists === true}`);
      const stale = [...current.keys()].filter((sk) => !wanted.has(sk));
      if (writes.length + stale.length === 0) return changed;
      await batchWrite(table, [
        ...writes.map((Item) => ({ PutRequest: { Item } })),
        ...stale.map((sk) => ({ DeleteRequest: { Key: { pk: keys.post(postId).pk, sk } } })),
      ]);
      changed += writes.length + stale.length;
      // Unchanged since it was read: what was written is what it says.
      if ((await readIndexed(postId, true)).version === version) return changed;
    }
    return changed;
  }

  /**
   * A post item and its index rows, in one consistent query (LEAD sorts before POST, and TERM# and
   * TOPIC# after it); `version`, a fingerprint of what the rows are built from. With `postOnly`,
   * the post item alone.
   */
  async function readIndexed(postId: string, postOnly = false) {
    const items = await queryAll(table, {
      ConsistentRead: true,
      KeyConditionExpression: postOnly ? "pk = :pk AND sk = :post" : "pk = :pk AND sk BETWEEN :post AND :last",
      ExpressionAttributeValues: {
        ":pk": keys.post(postId).pk,
        ":post": keys.post(postId).sk,
        ...(postOnly ? {} : { ":last": "TOPIC#\uffff" }),
      },
    });
    const item = items.find((row) => row.sk === keys.post(postId).sk && row.id !== undefined);
    const post = item ? toPost(item) : undefined;
    const rows = items.filter((row) => typeof row.sk === "string" && (row.sk.startsWith("TERM#") || row.sk.startsWith("TOPIC#")));
    return { post, version: post ? JSON.stringify([...indexRowsOf(post).values()]) : "gone", rows };
  }

  /**
   * SET topics (and `extra`) on an existing post, then its topic rows from the topics it had; with
   * `topics` undefined, only `extra` (the topics stay, and their rows unless `listed` made the post
   * a recap or no longer one).
   */
  async function replaceTopics(
    post: Pick<Post, "id" | "publishedAt">,
    topics: string[] | undefined,
    extra: { set?: string; condition?: string; names?: string[]; values?: Record<string, unknown>; listed?: ListedItem[] },
  ): Promise<boolean> {
    const set = [...(topics ? ["#topics = :topics"] : []), ...(extra.set ? [extra.set] : [])];
    let old: Record<string, unknown> | undefined;
    try {
      ({ Attributes: old } = await client.send(
        new UpdateCommand({
          TableName,
          Key: keys.post(post.id),
          UpdateExpression: `SET ${set.join(", ")}`,
          ConditionExpression: `attribute_exists(pk)${extra.condition ? ` AND ${extra.condition}` : ""}`,
          ExpressionAttributeNames: aliases(...(topics ? ["topics"] : []), ...(extra.names ?? [])),
          ExpressionAttributeValues: { ...(topics ? { ":topics": topics } : {}), ...extra.values },
          ReturnValues: "ALL_OLD",
        }),
      ));
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
    // Topics and, for a recap, whether it lists talks are on the topic rows; the words did not change.
    if (topics || (extra.listed && listsTalks(extra.listed) !== listsTalks(old?.listed))) await matchIndexRows(post.id);
    return true;
  }

  return {
    async knownItems(feedId: string, itemKeys: string[]): Promise<Map<string, FeedItemIdentity>> {
      // Strongly consistent: a poll that just finished (or a retried one) must be seen.
      const rows = await batchGet<Record<string, unknown>>(
        table,
        [...new Set(itemKeys)].map((itemKey) => keys.feedItem(feedId, itemKey)),
        { consistent: true },
      );
      return new Map(
        rows.map((row) => [
          row.itemKey as string,
          { itemKey: row.itemKey as string, postId: row.postId as string, contentHash: row.contentHash as string },
        ]),
      );
    },

    /** Marks items as known to a feed (overwriting is harmless: the same identity, newer hash). */
    async rememberItems(feedId: string, identities: FeedItemIdentity[]): Promise<void> {
      await batchWrite(
        table,
        identities.map((identity) => ({ PutRequest: { Item: { ...keys.feedItem(feedId, identity.itemKey), ...identity } } })),
      );
    },

    async countItems(feedId: string): Promise<number> {
      return countAll(table, {
        // Right after a poll's writes, as a recount reads it.
        ConsistentRead: true,
        KeyConditionExpression: "pk = :pk AND begins_with(sk, :items)",
        ExpressionAttributeValues: { ":pk": keys.feed(feedId).pk, ":items": keys.feedItemPrefix },
      });
    },

    /** The posts a feed has carried (its known items' posts), in no particular order. */
    async idsOfFeed(feedId: string): Promise<string[]> {
      const rows = await queryAll(table, {
        KeyConditionExpression: "pk = :pk AND begins_with(sk, :items)",
        ExpressionAttributeValues: { ":pk": keys.feed(feedId).pk, ":items": keys.feedItemPrefix },
        ProjectionExpression: "postId",
      });
      return [...new Set(rows.map((row) => row.postId as string))];
    },

    /** Inserts a post that does not exist yet; false (and nothing written) when it does. */
    async insert(post: Post): Promise<boolean> {
      // The lead is written with the topic rows: a crash before them is repaired by the next poll
      // (refresh rewrites both through repairIndexRows).
      const { lead: _lead, ...row } = post;
      const inserted = await applied(
        client.send(
          new PutCommand({
            TableName,
            Item: {
              ...keys.post(post.id),
              gsi2pk: keys.seenBucket(post.firstSeenAt),
              gsi2sk: keys.timeSort(post.firstSeenAt, post.id),
              ...row,
              feeds: new Set(post.feeds),
            },
            ConditionExpression: "attribute_not_exists(pk)",
          }),
        ),
      );
      if (inserted) {
        if (post.lead) await client.send(new PutCommand({ TableName, Item: { ...keys.postLead(post.id), lead: post.lead } }));
        await matchIndexRows(post.id);
      }
      return inserted;
    },

    /** Records that one more feed carries an existing post; returns the post as it now is. */
    async attachFeed(postId: string, feedUrl: string): Promise<StoredPost> {
      const { Attributes } = await client.send(
        new UpdateCommand({
          TableName,
          Key: keys.post(postId),
          UpdateExpression: "ADD #feeds :feed",
          ConditionExpression: "attribute_exists(pk)",
          ExpressionAttributeNames: aliases("feeds"),
          ExpressionAttributeValues: { ":feed": new Set([feedUrl]) },
          ReturnValues: "ALL_NEW",
        }),
      );
      return toStoredPost(Attributes ?? {});
    },

    /** Applies a publisher's edit. Never touches first-seen time or freshness: an edit is not news. */
    async updateContent(postId: string, content: PostContent): Promise<void> {
      // Optional fields the edit has are set; those it lacks are removed (the publisher dropped them).
      const optional = { author: content.author, categories: content.categories };
      const present = Object.entries(optional).filter(([, value]) => value !== undefined && value !== "");
      const absent = Object.keys(optional).filter((name) => !present.some(([present]) => present === name));
      const set = ["#title = :title", "#summary = :summary", "#topics = :topics", ...present.map(([name]) => `#${name} = :${name}`)];
      if (content.publishedAt) set.push("#publishedAt = :publishedAt");
      await client.send(
        new UpdateCommand({
          TableName,
          Key: keys.post(postId),
          UpdateExpression: `SET ${set.join(", ")}${absent.length > 0 ? ` REMOVE ${absent.map((name) => `#${name}`).join(", ")}` : ""}`,
          ConditionExpression: "attribute_exists(pk)",
          // Aliases throughout: DynamoDB reserves hundreds of words, and a bare one fails the request.
          ExpressionAttributeNames: aliases(
            "title",
            "summary",
            "topics",
            ...(content.publishedAt ? ["publishedAt"] : []),
            ...Object.keys(optional),
          ),
          ExpressionAttributeValues: {
            ":title": content.title,
            ":summary": content.summary,
            ":topics": content.topics,
            ...(content.publishedAt ? { ":publishedAt": content.publishedAt } : {}),
            ...Object.fromEntries(present.map(([name, value]) => [`:${name}`, value])),
          },
        }),
      );
      // After the post (an edit of a missing post leaves no lead behind); a crash before it is
      // repaired by the next poll, which applies the edit again (the feed remembers it last).
      if (content.lead) await client.send(new PutCommand({ TableName, Item: { ...keys.postLead(postId), lead: content.lead } }));
      else await client.send(new DeleteCommand({ TableName, Key: keys.postLead(postId) }));
      await matchIndexRows(postId);
    },

    /**
     * Replaces a post's topics (a retag): the post, then its index rows — the stale ones found from
     * the topics it had in the table, whatever the caller last read. False when the post is gone.
     */
    async setTopics(post: Pick<Post, "id" | "publishedAt">, topics: string[]): Promise<boolean> {
      return replaceTopics(post, topics, {});
    },

    /**
     * What the team said of a post's topics, and its topics as they now are, written only over the
     * corrections version the caller read: false when the post is gone or someone corrected it first.
     */
    async setCorrections(
      post: Pick<StoredPost, "id" | "publishedAt" | "correctionsVersion">,
      corrections: PostCorrections,
      topics: string[],
    ): Promise<boolean> {
      return replaceTopics(post, topics, overVersion("corrections", corrections, post.correctionsVersion));
    },

    /**
     * A recap's new list of items and topics, written only over the list version the caller read
     * (`listedVersion`, 0 for none): false when another sync wrote first, so the caller re-reads.
     */
    async setListed(
      recap: Pick<StoredPost, "id" | "publishedAt" | "listedVersion">,
      /** Undefined: the list only (its topics stay). */
      topics: string[] | undefined,
      listed: ListedItem[],
    ): Promise<boolean> {
      return replaceTopics(recap, topics, { ...overVersion("listed", listed, recap.listedVersion), listed });
    },

    /**
     * Writes an item a recap lists: inserted when new (first seen now), else its content replaced
     * (keeping when it was first seen and the team's corrections, applied by `corrected`); then its
     * topic rows, dropping those of topics it lost. Returns the topics it was stored with.
     */
    async saveListed(item: Post, corrected: (corrections: PostCorrections) => string[] = () => item.topics): Promise<string[]> {
      const fields = ["url", "title", "summary", "publishedAt", "topics", "speakers", "organizations", "links", "listedIn"] as const;
      // A removal by a concurrent sync can come between the two: then insert again.
      for (let attempt = 0; attempt < 3; attempt++) {
        if (await this.insert(item)) return item.topics;
        try {
          const { Attributes } = await client.send(
            new UpdateCommand({
              TableName,
              Key: keys.post(item.id),
              UpdateExpression: `SET ${fields.map((field) => `#${field} = :${field}`).join(", ")}${item.sessionCode ? ", #sessionCode = :sessionCode" : " REMOVE #sessionCode"}`,
              ConditionExpression: "attribute_exists(pk)",
              ExpressionAttributeNames: aliases(...fields, "sessionCode"),
              ExpressionAttributeValues: {
                ...Object.fromEntries(fields.map((field) => [`:${field}`, item[field] ?? []])),
                ...(item.sessionCode ? { ":sessionCode": item.sessionCode } : {}),
              },
              ReturnValues: "ALL_OLD",
            }),
          );
          // A team's corrections of the item (kept by the update) still win over its new topics.
          const topics = Attributes?.corrections ? corrected(toCorrections(Attributes.corrections)) : item.topics;
          if (topics.join() !== item.topics.join()) {
            // The topics only: their rows are written once, below.
            // Only over the item just updated: a removal meanwhile must not leave a stub item behind.
            await client.send(
              new UpdateCommand({
                TableName,
                Key: keys.post(item.id),
                ...patchExpression({ topics })!,
                ConditionExpression: "attribute_exists(pk)",
              }),
            );
          }
          // Rows for the topics it is stored with; those of topics it had before this sync go.
          await matchIndexRows(item.id);
          return topics;
        } catch (error) {
          if (!(error instanceof ConditionalCheckFailedException)) throw error;
        }
      }
      return item.topics;
    },

    /** Deletes an item its recap no longer lists: every index row it has in the table, then the item. */
    async removeListed(id: string): Promise<void> {
      // The item first: a writer indexing it meanwhile then finds it gone and deletes its own rows
      // (matchIndexRows); were the deletes below cut short, the recap still lists the item, and its
      // next sync removes it again.
      await client.send(new DeleteCommand({ TableName, Key: keys.post(id) }));
      const rows = await queryAll(table, {
        ConsistentRead: true,
        KeyConditionExpression: "pk = :pk",
        ExpressionAttributeValues: { ":pk": keys.post(id).pk },
        ProjectionExpression: "pk, sk",
      });
      await batchWrite(
        table,
        rows.map((row) => ({ DeleteRequest: { Key: { pk: row.pk, sk: row.sk } } })),
      );
    },

    /** Makes a post's index rows (topics, words) what the stored post says, and stores `lead`: rows written or deleted. */
    async repairIndexRows(postId: string, lead?: string): Promise<number> {
      if (lead) await client.send(new PutCommand({ TableName, Item: { ...keys.postLead(postId), lead } }));
      return matchIndexRows(postId);
    },

    /**
     * Takes the right to announce a fresh post. Exactly one caller wins while a claim is live;
     * a claim older than `staleBefore` (its holder crashed) can be taken over.
     */
    async claimAnnouncement(postId: string, now: Date, staleBefore: Date): Promise<boolean> {
      return applied(
        client.send(
          new UpdateCommand({
            TableName,
            Key: keys.post(postId),
            UpdateExpression: "SET #announceClaimAt = :now",
            ConditionExpression:
              "#fresh = :true AND attribute_not_exists(#announcedAt) AND (attribute_not_exists(#announceClaimAt) OR #announceClaimAt < :stale)",
            ExpressionAttributeNames: aliases("fresh", "announcedAt", "announceClaimAt"),
            ExpressionAttributeValues: { ":now": now.toISOString(), ":stale": staleBefore.toISOString(), ":true": true },
          }),
        ),
      );
    },

    async markAnnounced(postId: string, now: Date): Promise<void> {
      // A post removed meanwhile (a recap's item) stays removed: no stub row is left behind.
      await applied(
        client.send(
          new UpdateCommand({
            TableName,
            Key: keys.post(postId),
            UpdateExpression: "SET #announcedAt = :now REMOVE #announceClaimAt",
            ConditionExpression: "attribute_exists(pk)",
            ExpressionAttributeNames: aliases("announcedAt", "announceClaimAt"),
            ExpressionAttributeValues: { ":now": now.toISOString() },
          }),
        ),
      );
    },

    /** Gives a claim back so the next poll can announce; only the claim taken at `claimedAt` is released. */
    async releaseAnnouncement(postId: string, claimedAt: Date): Promise<void> {
      // Not applied when someone took over our stale claim meanwhile: then it is theirs.
      await applied(
        client.send(
          new UpdateCommand({
            TableName,
            Key: keys.post(postId),
            UpdateExpression: "REMOVE #announceClaimAt",
            ConditionExpression: "#announceClaimAt = :mine",
            ExpressionAttributeNames: aliases("announceClaimAt"),
            ExpressionAttributeValues: { ":mine": claimedAt.toISOString() },
          }),
        ),
      );
    },

    async get(id: string): Promise<StoredPost | undefined> {
      const { Item } = await client.send(new GetCommand({ TableName, Key: keys.post(id), ConsistentRead: true }));
      return Item ? toStoredPost(Item) : undefined;
    },

    /**
     * The leads of posts (the body's opening tagging reads), by post id: kept in rows of their own,
     * so lists, search and digests never read them. Posts without one are absent from the map.
     */
    async leads(ids: string[]): Promise<Map<string, string>> {
      const rows = await batchGet<Record<string, unknown>>(
        table,
        [...new Set(ids)].map((id) => keys.postLead(id)),
      );
      return new Map(
        rows.flatMap((row) => (typeof row.lead === "string" ? [[String(row.pk).slice("POST#".length), row.lead] as const] : [])),
      );
    },

    /** A post with its lead, for tagging it again. */
    async getWithLead(id: string): Promise<StoredPost | undefined> {
      const post = await this.get(id);
      return post && (await this.withLeads([post]))[0];
    },

    /** Posts with their leads, for tagging them again. */
    async withLeads<T extends Post>(list: T[]): Promise<T[]> {
      if (list.length === 0) return list;
      const leads = await this.leads(list.map((post) => post.id));
      return list.map((post) => (leads.has(post.id) ? { ...post, lead: leads.get(post.id)! } : post));
    },

    /** Posts by id, in the order asked (missing ids skipped). */
    async getMany(ids: string[]): Promise<Post[]> {
      const rows = await batchGet<Record<string, unknown>>(
        table,
        [...new Set(ids)].map((id) => keys.post(id)),
      );
      const byId = new Map(rows.map((row) => [row.id as string, toPost(row)]));
      return ids.flatMap((id) => byId.get(id) ?? []);
    },

    /** A topic's posts, newest published first, skipping the first `offset`. */
    async byTopic(topic: string, limit: number, offset = 0): Promise<Post[]> {
      // Index rows are tiny (keys and an id): skip `offset` of them, then read only the posts shown.
      const rows = await queryAll(
        table,
        {
          IndexName: "gsi1",
          KeyConditionExpression: "gsi1pk = :topic",
          ExpressionAttributeValues: { ":topic": keys.topicIndex(topic) },
          ProjectionExpression: "postId",
          ScanIndexForward: false,
        },
        offset + limit,
      );
      return this.getMany(rows.slice(offset).map((row) => row.postId as string));
    },

    /** Posts with a topic published at or after `since`, recaps left out (their talks count). */
    async countByTopic(topic: string, since: Date): Promise<number> {
      return countAll(table, {
        IndexName: "gsi1",
        KeyConditionExpression: "gsi1pk = :topic AND gsi1sk >= :since",
        FilterExpression: "attribute_not_exists(#lists)",
        ExpressionAttributeNames: { "#lists": "lists" },
        ExpressionAttributeValues: { ":topic": keys.topicIndex(topic), ":since": since.toISOString() },
      });
    },

    /** The topic-count snapshot last saved; one GetItem. */
    async topicCountSnapshot(): Promise<TopicCountSnapshot | undefined> {
      const { Item } = await client.send(new GetCommand({ TableName, Key: keys.topicCountSnapshot }));
      return Item ? toTopicCountSnapshot(Item) : undefined;
    },

    /** Puts the snapshot only over none, one counted earlier, or one stamped after `replacesFrom`: an older count never replaces a newer one. */
    async saveTopicCountSnapshot(snapshot: TopicCountSnapshot, replacesFrom: string): Promise<boolean> {
      return applied(
        client.send(
          new PutCommand({
            TableName,
            Item: { ...keys.topicCountSnapshot, computedAt: snapshot.computedAt, days: snapshot.days, counts: snapshot.counts },
            ConditionExpression: "attribute_not_exists(pk) OR #computedAt < :computedAt OR #computedAt > :replacesFrom",
            ExpressionAttributeNames: { "#computedAt": "computedAt" },
            ExpressionAttributeValues: { ":computedAt": snapshot.computedAt, ":replacesFrom": replacesFrom },
          }),
        ),
      );
    },

    /** Ids of the posts indexed under every term, newest published first. */
    searchIds(terms: string[], options: { maxRows?: number } = {}) {
      return searchTerms(table, terms, options.maxRows);
    },

    /**
     * Posts first seen at or after `since` (all time when absent), newest first, a page at a time:
     * for walking the whole store without holding it in memory. Stops after `limit` posts.
     */
    async *pagesSeenSince(now: Date, options: { since?: Date; limit?: number } = {}): AsyncGenerator<Post[]> {
      const since = options.since?.toISOString();
      let count = 0;
      let emptyMonths = 0;
      for (const month of monthsBackFrom(now)) {
        if (since && month < since.slice(0, 7)) return;
        if (!since && emptyMonths >= EMPTY_MONTHS_BEFORE_GIVING_UP) return;
        let rows = 0;
        for await (const page of queryPages(table, {
          IndexName: "gsi2",
          KeyConditionExpression: since ? "gsi2pk = :bucket AND gsi2sk >= :since" : "gsi2pk = :bucket",
          ExpressionAttributeValues: { ":bucket": `SEEN#${month}`, ...(since ? { ":since": since } : {}) },
          ScanIndexForward: false,
          ...(options.limit !== undefined ? { Limit: options.limit - count } : {}),
        })) {
          const posts = options.limit === undefined ? page : page.slice(0, options.limit - count);
          rows += posts.length;
          count += posts.length;
          if (posts.length > 0) yield posts.map(toPost);
          if (options.limit !== undefined && count >= options.limit) return;
        }
        emptyMonths = rows === 0 ? emptyMonths + 1 : 0;
      }
    },

    /** Posts first seen at or after `since` (all time when absent), newest first. */
    async seenSince(now: Date, options: { since?: Date; limit?: number } = {}): Promise<Post[]> {
      const posts: Post[] = [];
      for await (const page of this.pagesSeenSince(now, options)) posts.push(...page);
      return posts;
    },
  };
}

/** Whether a stored `listed` attribute lists anything: the post is then a recap. */
const listsTalks = (listed: unknown) => Array.isArray(listed) && listed.length > 0;

/** "2026-11", "2026-10", … starting at now's month (UTC). */
function* monthsBackFrom(now: Date): Generator<string> {
  let year = now.getUTCFullYear();
  let month = now.getUTCMonth() + 1;
  for (;;) {
    yield `${year}-${String(month).padStart(2, "0")}`;
    month -= 1;
    if (month === 0) {
      month = 12;
      year -= 1;
    }
  }
}

/**
 * The snapshot item as the port gives it: undefined when it is not one (then `topics` counts again),
 * and a count that is not a number left out (that topic is counted again).
 */
function toTopicCountSnapshot(item: Record<string, unknown>): TopicCountSnapshot | undefined {
  const { computedAt, days, counts } = item;
  if (typeof computedAt !== "string" || typeof days !== "number" || typeof counts !== "object" || counts === null) return undefined;
  return { computedAt, days, counts: Object.fromEntries(Object.entries(counts).filter(([, count]) => typeof count === "number")) };
}
