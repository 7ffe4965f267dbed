/**
 * posts — what a post is and how raw feed items become posts: identity inside a feed, canonical
 * URLs without tracking parameters, stable ids, plain-text titles and summaries; and finding them.
 */
export type { ListedIn, ListedItem, NormalizedItem, Post, TalkLink } from "../model/post";
export { canonicalizeUrl } from "./canonical-url";
export { parseFeedDate } from "./dates";
export { htmlToText } from "./text";
export { normalizeItems, type NormalizeContext } from "./normalize";
export { holdsPhrases, postTerms, searchQuery, type SearchQuery } from "../shared/search-terms";
export { reindexPosts, type ReindexSummary } from "./reindex";
export { findPosts, latestWindow, searchWindow, topicWindow, type PostQuery } from "./queries";
export { refreshTopicCounts, SNAPSHOT_MAX_AGE_MS, topicCounts, TOPICS_WINDOW_DAYS } from "./topic-counts";
export { PAGE_SIZE } from "../model/command";
