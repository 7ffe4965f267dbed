/** A team's topics, aliases and taught cues, in memory: the same contract as store/topics.ts. */
import type { TeamCue, TeamTopic } from "../../model/topic";
import type { TopicRepository } from "../../ports/store";
import { toTeamCue, toTeamTopic } from "../records";
import { asRecord, byKey, stored } from "./shared";

type CueRow = Omit<TeamCue, "postIds"> & { postIds: Set<string> };

export function memoryTopics(): TopicRepository {
  const topics = new Map<string, TeamTopic>();
  /** "topic#cue" → the cue, ordered as the table orders them (by topic, then cue id). */
  const cues = new Map<string, CueRow>();
  const cueKey = (topicId: string, cueId: string) => `${topicId}#${cueId}`;

  const allTopics = () => [...topics.values()].sort(byKey((topic) => topic.id)).map((topic) => toTeamTopic(asRecord(stored(topic))));
  const cuesOf = (topicId?: string) =>
    [...cues.entries()]
      .filter(([key]) => topicId === undefined || key.startsWith(`${topicId}#`))
      .sort(byKey(([key]) => key))
      .map(([, cue]) => toTeamCue(asRecord(stored(cue))));

  return {
    async list() {
      return allTopics();
    },
    async knowledge() {
      return { topics: allTopics(), cues: cuesOf() };
    },
    async add(topic) {
      if (topics.has(topic.id)) return false;
      topics.set(topic.id, stored(topic));
      return true;
    },
    async addAlias(id, alias, addedAt) {
      const topic = topics.get(id) ?? { id, aliases: [], addedAt };
      topics.set(id, { ...topic, id, aliases: [...(topic.aliases ?? []), alias] });
    },
    async teachCue(cue, postId) {
      const key = cueKey(cue.topicId, cue.cueId);
      const current = cues.get(key);
      cues.set(key, {
        ...stored(cue),
        addedAt: current?.addedAt ?? cue.addedAt,
        ...((current?.addedBy ?? cue.addedBy) ? { addedBy: current?.addedBy ?? cue.addedBy } : {}),
        postIds: new Set([...(current?.postIds ?? []), postId]),
      });
    },
    async unteachCues(topicId, postId) {
      for (const [key, cue] of cues) {
        if (!key.startsWith(`${topicId}#`) || !cue.postIds.has(postId)) continue;
        cue.postIds.delete(postId);
        if (cue.postIds.size === 0) cues.delete(key);
      }
    },
    async cues(topicId) {
      return cuesOf(topicId);
    },
    async removeCue(topicId, cueId) {
      const cue = cues.get(cueKey(topicId, cueId));
      cues.delete(cueKey(topicId, cueId));
      return cue ? toTeamCue(asRecord(stored(cue))) : undefined;
    },
  };
}
