export type { NormalizedItem, Post } from "./types";
export { canonicalizeUrl } from "./canonical-url";
export { parseFeedDate } from "./dates";
export { htmlToText, truncateAtWord } from "./text";
export { normalizeItems, type NormalizeContext } from "./normalize";
export { findPosts, type PostQuery } from "./find";
