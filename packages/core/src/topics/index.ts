export { loadTaxonomy, parseTopics, parseTerm, topicSchema, type Taxonomy, type Topic, type Term } from "./taxonomy";
export { matchTopics, findTopic, suggestTopics } from "./match";
