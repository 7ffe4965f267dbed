/**
 * topics — the taxonomy (a validated data file: aliases, related projects, cues, negatives), the
 * matcher that tags posts, finds a topic by any of its names and suggests close ones, and the
 * team's own topics and aliases merged over it.
 */
export { loadTaxonomy, parseTopics, parseTerm, topicSchema, topicsInOrder, type Taxonomy, type Topic, type Term } from "./taxonomy";
export {
  matchTopics,
  explainTopics,
  TAG_THRESHOLD,
  type TopicEvidence,
  type TopicScore,
  type Evidence,
  type EvidenceSource,
} from "./score";
export { findTopic, suggestTopics } from "./lookup";
export { topicEvidence } from "./evidence";
export { addToTally, focusOf, postFocus, FOCUS_MIN_POSTS, type TopicTally } from "./focus";
export { describeTopicChanges } from "./changes";
export { applyCorrections, storedTopics, cueIdOf, negativeCue, positiveCue, type PostCorrections, type Verdict } from "./learn";
export { storedPostFocus } from "./correct";
export { mergeTeamTopics, teamTaxonomy, checkNewTopic, checkNewAlias, type TeamTopic, type TeamCue, type TeamKnowledge } from "./team";
