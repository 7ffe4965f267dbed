/**
 * topics — the taxonomy (a validated data file: aliases, related projects, cues, negatives), the
 * matcher that tags posts, finds a topic by any of its names and suggests close ones, and the
 * team's own topics and aliases merged over it.
 */
export { loadTaxonomy, parseTopics, parseTerm, topicSchema, topicsInOrder, type Taxonomy, type Topic, type Term } from "./taxonomy";
export { matchTopics, findTopic, suggestTopics } from "./match";
export { mergeTeamTopics, teamTaxonomy, checkNewTopic, checkNewAlias, type TeamTopic } from "./team";
