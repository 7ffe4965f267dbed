/**
 * recaps — conference recap posts as data: whether an HTML post (feed fragment or whole page) is a
 * recap, and every talk it lists (title, speakers, organizations, video/slides links, the event
 * section, the author's takeaway) plus the other recaps it links to. Pure: strings in, data out.
 */
export type { ExtractOptions, RecapExtraction, RecapItem, RecapLink, RecapLinkKind } from "./types";
export { extractRecap } from "./extract";
export { looksLikeRecapTitle } from "./detect";
export { classifyLink } from "./links";
