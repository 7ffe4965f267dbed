/**
 * Changing the taxonomy from Slack or the CLI: `topic add`, `topic alias` (stored in the table and
 * in force for the next post ingested anywhere) and `retag` (the taxonomy in force applied again to
 * stored posts, e.g. after a topic was added).
 */
import type { Outcome } from "../model/command";
import type { Post } from "../model/post";
import type { Store, StoredPost } from "../ports/store";
import { mapWithConcurrency } from "../shared/concurrency";
import { topicEvidence } from "./evidence";
import { matchTopics } from "./score";
import { postFocus } from "./focus";
import { storedTopics } from "./learn";
import type { Taxonomy } from "../model/topic";
import { checkNewAlias, checkNewTopic } from "./team";

/** What managing topics needs: the store, the taxonomy in force now, and the time. */
export interface TopicDeps {
  store: Store;
  taxonomy: () => Promise<Taxonomy>;
  clock: () => Date;
}

const RETAG_CONCURRENCY = 8;

export async function addTeamTopic(
  request: { id: string; label: string; aliases: string[] },
  userId: string | undefined,
  deps: TopicDeps,
): Promise<Outcome> {
  const aliases = distinctNames(request.aliases.filter((alias) => !sameName(alias, request.label)));
  const problem = checkNewTopic({ ...request, aliases }, await deps.taxonomy());
  if (problem) return { kind: "refused", reason: problem };
  const added = await deps.store.topics.add({
    id: request.id,
    label: request.label,
    aliases,
    addedAt: deps.clock().toISOString(),
    ...(userId ? { addedBy: userId } : {}),
  });
  // Lost a race with another `topic add` of the same id.
  if (!added) return { kind: "refused", reason: `There is a topic \`${request.id}\` already.` };
  return { kind: "topic-added", id: request.id, label: request.label, aliases };
}

export async function addTopicAlias(
  request: { id: string; alias: string },
  _userId: string | undefined,
  deps: TopicDeps,
): Promise<Outcome> {
  const taxonomy = await deps.taxonomy();
  const problem = checkNewAlias(request.id, request.alias, taxonomy);
  if (problem) return { kind: "refused", reason: problem };
  await deps.store.topics.addAlias(request.id, request.alias, deps.clock().toISOString());
  const label = taxonomy.topics.find((topic) => topic.id === request.id)?.label ?? request.id;
  return { kind: "topic-aliased", id: request.id, label, alias: request.alias };
}

/**
 * Re-tags every post first seen since `since` (a YYYY-MM-DD date, UTC; all posts when absent).
 * Each post is read again before it is written (the walk's index pages may be a little old, and
 * polls run meanwhile); a post deleted meanwhile is skipped. A recap is re-tagged with its talks,
 * and a talk whose topics change updates its recap's list too, whichever of them the window holds.
 */
export async function retagPosts(since: string | undefined, deps: TopicDeps): Promise<Extract<Outcome, { kind: "retagged" }>> {
  const taxonomy = await deps.taxonomy();
  const { posts } = deps.store;
  const changed = new Set<string>();
  const recapsDone = new Set<string>();
  const recapsToUpdate = new Set<string>();
  const focusOf = postFocus(await deps.store.feeds.list());
  // The team's corrections win over the matcher, in every retag.
  const ownTopicsOf = (post: Post) => matchTopics(topicEvidence(post, focusOf(post)), taxonomy);
  const topicsOf = (post: Post) => storedTopics(taxonomy, ownTopicsOf(post), { corrections: post.corrections });
  const tally = new Map<string, { added: number; removed: number }>();
  const count = (before: string[], after: string[]) => {
    for (const id of new Set([...before, ...after])) {
      const change = before.includes(id) === after.includes(id) ? undefined : before.includes(id) ? "removed" : "added";
      if (!change) continue;
      const row = tally.get(id) ?? { added: 0, removed: 0 };
      row[change]++;
      tally.set(id, row);
    }
  };

  /** Its own topics; true when they changed. */
  const retagOne = async (post: Post): Promise<boolean> => {
    const topics = topicsOf(post);
    if (topics.join() === post.topics.join() || !(await posts.setTopics(post, topics))) return false;
    changed.add(post.id);
    count(post.topics, topics);
    return true;
  };
  const retagRecap = async (recap: StoredPost): Promise<void> => {
    recapsDone.add(recap.id);
    const items = await posts.withLeads(await posts.getMany((recap.listed ?? []).map((entry) => entry.id)));
    await mapWithConcurrency(items, RETAG_CONCURRENCY, retagOne);
    const byId = new Map(items.map((item) => [item.id, item]));
    const listed = (recap.listed ?? []).map((entry) => {
      const item = byId.get(entry.id);
      return item ? { ...entry, topics: topicsOf(item) } : entry;
    });
    const topics = storedTopics(taxonomy, ownTopicsOf(recap), { listed, corrections: recap.corrections });
    if (topics.join() === recap.topics.join() && JSON.stringify(listed) === JSON.stringify(recap.listed)) return;
    // Refused only when a poll synced the recap meanwhile: its list was written with this taxonomy.
    if (await posts.setListed(recap, topics, listed)) {
      changed.add(recap.id);
      count(recap.topics, topics);
    }
  };

  let examined = 0;
  const from = since ? new Date(`${since}T00:00:00Z`) : undefined;
  for await (const listed of posts.pagesSeenSince(deps.clock(), { since: from })) {
    examined += listed.length;
    // Leads live in rows of their own (lists never read them): one batch read per page.
    const page = await posts.withLeads(listed);
    await mapWithConcurrency(page, RETAG_CONCURRENCY, async (seen) => {
      // Most posts keep their topics: only those that change (and recaps) are read again.
      if (!seen.listed && topicsOf(seen).join() === seen.topics.join()) return;
      const fresh = await posts.get(seen.id);
      if (!fresh || recapsDone.has(fresh.id)) return;
      const post = seen.lead ? { ...fresh, lead: seen.lead } : fresh;
      if (post.listed) return retagRecap(post);
      if ((await retagOne(post)) && post.listedIn) recapsToUpdate.add(post.listedIn.postId);
    });
  }
  for (const id of recapsToUpdate) {
    if (recapsDone.has(id)) continue;
    const recap = await posts.getWithLead(id);
    if (recap?.listed) await retagRecap(recap);
  }
  const byTopic = byTaxonomyOrder(taxonomy, tally);
  return { kind: "retagged", ...(since ? { since } : {}), examined, changed: changed.size, byTopic };
}

function byTaxonomyOrder(taxonomy: Taxonomy, tally: Map<string, { added: number; removed: number }>) {
  const ids = [...taxonomy.topics.map((topic) => topic.id), ...[...tally.keys()].sort()];
  return [...new Set(ids)].flatMap((id) => {
    const row = tally.get(id);
    return row ? [{ id, ...row }] : [];
  });
}

/** Names compared as the matcher compares them: case, spaces and hyphens aside. */
const nameKey = (name: string) =>
  name
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\s\-_]+/g, "");
const sameName = (a: string, b: string) => nameKey(a) === nameKey(b);

function distinctNames(names: string[]): string[] {
  const seen = new Set<string>();
  return names.filter((name) => !seen.has(nameKey(name)) && seen.add(nameKey(name)));
}
