import * as z from "../shared/validation";
import bundled from "./taxonomy.json" with { type: "json" };
import type { Topic, Taxonomy } from "../model/topic";
export type { Topic, Taxonomy } from "../model/topic";

/** One parsed alias/related entry. */
export interface Term {
  phrase: string;
  caseSensitive: boolean;
  cues: string[];
}

export function parseTerm(raw: string): Term {
  const caseSensitive = raw.startsWith("=");
  const body = caseSensitive ? raw.slice(1) : raw;
  const at = body.indexOf("@");
  const phrase = (at === -1 ? body : body.slice(0, at)).trim();
  const cues =
    at === -1
      ? []
      : body
          .slice(at + 1)
          .split("|")
          .map((c) => c.trim());
  return { phrase, caseSensitive, cues };
}

const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const termSchema = z.string().check(
  z.refine((raw) => {
    const t = parseTerm(raw);
    // A phrase needs at least one letter/digit, or it would compile to a regex matching punctuation.
    return /[\p{L}\p{N}]/u.test(t.phrase) && t.cues.every((c) => /[\p{L}\p{N}]/u.test(c));
  }, "term must be [=]phrase[@cue|cue…] with non-empty phrase and cues"),
);
const negativeSchema = z.string().check(z.regex(/[\p{L}\p{N}]/u, "negative phrase must contain a letter or digit"));

export const topicSchema = z.strictObject({
  id: z.string().check(z.regex(KEBAB, "id must be kebab-case")),
  label: z.string().check(z.trim(), z.minLength(1)),
  description: z.string(),
  aliases: z._default(z.array(termSchema), []),
  related: z._default(z.array(termSchema), []),
  negative: z._default(z.array(negativeSchema), []),
  weak: z._default(z.array(termSchema), []),
  venue: z.optional(z.boolean()),
  teamCues: z.optional(z.array(termSchema)),
  teamNegative: z.optional(z.array(negativeSchema)),
});

export const topicListSchema = z.array(topicSchema).check(
  z.superRefine((topics, ctx) => {
    const seen = new Set<string>();
    topics.forEach((t, i) => {
      if (seen.has(t.id)) ctx.addIssue({ code: "custom", path: [i, "id"], message: `duplicate topic id "${t.id}"` });
      seen.add(t.id);
    });
  }),
);

/** Validates topics from untrusted storage (e.g. team-defined topics in DynamoDB). */
export function parseTopics(data: unknown): Topic[] {
  const result = topicListSchema.safeParse(data);
  if (!result.success) throw new Error(`Invalid topic list: ${z.prettifyError(result.error)}`);
  return result.data;
}

function freeze(topics: Topic[]): Taxonomy {
  // The matcher caches compiled regexes per taxonomy object; freezing keeps the cache honest.
  for (const t of topics) {
    Object.freeze(t.aliases);
    Object.freeze(t.related);
    Object.freeze(t.negative);
    if (t.weak) Object.freeze(t.weak);
    Object.freeze(t);
  }
  return Object.freeze({ topics: Object.freeze(topics) as Topic[] });
}

let bundledTaxonomy: Taxonomy | undefined;

/**
 * The bundled topics with the schema's defaults, unchecked: the file ships with the code and a test
 * validates it (test/topics/match.test.ts), so a cold start does not run ~3,000 term checks (~15 ms
 * on Slack's first request). Topics from storage always go through parseTopics.
 */
function bundledTopics(): Topic[] {
  return (bundled as (Omit<Topic, "aliases" | "related" | "negative"> & Partial<Topic>)[]).map((topic) => ({
    ...topic,
    aliases: topic.aliases ?? [],
    related: topic.related ?? [],
    negative: topic.negative ?? [],
    weak: topic.weak ?? [],
  }));
}

/**
 * The bundled taxonomy, plus `extra` topics. An extra topic whose id is already present replaces
 * it in place (so a team can tune a built-in topic); new ids are appended. Without `extra` the
 * same frozen object is returned every time, so the matcher compiles it once per process.
 */
export function loadTaxonomy(extra?: Topic[]): Taxonomy {
  bundledTaxonomy ??= freeze(bundledTopics());
  if (!extra || extra.length === 0) return bundledTaxonomy;

  const topics = [...bundledTaxonomy.topics];
  for (const topic of parseTopics(extra)) {
    const i = topics.findIndex((t) => t.id === topic.id);
    if (i === -1) topics.push(topic);
    else topics[i] = topic;
  }
  return freeze(topics);
}

/** Topic ids from any number of lists, once each, in taxonomy order (ids it does not know dropped). */
export function topicsInOrder(taxonomy: Taxonomy, ...lists: readonly string[][]): string[] {
  const wanted = new Set(lists.flat());
  return taxonomy.topics.map((topic) => topic.id).filter((id) => wanted.has(id));
}
