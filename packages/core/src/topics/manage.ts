/**
 * Changing the taxonomy from Slack or the CLI: `topic add`, `topic alias` (stored in the table and
 * in force for the next post ingested anywhere) and `retag` (the taxonomy in force applied again to
 * stored posts, e.g. after a topic was added).
 */
import type { Outcome } from "../commands/types";
import type { RefreshDeps } from "../feeds/refresh";
import { mapWithConcurrency } from "../shared/concurrency";
import { topicText } from "../posts/topic-text";
import { recapTopics } from "../recaps/sync";
import { matchTopics } from "./match";
import { checkNewAlias, checkNewTopic } from "./team";

export type TopicDeps = Pick<RefreshDeps, "store" | "taxonomy" | "clock">;

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

/** Re-tags every post first seen since `since` (a YYYY-MM-DD date, UTC; all posts when absent). */
export async function retagPosts(since: string | undefined, deps: TopicDeps): Promise<Extract<Outcome, { kind: "retagged" }>> {
  const taxonomy = await deps.taxonomy();
  let examined = 0;
  let changed = 0;
  const from = since ? new Date(`${since}T00:00:00Z`) : undefined;
  for await (const page of deps.store.posts.pagesSeenSince(deps.clock(), { since: from })) {
    examined += page.length;
    await mapWithConcurrency(page, RETAG_CONCURRENCY, async (post) => {
      const own = matchTopics(topicText(post), taxonomy);
      if (!post.listed) {
        if (own.join() === post.topics.join()) return;
        await deps.store.posts.setTopics(post, own);
        changed++;
        return;
      }
      // A recap also has its items' topics: tag them from their own text, whatever order they come in.
      const items = new Map((await deps.store.posts.getMany(post.listed.map((entry) => entry.id))).map((item) => [item.id, item]));
      const listed = post.listed.map((entry) => {
        const item = items.get(entry.id);
        return item ? { ...entry, topics: matchTopics(topicText(item), taxonomy) } : entry;
      });
      const topics = recapTopics(own, listed, taxonomy);
      if (topics.join() === post.topics.join() && JSON.stringify(listed) === JSON.stringify(post.listed)) return;
      await deps.store.posts.setTopics(post, topics, listed);
      changed++;
    });
  }
  return { kind: "retagged", ...(since ? { since } : {}), examined, changed };
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
