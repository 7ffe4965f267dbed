/**
 * topics — the taxonomy (a validated data file: aliases, related projects, cues, negatives) and
 * the matcher that tags posts, finds a topic by any of its names and suggests close ones.
 */
export { loadTaxonomy, parseTopics, parseTerm, topicSchema, type Taxonomy, type Topic, type Term } from "./taxonomy";
export { matchTopics, findTopic, suggestTopics } from "./match";
