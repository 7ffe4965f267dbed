/**
 * One spelling per article URL, so the same post reached through different feeds (or with
 * newsletter tracking) gets the same id. Conservative: only changes that cannot alter what the
 * server returns — no trailing-slash or `www.` games, parameter order kept — and the fragment
 * dropped unless asked to keep it.
 */
export function canonicalizeUrl(raw: string, base?: string, keep: { fragment?: boolean } = {}): string | undefined {
  const input = raw.trim();
  if (!input) return undefined;
  const url = parse(input, base) ?? parse(input); // An unusable base must not sink an absolute URL.
  if (!url || (url.protocol !== "http:" && url.protocol !== "https:")) return undefined;
  // URL already lowercases scheme and host, drops the default port and resolves dot segments.
  // A fragment only points into the page; kept on request (it may be all that tells two entries apart).
  if (!keep.fragment || url.hash === "#") url.hash = "";
  const kept = url.search
    .slice(1)
    .split("&")
    .filter((pair) => pair !== "" && !isTracking(pair));
  url.search = kept.length > 0 ? `?${kept.join("&")}` : "";
  return url.href;
}

function parse(input: string, base?: string): URL | undefined {
  try {
    return new URL(input, base);
  } catch {
    return undefined;
  }
}

/** Click and campaign identifiers added by analytics, ad and mailing platforms. */
const TRACKING = new Set([
  "fbclid",
  "gclid",
  "gclsrc",
  "dclid",
  "gbraid",
  "wbraid",
  "msclkid",
  "yclid",
  "twclid",
  "ttclid",
  "li_fat_id",
  "igshid",
  "igsh",
  "mc_cid",
  "mc_eid",
  "_hsenc",
  "_hsmi",
  "__hstc",
  "__hssc",
  "__hsfp",
  "hsctatracking",
  "mkt_tok",
  "ref_src",
  "ref_url",
  "oly_anon_id",
  "oly_enc_id",
  "_openstat",
  "vero_id",
  "vero_conv",
  "wickedid",
  "rb_clickid",
  "s_cid",
  "srsltid",
  "_ga",
  "_gl",
  "ck_subscriber_id",
  "ml_subscriber",
  "ml_subscriber_hash",
]);

function isTracking(pair: string): boolean {
  const eq = pair.indexOf("=");
  const name = decodeName(eq < 0 ? pair : pair.slice(0, eq)).toLowerCase();
  if (name.startsWith("utm_") || TRACKING.has(name)) return true;
  // Medium tags every feed link with ?source=rss-…; elsewhere `source` can be meaningful.
  return name === "source" && eq >= 0 && /^rss/i.test(pair.slice(eq + 1));
}

function decodeName(name: string): string {
  try {
    return decodeURIComponent(name.replaceAll("+", " "));
  } catch {
    return name;
  }
}

/**
 * The URL without a user name and password: a private feed's URL carries them for fetching, and
 * nothing derived from it — a post's link resolved against it, the feed as people are shown it —
 * may show them.
 */
export function withoutCredentials(url: string): string {
  try {
    const parsed = new URL(url);
    if (!parsed.username && !parsed.password) return url;
    parsed.username = "";
    parsed.password = "";
    return parsed.href;
  } catch {
    return url;
  }
}
