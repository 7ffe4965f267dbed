export type RecapLinkKind = "video" | "slides" | "other";

export interface RecapLink {
  kind: RecapLinkKind;
  url: string;
  /** anchor text, trimmed, may be "" */
  label: string;
}

export interface RecapItem {
  /** article = a link to someone else's recap/blog post */
  kind: "talk" | "article";
  /** plain text, whitespace collapsed, ≤ 300 chars (cut at a word) */
  title: string;
  /** plain names, e.g. ["Jane Doe", "Raj Patel"] */
  speakers: string[];
  /** e.g. ["Intuit", "Red Hat"], de-duplicated, in the order first seen */
  organizations: string[];
  /** absolute http(s) URLs (resolved against baseUrl), de-duplicated, ≤ 10 */
  links: RecapLink[];
  /** the session code the conference gave the talk ("CON203"), taken out of the title */
  code?: string;
  /** the event/track heading it is listed under ("ArgoCon", "Keynotes") */
  section?: string;
  /** the recap author's takeaway/comment on it, plain text ≤ 500 chars */
  note?: string;
}

export interface RecapExtraction {
  /** True when `marked` or when the HTML is detected as a recap. Items are [] when false. */
  isRecap: boolean;
  /** the detector's own verdict, regardless of `marked` */
  detected: boolean;
  /** document order, ≤ 300 */
  items: RecapItem[];
}

export interface ExtractOptions {
  baseUrl: string;
  marked: boolean;
}
