/**
 * A team correcting a post's topics (`correct <post-id> not|also|undo <topic>`, or a post card's
 * menu in Slack), and reviewing and undoing what corrections taught (`topic cues`, `topic forget`).
 * A correction is stored on the post, so it holds at once, in every retag and through the
 * publisher's edits; what it teaches is a team cue (see learn.ts) in force for the next post.
 */
import type { Outcome, TopicRef } from "../commands/types";
import { topicEvidence } from "../posts/topic-text";
import { postFocus } from "./focus";
import { applyCorrections, correct, cueIdOf, negativeCue, positiveCue, type Verdict } from "./learn";
import { findTopic, unknownTopic } from "./lookup";
import type { TopicDeps } from "./manage";
import { explainTopics } from "./score";
import type { Taxonomy } from "./taxonomy";
import type { TeamCue } from "./team";

export async function correctPost(
  request: { postId: string; verdict: Verdict; topic: string },
  userId: string | undefined,
  deps: TopicDeps,
): Promise<Outcome> {
  const taxonomy = await deps.taxonomy();
  const topic = findTopic(request.topic, taxonomy);
  if (!topic) return unknownTopic(request.topic, taxonomy);
  const post = await deps.store.posts.get(request.postId);
  if (!post) return { kind: "refused", reason: `There is no post \`${request.postId.slice(0, 40)}\` (it may have been removed).` };

  const corrections = correct(post.corrections, request.verdict, topic.id);
  const already = JSON.stringify(corrections) === JSON.stringify(post.corrections ?? { not: [], also: [] });
  const evidence = topicEvidence(post, postFocus(await deps.store.feeds.list())(post));
  // Undo gives the topic back to the matcher: as it tags the post now.
  const matched = explainTopics(evidence, taxonomy).find((score) => score.id === topic.id);
  const own = post.topics.filter((id) => id !== topic.id);
  if (request.verdict === "undo" ? matched?.tagged : request.verdict === "also") own.push(topic.id);
  const topics = applyCorrections(own, corrections, taxonomy);

  let learned: TeamCue | undefined;
  if (request.verdict === "undo") {
    for (const cue of await deps.store.topics.cues(topic.id)) {
      if (cue.postId === post.id) await deps.store.topics.removeCue(topic.id, cue.cueId);
    }
  } else {
    const polarity = request.verdict === "not" ? "negative" : "positive";
    const phrase = polarity === "negative" ? negativeCue(evidence, matched) : positiveCue(post.title);
    if (phrase) {
      learned = {
        topicId: topic.id,
        cueId: cueIdOf(topic.id, polarity, phrase),
        polarity,
        phrase,
        postId: post.id,
        addedAt: deps.clock().toISOString(),
        ...(userId ? { addedBy: userId } : {}),
      };
      await deps.store.topics.addCue(learned);
    }
  }
  if (!already || topics.join() !== post.topics.join()) await deps.store.posts.setCorrections(post, corrections, topics);
  return {
    kind: "corrected",
    postId: post.id,
    title: post.title,
    verdict: request.verdict,
    topic: { id: topic.id, label: topic.label },
    topics: topics.map((id) => refOf(id, taxonomy)),
    already,
    ...(learned ? { learned: { cueId: learned.cueId, polarity: learned.polarity, phrase: learned.phrase } } : {}),
  };
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
