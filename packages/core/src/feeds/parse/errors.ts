import type { ParseErrorKind } from "../../model/feed";

/**
 * Why a body could not be read as a feed. "not-a-feed": HTML, a sitemap, plain JSON… (worth trying
 * autodiscovery); "malformed": it claims to be RSS/Atom/JSON Feed but cannot be parsed.
 */
export class FeedParseError extends Error {
  readonly kind: ParseErrorKind;

  constructor(kind: ParseErrorKind, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "FeedParseError";
    this.kind = kind;
  }
}
