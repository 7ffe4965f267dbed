/**
 * Posts per topic in the last TOPICS_WINDOW_DAYS (`/recap topics`), counted on each topic's index
 * rows (a recap left out: its talks count) — and kept as one snapshot, so that answering reads one
 * item rather than every index row of the week.
 *
 * The snapshot is exact by construction: every count in it is what `countByTopic` said at
 * `computedAt`, all recounted each time, never added to, so no retry, crash or retag between two
 * countings can leave it wrong for longer than until the next one. The poll refreshes it every run;
 * `topics` uses it while it is at most SNAPSHOT_MAX_AGE_MS old, and otherwise counts (and saves).
 */
import type { PostRepository, TopicCountSnapshot } from "../ports/store";
import type { Taxonomy } from "../model/topic";
import { mapWithConcurrency } from "../shared/concurrency";

const DAY = 86_400_000;
export const TOPICS_WINDOW_DAYS = 7;
/** Topics counted at once: one query each, in parallel (on Slack's request path when the snapshot is stale). */
const COUNTS_AT_ONCE = 16;

/**
 * The oldest snapshot `topics` answers from. The poll (every 15 minutes, on the clock) refreshes it,
 * so one interval plus a margin for a run that starts or counts late keeps a healthy stage answering
 * from the snapshot between two polls; once a refresh is missed, the next `topics` counts (and saves)
 * instead of showing older counts. 20 minutes is 0.2% of the 7-day window. Either way round: a
 * snapshot counted a little after `now` (another machine's clock) is as good.
 */
export const SNAPSHOT_MAX_AGE_MS = 20 * 60_000;

/**
 * How far ahead of a machine's clock another's may run. A snapshot stamped further ahead (a laptop
 * running fast did `recap reindex --table`) is not answered from, and the next counting replaces
 * it: otherwise no later counting could, until real time caught up with the stamp.
 */
const CLOCK_SKEW_MS = 60_000;

/** Each topic's posts in the window ending at `now`, exactly as `countByTopic` counts them. */
async function countTopics(posts: PostRepository, topicIds: readonly string[], now: Date): Promise<Map<string, number>> {
  const since = new Date(now.getTime() - TOPICS_WINDOW_DAYS * DAY);
  const counted = await mapWithConcurrency([...topicIds], COUNTS_AT_ONCE, (id) => posts.countByTopic(id, since));
  return new Map(topicIds.map((id, i) => [id, counted[i]!]));
}

/**
 * Counts every topic of the taxonomy now (`clock()` when it starts) and saves the snapshot, unless
 * one counted at or after that is stored already (`saved` false then: an older counting never
 * replaces a newer one). What the poll calls each run, and `recap reindex` after rebuilding the index.
 */
export async function refreshTopicCounts(
  posts: PostRepository,
  taxonomy: Taxonomy,
  clock: () => Date,
): Promise<{ snapshot: TopicCountSnapshot; saved: boolean }> {
  const snapshot = await countAll(posts, taxonomy, clock());
  return { snapshot, saved: await save(posts, snapshot, clock()) };
}

async function countAll(posts: PostRepository, taxonomy: Taxonomy, now: Date): Promise<TopicCountSnapshot> {
  const ids = [...new Set(taxonomy.topics.map((topic) => topic.id))];
  const counts = await countTopics(posts, ids, now);
  return { computedAt: now.toISOString(), days: TOPICS_WINDOW_DAYS, counts: Object.fromEntries(counts) };
}

/**
 * Over one counted earlier, or one stamped beyond CLOCK_SKEW_MS after the saver's time (`savedAt`:
 * not the counting's start, so a counting that ends late still never replaces a newer one).
 */
const save = (posts: PostRepository, snapshot: TopicCountSnapshot, savedAt: Date) =>
  posts.saveTopicCountSnapshot(snapshot, new Date(savedAt.getTime() + CLOCK_SKEW_MS).toISOString());

/**
 * Counts now for a `topics` answer and saves the snapshot for the next ones. A save that fails (a
 * throttled write) does not fail the answer, which is exact either way: the next `topics` counts
 * again.
 */
async function countForAnswer(posts: PostRepository, taxonomy: Taxonomy, now: Date): Promise<TopicCountSnapshot> {
  const snapshot = await countAll(posts, taxonomy, now);
  await save(posts, snapshot, now).catch(() => false);
  return snapshot;
}

/** Whether `topics` may answer at `now` from this snapshot: the same window, counted at most SNAPSHOT_MAX_AGE_MS away. */
const usable = (snapshot: TopicCountSnapshot, now: Date) => {
  const age = now.getTime() - Date.parse(snapshot.computedAt);
  return snapshot.days === TOPICS_WINDOW_DAYS && age >= -CLOCK_SKEW_MS && age <= SNAPSHOT_MAX_AGE_MS;
};

/**
 * Posts published in the last TOPICS_WINDOW_DAYS per topic: the busy ones by count, the quiet ones
 * apart; `asOf`, when they were counted. From the snapshot (one read) when it is recent enough, else
 * counted now and saved. A topic the snapshot lacks (added since) is counted now, for this answer;
 * counts of topics no longer in the taxonomy are left out.
 */
export async function topicCounts(posts: PostRepository, taxonomy: Taxonomy, now: Date) {
  const stored = await posts.topicCountSnapshot();
  const snapshot = stored && usable(stored, now) ? stored : await countForAnswer(posts, taxonomy, now);
  const counts = new Map(Object.entries(snapshot.counts));
  const missing = [...new Set(taxonomy.topics.map((topic) => topic.id).filter((id) => !counts.has(id)))];
  if (missing.length > 0) for (const [id, count] of await countTopics(posts, missing, now)) counts.set(id, count);
  const all = taxonomy.topics.map(({ id, label }) => ({ id, label, count: counts.get(id) ?? 0 }));
  return {
    days: TOPICS_WINDOW_DAYS,
    asOf: snapshot.computedAt,
    topics: all.filter((topic) => topic.count > 0).sort((a, b) => b.count - a.count || a.label.localeCompare(b.label)),
    quiet: all
      .filter((topic) => topic.count === 0)
      .map(({ id, label }) => ({ id, label }))
      .sort((a, b) => a.label.localeCompare(b.label)),
  };
}
