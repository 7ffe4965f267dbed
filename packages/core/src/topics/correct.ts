/**
 * A team correcting a post's topics (`correct <post-id> not|also|undo <topic>`, or a post card's
 * menu in Slack), and reviewing and undoing what corrections taught (`topic cues`, `topic forget`).
 * A correction is stored on the post, so it holds at once, in every retag and through the
 * publisher's edits; what it teaches is a team cue (see learn.ts) in force for the next post.
 */
import type { Outcome, TopicRef } from "../model/command";
import { topicEvidence } from "./evidence";
import { postFocus } from "./focus";
import { applyCorrections, correct, cueIdOf, negativeCue, positiveCue, storedTopics } from "./learn";
import type { Verdict } from "../model/topic";
import type { Post } from "../model/post";
import { findTopic, unknownTopic } from "./lookup";
import type { TopicDeps } from "./manage";
import { explainTopics, matchTopics, type TopicEvidence, type TopicScore } from "./score";
import type { Taxonomy } from "../model/topic";
import type { TeamCue } from "../model/topic";

/** Attempts at writing a correction over concurrent corrections of the same post. */
const ATTEMPTS = 4;

export async function correctPost(
  request: { postId: string; verdict: Verdict; topic: string },
  userId: string | undefined,
  deps: TopicDeps,
): Promise<Outcome> {
  let taxonomy = await deps.taxonomy();
  const topic = findTopic(request.topic, taxonomy);
  if (!topic) return unknownTopic(request.topic, taxonomy);
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const post = await deps.store.posts.getWithLead(request.postId);
    if (!post) return { kind: "refused", reason: `There is no post \`${request.postId.slice(0, 40)}\` (it may have been removed).` };
    const corrections = correct(post.corrections, request.verdict, topic.id);
    const already = JSON.stringify(corrections) === JSON.stringify(post.corrections ?? { not: [], also: [] });
    if (request.verdict === "undo" && !already) {
      // What this post taught goes first: the matcher then answers as if it had never been said.
      await deps.store.topics.unteachCues(topic.id, post.id);
      taxonomy = await deps.taxonomy();
    }
    const evidence = topicEvidence(post, await storedPostFocus(post, deps));
    const matched = explainTopics(evidence, taxonomy).find((score) => score.id === topic.id);
    const own = post.topics.filter((id) => id !== topic.id);
    if (request.verdict === "undo" ? matched?.tagged : request.verdict === "also") own.push(topic.id);
    const topics = applyCorrections(own, corrections, taxonomy);
    // A correction said again teaches nothing new; "not" teaches only what made a real tag.
    const cue =
      already || request.verdict === "undo"
        ? undefined
        : lesson(request.verdict, topic.id, post, evidence, matched?.tagged ? matched : undefined);
    if (!already || topics.join() !== post.topics.join()) {
      if (!(await deps.store.posts.setCorrections(post, corrections, topics))) continue; // corrected meanwhile: read again
      if (post.listedIn) await updateRecapList(post.listedIn.postId, post.id, topics, taxonomy, deps);
    } else {
      // Said again (a retry after an error): finish the index rows the first attempt may have left.
      await deps.store.posts.repairIndexRows(post.id);
    }
    if (cue)
      await deps.store.topics.teachCue({ ...cue, addedAt: deps.clock().toISOString(), ...(userId ? { addedBy: userId } : {}) }, post.id);
    return {
      kind: "corrected",
      postId: post.id,
      title: post.title,
      verdict: request.verdict,
      topic: { id: topic.id, label: topic.label },
      topics: topics.map((id) => refOf(id, taxonomy)),
      already,
      ...(cue ? { learned: cue } : {}),
    };
  }
  return { kind: "refused", reason: "That post was being corrected by someone else at the same moment; please try again." };
}

/** What a new correction teaches, if anything: a negative cue for "not", a positive one for "also". */
function lesson(
  verdict: Exclude<Verdict, "undo">,
  topicId: string,
  post: Pick<Post, "title">,
  evidence: TopicEvidence,
  tagged: TopicScore | undefined,
): Pick<TeamCue, "topicId" | "cueId" | "polarity" | "phrase"> | undefined {
  const polarity = verdict === "not" ? "negative" : "positive";
  const phrase = polarity === "negative" ? negativeCue(evidence, tagged) : positiveCue(post.title);
  return phrase ? { topicId, cueId: cueIdOf(topicId, polarity, phrase), polarity, phrase } : undefined;
}

/**
 * A corrected talk's topics on its recap's list, and the recap's own topics with them, so the
 * digest's "N talks on your topics" agrees at once. Written over the list version read; if a sync
 * wrote first, its list carries the corrected topics already (it applies corrections too).
 */
async function updateRecapList(recapId: string, itemId: string, topics: string[], taxonomy: Taxonomy, deps: TopicDeps): Promise<void> {
  const recap = await deps.store.posts.getWithLead(recapId);
  if (!recap?.listed?.some((entry) => entry.id === itemId)) return;
  const listed = recap.listed.map((entry) => (entry.id === itemId ? { ...entry, topics } : entry));
  const own = matchTopics(topicEvidence(recap, await storedPostFocus(recap, deps)), taxonomy);
  await deps.store.posts.setListed(recap, storedTopics(taxonomy, own, { listed, corrections: recap.corrections }), listed);
}

/**
 * A stored post's feed prior, as retag sees it, reading only the feeds that carry it (a person may
 * be waiting: never every feed).
 */
export async function storedPostFocus(post: Pick<Post, "feeds" | "listedIn">, deps: Pick<TopicDeps, "store">) {
  if (post.listedIn) return undefined;
  const feeds = await Promise.all(post.feeds.map((url) => deps.store.feeds.findByUrl(url)));
  return postFocus(feeds.filter((feed) => feed !== undefined))(post);
}

export async function listCues(topicQuery: string, deps: TopicDeps): Promise<Outcome> {
  const taxonomy = await deps.taxonomy();
  const topic = findTopic(topicQuery, taxonomy);
  if (!topic) return unknownTopic(topicQuery, taxonomy);
  const cues = await deps.store.topics.cues(topic.id);
  return { kind: "topic-cues", topic: { id: topic.id, label: topic.label }, cues: cues.sort((a, b) => a.addedAt.localeCompare(b.addedAt)) };
}

export async function forgetCue(request: { topic: string; cueId: string }, deps: TopicDeps): Promise<Outcome> {
  const taxonomy = await deps.taxonomy();
  const topic = findTopic(request.topic, taxonomy);
  if (!topic) return unknownTopic(request.topic, taxonomy);
  const removed = await deps.store.topics.removeCue(topic.id, request.cueId);
  if (!removed)
    return {
      kind: "refused",
      reason: `${topic.label} has no cue \`${request.cueId.slice(0, 20)}\` (\`topic cues ${topic.id}\` lists them).`,
    };
  return { kind: "cue-forgotten", topic: { id: topic.id, label: topic.label }, cue: removed };
}

function refOf(id: string, taxonomy: Taxonomy): TopicRef {
  return { id, label: taxonomy.topics.find((topic) => topic.id === id)?.label ?? id };
}
