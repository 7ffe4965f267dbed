/**
 * Topics a team adds from Slack or the CLI (`topic add`, `topic alias`), merged over the bundled
 * taxonomy. What people type is checked here, in plain words, before anything is stored; what is
 * stored is checked again when it is read (parseTopics), since the table is an edge too.
 */
import { findTopic } from "./lookup";
import { loadTaxonomy } from "./taxonomy";
import type { Taxonomy, Topic } from "../model/topic";
import type { TeamTopic, TeamCue, TeamKnowledge } from "../model/topic";
export type { TeamTopic, TeamCue, TeamKnowledge } from "../model/topic";

export const TOPIC_ID_MAX = 40;
export const LABEL_MAX = 60;
export const ALIAS_MAX = 60;
const TOPIC_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** Plain words only: "=" and "@" mean case-sensitivity and cues in the taxonomy's term syntax. */
export const PLAIN_TERM = /^[\p{L}\p{N}](?:[\p{L}\p{N} .+#&'/-]*[\p{L}\p{N}+#])?$/u;

/**
 * The bundled taxonomy with the team's rows applied; rows that no longer validate are skipped.
 * Cues go onto their topic (`teamCues`, `teamNegative`); cues of a topic that is gone are ignored.
 */
export function mergeTeamTopics(
  rows: readonly TeamTopic[],
  log?: (message: string, id: string) => void,
  cues: readonly TeamCue[] = [],
): Taxonomy {
  const base = loadTaxonomy();
  const extra: Topic[] = [];
  for (const row of [...rows].sort((a, b) => a.addedAt.localeCompare(b.addedAt) || a.id.localeCompare(b.id))) {
    const builtIn = base.topics.find((topic) => topic.id === row.id);
    const aliases = row.aliases.filter((alias) => PLAIN_TERM.test(alias));
    if (builtIn) {
      extra.push({ ...builtIn, aliases: [...builtIn.aliases, ...aliases] });
    } else if (row.label && TOPIC_ID.test(row.id)) {
      const label = row.label.trim();
      // The matcher reads aliases, not labels: a new topic's label is also its first alias.
      const names = PLAIN_TERM.test(label) ? [label, ...aliases] : aliases;
      extra.push({ id: row.id, label, description: "Added by the team.", aliases: names, related: [], negative: [] });
    } else {
      log?.("Skipping a stored topic that does not validate", row.id);
    }
  }
  if (cues.length === 0) return loadTaxonomy(extra);
  const ids = new Set([...base.topics.map((topic) => topic.id), ...extra.map((topic) => topic.id)]);
  for (const cue of cues) {
    if (!ids.has(cue.topicId) || !PLAIN_TERM.test(cue.phrase)) continue;
    let topic = extra.find((t) => t.id === cue.topicId);
    if (!topic) extra.push((topic = { ...base.topics.find((t) => t.id === cue.topicId)! }));
    if (cue.polarity === "positive") topic.teamCues = [...(topic.teamCues ?? []), cue.phrase];
    else topic.teamNegative = [...(topic.teamNegative ?? []), cue.phrase];
  }
  return loadTaxonomy(extra);
}

/**
 * Reads the team's rows each time and merges them, reusing the last merged taxonomy while the rows
 * are unchanged (the matcher compiles each taxonomy object once, so the object must be kept).
 */
export function teamTaxonomy(read: () => Promise<TeamKnowledge>): () => Promise<Taxonomy> {
  let last: { fingerprint: string; taxonomy: Taxonomy } | undefined;
  return async () => {
    const { topics, cues } = await read();
    const fingerprint = JSON.stringify([
      topics.map((row) => [row.id, row.label, row.aliases, row.addedAt]),
      cues.map((cue) => [cue.topicId, cue.polarity, cue.phrase]),
    ]);
    if (last?.fingerprint !== fingerprint) last = { fingerprint, taxonomy: mergeTeamTopics(topics, undefined, cues) };
    return last.taxonomy;
  };
}

/** Why a new topic can't be added as typed, or undefined when it can. */
export function checkNewTopic(topic: { id: string; label: string; aliases: string[] }, taxonomy: Taxonomy): string | undefined {
  if (!TOPIC_ID.test(topic.id) || topic.id.length > TOPIC_ID_MAX)
    return `A topic id is lower case words joined by hyphens, at most ${TOPIC_ID_MAX} characters, e.g. \`accessibility\` or \`developer-relations\`.`;
  if (taxonomy.topics.some((existing) => existing.id === topic.id))
    return `There is a topic \`${topic.id}\` already; add another name for it with \`topic alias ${topic.id} <alias>\`.`;
  const labelProblem = checkTerm(topic.label, "label", LABEL_MAX);
  if (labelProblem) return labelProblem;
  for (const name of [topic.label, ...topic.aliases]) {
    const problem = checkTerm(name, "alias", ALIAS_MAX) ?? takenBy(name, taxonomy);
    if (problem) return problem;
  }
  return undefined;
}

/** Why `alias` can't be added to topic `id`, or undefined when it can. */
export function checkNewAlias(id: string, alias: string, taxonomy: Taxonomy): string | undefined {
  const topic = taxonomy.topics.find((existing) => existing.id === id);
  if (!topic) return `There is no topic \`${id.slice(0, TOPIC_ID_MAX)}\` (\`topics\` lists them; \`topic add\` makes a new one).`;
  const problem = checkTerm(alias, "alias", ALIAS_MAX);
  if (problem) return problem;
  const owner = findTopic(alias, taxonomy);
  if (owner?.id === id) return `\`${alias}\` already finds ${topic.label}.`;
  return takenBy(alias, taxonomy);
}

function checkTerm(term: string, what: "label" | "alias", max: number): string | undefined {
  if (term.length > max) return `A topic ${what} has at most ${max} characters.`;
  if (!PLAIN_TERM.test(term))
    return `A topic ${what} is plain words (letters, digits, spaces and . + # & ' / -), starting with a letter or digit, e.g. \`Accessibility\` or \`a11y\`.`;
  return undefined;
}

function takenBy(name: string, taxonomy: Taxonomy): string | undefined {
  const owner = findTopic(name, taxonomy);
  return owner ? `\`${name}\` already names the topic ${owner.label} (\`${owner.id}\`).` : undefined;
}
