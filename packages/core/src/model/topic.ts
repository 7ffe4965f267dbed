/**
 * The topic vocabulary the rest of Recap speaks: a taxonomy and its topics, what a team added or
 * taught, the corrections on a post, a feed's tally by topic. The matcher behind them is topics/.
 */

/**
 * A topic posts can be tagged with. `aliases` and `related` are match terms written in a small
 * syntax, so tuning quality is a data change (see `parseTerm`):
 *
 *   "Kubernetes"           case-insensitive phrase; spaces/hyphens in it also match "-", " " or nothing
 *   "=AI"                  "=" prefix: case-sensitive (acronyms and product names that are common words)
 *   "=Score@workload|spec" "@" suffix: counts only if one of the "|"-separated cue phrases also occurs
 *
 * `aliases` are names of the topic itself (findTopic resolves them); `related` are projects and
 * products that imply it. `negative` are case-insensitive phrases whose occurrences are ignored for
 * this topic ("Flux capacitor", "spin up"): they mask text, they do not veto the whole post.
 */
export interface Topic {
  id: string;
  label: string;
  description: string;
  aliases: string[];
  related: string[];
  negative: string[];
  /** Generic words that hint at the topic (same syntax as aliases): weak evidence, half a term. */
  weak?: string[];
  /**
   * A topic that is often only where something runs ("… on Kubernetes"): its terms after such a
   * preposition are weak evidence, since the post is about what runs there.
   */
  venue?: boolean;
  /** Words a team's corrections taught: weak evidence for the topic, and phrases masked for it. */
  teamCues?: string[];
  teamNegative?: string[];
}

export interface Taxonomy {
  topics: Topic[];
}

/**
 * What a feed publishes, by topic: counted as its posts are first stored, and read back as a weak
 * prior when tagging its next ones (a project's blog is about that project). A prior needs a
 * history: below FOCUS_MIN_POSTS posts a feed has no focus yet.
 */
export interface TopicTally {
  posts: number;
  topics: Record<string, number>;
}

export interface PostCorrections {
  not: string[];
  also: string[];
}

export type Verdict = "not" | "also" | "undo";

/** The answer to a topic nobody has (one of the commands' outcomes): the closest ones, for "did you mean". */
export interface UnknownTopic {
  kind: "unknown-topic";
  query: string;
  suggestions: { id: string; label: string }[];
}

/** A stored row: a new topic (with a label) or aliases added to an existing one. */
export interface TeamTopic {
  id: string;
  label?: string;
  aliases: string[];
  addedAt: string;
  addedBy?: string;
}

/**
 * A phrase a team's correction taught about a topic: `negative` (the words that made a wrong tag,
 * masked for that topic from then on) or `positive` (a distinctive phrase of a post the team said
 * is about it: weak evidence). `cueId` is derived from topic, polarity and phrase (see `cueIdOf`).
 */
export interface TeamCue {
  topicId: string;
  cueId: string;
  polarity: "negative" | "positive";
  phrase: string;
  /** The posts whose corrections taught it: undoing the last of them unlearns it. */
  postIds: string[];
  addedAt: string;
  addedBy?: string;
}

/** What the team has said: its topics and aliases, and its cues. */
export interface TeamKnowledge {
  topics: TeamTopic[];
  cues: TeamCue[];
}
