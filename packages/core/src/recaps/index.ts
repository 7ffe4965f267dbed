/**
 * recaps — conference recap posts as data: whether an HTML post (feed fragment or whole page) is a
 * recap, and every talk it lists (title, speakers, organizations, video/slides links, the event
 * section, the author's takeaway) plus the other recaps it links to — pure: strings in, data out —
 * and `syncListedItems`, which keeps a stored recap's talks in step with it (the one part with I/O).
 */
export type { ExtractOptions, RecapExtraction, RecapItem, RecapLink, RecapLinkKind } from "./types";
export { extractRecap } from "./extract";
export { looksLikeRecapTitle } from "./titles";
export { classifyLink } from "./links";
export { mayBeRecap, isExcerpt } from "./candidate";
export { syncListedItems, type RecapSyncDeps, type PageBudget, type SyncResult } from "./sync";
