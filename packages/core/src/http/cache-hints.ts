import type { IncomingHttpHeaders } from "node:http";
import type { CacheHints } from "../model/feed";

/** Cache-Control directives, lower-cased. Quoted values may contain commas (no-cache="a, b"). */
function parseCacheControl(value: string): Map<string, string> {
  const directives = new Map<string, string>();
  const token = /([^\s=,]+)(?:\s*=\s*("(?:[^"\\]|\\.)*"|[^,]*))?/g;
  for (const match of value.matchAll(token)) {
    const name = match[1]!.toLowerCase();
    const raw = (match[2] ?? "").trim();
    // A repeated directive keeps its first value.
    if (!directives.has(name)) directives.set(name, raw.startsWith('"') ? raw.slice(1, -1) : raw);
  }
  return directives;
}

function parseDate(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * How long the response stays fresh (RFC 9111 §4.2): max-age, else Expires − Date, minus Age when a
 * cache in between already held it. s-maxage is for shared caches only, and we are a private client.
 * no-cache / no-store give no hint: the server wants every poll to reach it.
 */
export function cacheHints(headers: IncomingHttpHeaders, now = Date.now()): CacheHints {
  const cc = parseCacheControl(headers["cache-control"] ?? "");
  if (cc.has("no-cache") || cc.has("no-store")) return {};

  let lifetime: number | undefined;
  const maxAge = cc.get("max-age");
  if (maxAge !== undefined && /^\d+$/.test(maxAge)) {
    lifetime = Number(maxAge);
  } else if (headers.expires !== undefined) {
    // An unparseable Expires (often "0" or "-1") means "already expired" (RFC 9111 §5.3).
    const expires = parseDate(headers.expires);
    const date = parseDate(headers.date) ?? now;
    lifetime = expires === undefined ? 0 : Math.floor((expires - date) / 1000);
  }
  if (lifetime === undefined) return {};

  const age = /^\d+$/.test(headers.age ?? "") ? Number(headers.age) : 0;
  return { maxAgeSeconds: Math.max(0, lifetime - age) };
}

/** Retry-After (RFC 9110 §10.2.3): delta-seconds or an HTTP-date, measured from the server's Date. */
export function retryAfterMs(headers: IncomingHttpHeaders, now = Date.now()): number | undefined {
  const value = (headers["retry-after"] ?? "").trim();
  if (value === "") return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  // Date.parse also reads things like "-5" or "2024" as dates; an HTTP-date always has a month name.
  const at = /[a-z]/i.test(value) ? parseDate(value) : undefined;
  if (at === undefined) return undefined;
  // Using the server's Date keeps a skewed local clock out of the delay.
  return Math.max(0, at - (parseDate(headers.date) ?? now));
}
