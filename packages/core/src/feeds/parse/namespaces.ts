/**
 * xml2js keeps prefixed names as written (`dc:creator`), so a feed that binds Dublin Core to `DC`
 * or writes `<atom:feed>` would be invisible to fixed field names. We read the namespace
 * declarations on the root element and rename prefixes to the conventional ones while parsing.
 */

const CANONICAL: Record<string, string> = {
  "http://www.w3.org/1999/02/22-rdf-syntax-ns#": "rdf",
  "http://purl.org/rss/1.0/modules/content/": "content",
  "http://purl.org/dc/elements/1.1/": "dc",
  "http://purl.org/dc/terms/": "dcterms",
  "http://rssnamespace.org/feedburner/ext/1.0": "feedburner",
  "http://www.w3.org/2005/Atom": "atom",
  "http://purl.org/atom/ns#": "atom",
  // The RSS 1.0 / 2.0 vocabularies themselves are normally the default namespace.
  "http://purl.org/rss/1.0/": "",
  "http://backend.userland.com/rss2": "",
};

const ATOM_NAMESPACES = new Set(["http://www.w3.org/2005/Atom", "http://purl.org/atom/ns#"]);

/** Prefix → conventional prefix ("" = unprefixed), only for prefixes that differ. */
export function prefixRenames(rootStartTag: string, isAtom: boolean): Map<string, string> {
  const renames = new Map<string, string>();
  for (const m of rootStartTag.matchAll(/\sxmlns:([\w.-]+)\s*=\s*(["'])(.*?)\2/g)) {
    const [, prefix = "", , uri = ""] = m;
    let canonical = CANONICAL[uri.trim()];
    // In an Atom document the Atom vocabulary is the unprefixed one rss-parser expects.
    if (isAtom && ATOM_NAMESPACES.has(uri.trim())) canonical = "";
    if (canonical !== undefined && canonical !== prefix) renames.set(prefix, canonical);
  }
  return renames;
}

export function renamePrefix(name: string, renames: Map<string, string>): string {
  const colon = name.indexOf(":");
  if (colon < 0) return name;
  const canonical = renames.get(name.slice(0, colon));
  if (canonical === undefined) return name;
  return canonical ? `${canonical}${name.slice(colon)}` : name.slice(colon + 1);
}
