import { key, topicIndex } from "./compile";
import { parseTerm } from "./taxonomy";
import type { Taxonomy, Topic } from "../model/topic";
import { editDistance } from "../shared/words";
import type { UnknownTopic } from "../model/topic";
export type { UnknownTopic } from "../model/topic";

/* Finding a topic by what people type: `/recap gitops`, `follow "service meshes"`, a typo. */

/** A topic by id, label, alias or (last) related project name; case and separators ignored. */
export function findTopic(query: string, taxonomy: Taxonomy): Topic | undefined {
  const k = key(query.trim());
  if (!k) return undefined;
  const index = topicIndex(taxonomy);
  // Then try a singular: "service meshes", "LLMs".
  return index.get(k) ?? index.get(k.replace(/s$/, "")) ?? index.get(k.replace(/es$/, ""));
}

/** Lower is better; undefined means "not similar". */
function similarity(q: string, candidate: string): number | undefined {
  if (candidate === q) return 0;
  if (q.length >= 2 && candidate.startsWith(q)) return 0.5;
  if (q.length >= 3 && candidate.includes(q)) return 0.75;
  const allowed = q.length <= 4 ? 1 : q.length <= 8 ? 2 : 3;
  if (Math.abs(candidate.length - q.length) > allowed) return undefined;
  const d = editDistance(q, candidate);
  return d <= allowed ? d : undefined;
}

/** "Did you mean": closest topics by prefix, substring or edit distance over id/label/aliases/related. */
export function suggestTopics(query: string, taxonomy: Taxonomy, max = 3): Topic[] {
  const q = key(query.trim());
  if (!q || max <= 0) return [];
  const scored: { topic: Topic; score: number; order: number }[] = [];
  taxonomy.topics.forEach((topic, order) => {
    const names = [topic.id, topic.label, ...[...topic.aliases, ...topic.related].map((a) => parseTerm(a).phrase)];
    let best: number | undefined;
    for (const name of names) {
      const s = similarity(q, key(name));
      if (s !== undefined && (best === undefined || s < best)) best = s;
    }
    if (best !== undefined) scored.push({ topic, score: best, order });
  });
  return scored
    .sort((a, b) => a.score - b.score || a.order - b.order)
    .slice(0, max)
    .map((s) => s.topic);
}

export function unknownTopic(query: string, taxonomy: Taxonomy): UnknownTopic {
  const suggestions = suggestTopics(query, taxonomy).map(({ id, label }) => ({ id, label }));
  return { kind: "unknown-topic", query, suggestions };
}
