import catalog from "./projects.json" with { type: "json" };

/*
 * What the matcher knows of cloud-native projects beyond the taxonomy's hand-picked ones: names from
 * the CNCF Landscape by topic (projects.json, made by scripts/landscape-projects.mjs, whose MAPPING
 * says which landscape subcategory is which topic and why). A post that names Keycloak is about
 * security, one that names Kuma about service meshes, whether or not the taxonomy was tuned on them.
 *
 * The catalog is keyed by topic id, so it serves a team's replacement of a built-in topic too (the
 * team's negatives mask its names as they mask the topic's own terms); a team's new topic has none.
 */

const NONE: readonly string[] = [];
const byTopic = new Map<string, readonly string[]>();

/**
 * The catalog's names for a topic id, in the taxonomy's term syntax (see `parseTerm`). A name
 * written "=Name" is an English word ("Vault", "Sentry"): it counts only as written and with one
 * of the topic's context words in the post.
 */
export function projectTerms(topicId: string): readonly string[] {
  let terms = byTopic.get(topicId);
  if (!terms) {
    const names = (catalog.projects as Record<string, string[]>)[topicId];
    const context = (catalog.context as Record<string, string>)[topicId];
    terms = names ? names.map((name) => (name.startsWith("=") ? `${name}@${context}` : name)) : NONE;
    byTopic.set(topicId, terms);
  }
  return terms;
}
