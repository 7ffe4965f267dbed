/** Small string helpers shared by the XML and JSON Feed readers. */

/** Trimmed, or undefined when empty: feeds use `<title></title>` and `""` to mean "none". */
/** A list, or undefined when it has nothing: absent and empty read the same downstream. */
export function nonEmpty<T>(list: T[]): T[] | undefined {
  return list.length > 0 ? list : undefined;
}

export function clean(value: string | undefined | null): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/**
 * Plain text (Atom type="text", JSON Feed title/summary) carried as HTML, so downstream code can
 * treat every RawItem string as HTML. Only `<` and `>` are escaped: producers routinely put entity
 * references in "plain text" fields (`&#8217;`, `&amp;amp;`) and those should still decode.
 */
export function plainTextAsHtml(text: string): string {
  return text.replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}

/** `ref` resolved against `base` when both make an absolute URL; otherwise `ref` unchanged. */
export function resolveAgainst(ref: string, base: string | undefined): string {
  if (!base) return ref;
  try {
    return new URL(ref, base).href;
  } catch {
    return ref;
  }
}

/**
 * Whether an identifier reads as a web address: an absolute http(s) URL, or a relative reference
 * with a path or a page's name ("/2024/05/post", "posts/a.html#x", "a.html"). Other schemes (tag:, urn:) and bare words or
 * numbers are names, not places.
 */
export function looksLikeUrl(text: string): boolean {
  if (/\s/.test(text)) return false;
  if (/^[a-z][a-z0-9+.-]*:/i.test(text)) return /^https?:\/\/[^/]/i.test(text);
  if (/^www\./i.test(text)) return false; // a host without a scheme would resolve as a path
  return /^\.{0,2}\//.test(text) || text.includes("/") || /\.(?:s?html?|php|aspx?|jsp)(?:[?#]|$)/i.test(text);
}
