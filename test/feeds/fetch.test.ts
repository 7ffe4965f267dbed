import type { IncomingMessage, ServerResponse } from "node:http";
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { createGuardedLookup, isPublicAddress } from "../../packages/core/src/http/address-guard";
import { cacheHints, retryAfterMs } from "../../packages/core/src/http/cache-hints";
import { toFetchError } from "../../packages/core/src/http/errors";
import { fetchFeedWithPolicy } from "../../packages/core/src/http/fetch-feed";
import { DEFAULT_FETCH_LIMITS, FEED_ACCEPT, FetchError, decodeBody, fetchFeed } from "../../packages/core/src/http/index";
import type { FetchLimits } from "../../packages/core/src/model/feed";
import { startLoopbackServer, type LoopbackServer } from "../helpers/http-server";

const RSS = '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Recap</title></channel></rss>';
const USER_AGENT = "RecapTest/1.0 (+https://example.com/bot)";

function limits(overrides: Partial<FetchLimits> = {}): FetchLimits {
  return { ...DEFAULT_FETCH_LIMITS, userAgent: USER_AGENT, allowPrivateNetwork: true, ...overrides };
}

const servers: LoopbackServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

type Handler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/** A loopback server that also records every request it saw. */
async function serve(handler: Handler): Promise<LoopbackServer & { requests: IncomingMessage[] }> {
  const requests: IncomingMessage[] = [];
  const server = await startLoopbackServer((req, res) => {
    requests.push(req);
    return handler(req, res);
  });
  servers.push(server);
  return Object.assign(server, { requests });
}

/** Serves a map of path → handler; unknown paths are 404. */
function routes(table: Record<string, Handler>): Handler {
  return (req, res) => {
    const route = table[req.url ?? ""];
    if (route) return route(req, res);
    res.writeHead(404).end();
  };
}

const redirect =
  (status: number, location: string): Handler =>
  (_req, res) => {
    res.writeHead(status, { Location: location }).end();
  };
const feed =
  (body: string | Buffer = RSS, headers: Record<string, string> = {}): Handler =>
  (_req, res) => {
    res.writeHead(200, { "Content-Type": "application/rss+xml; charset=utf-8", ...headers }).end(body);
  };

async function rejection(promise: Promise<unknown>): Promise<FetchError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(FetchError);
    return error as FetchError;
  }
  throw new Error("expected the fetch to fail");
}

/** Writes until the client goes away: a body with no end, so only a streaming cap can stop it. */
function endless(res: ServerResponse, chunk: Buffer): void {
  const pump = () => {
    while (!res.destroyed && res.write(chunk)) {
      /* keep the socket buffer full */
    }
    if (!res.destroyed) res.once("drain", pump);
  };
  pump();
}

describe("fetchFeed: basics", () => {
  it("returns the body, validators, content type and final URL of a 200", async () => {
    const server = await serve(feed(RSS, { ETag: '"v1"', "Last-Modified": "Tue, 01 Jul 2025 10:00:00 GMT" }));
    const result = await fetchFeed({ url: `${server.url}/feed.xml` }, limits());
    expect(result).toEqual({
      status: "ok",
      finalUrl: `${server.url}/feed.xml`,
      text: RSS,
      contentType: "application/rss+xml; charset=utf-8",
      etag: '"v1"',
      lastModified: "Tue, 01 Jul 2025 10:00:00 GMT",
    });
  });

  it("sends User-Agent, Accept and Accept-Encoding, and no conditional headers when it has none", async () => {
    const server = await serve(feed());
    await fetchFeed({ url: server.url }, limits());
    const headers = server.requests[0]!.headers;
    expect(headers["user-agent"]).toBe(USER_AGENT);
    expect(headers.accept).toBe(FEED_ACCEPT);
    expect(headers["accept-encoding"]).toBe("gzip, deflate, br");
    expect(headers["if-none-match"]).toBeUndefined();
    expect(headers["if-modified-since"]).toBeUndefined();
  });

  it("prefers feed types over generic XML/JSON and HTML in Accept", () => {
    const q = (type: string) => {
      const entry = FEED_ACCEPT.split(",")
        .map((s) => s.trim())
        .find((s) => s.split(";")[0] === type);
      expect(entry, type).toBeDefined();
      return Number(/;q=([\d.]+)/.exec(entry!)?.[1] ?? 1);
    };
    for (const type of ["application/rss+xml", "application/atom+xml", "application/feed+json"]) {
      expect(q(type)).toBe(1);
    }
    expect(q("application/rdf+xml")).toBeGreaterThan(q("application/xml"));
    expect(q("application/json")).toBeLessThan(1);
    expect(q("text/xml")).toBeGreaterThan(q("text/html"));
    expect(q("text/html")).toBeGreaterThan(0);
  });

  it("has the documented defaults", () => {
    expect(DEFAULT_FETCH_LIMITS).toEqual({ timeoutMs: 20_000, maxBytes: 15 * 1024 * 1024, maxRedirects: 5 });
  });

  it("leaves no timers behind", async () => {
    const server = await serve(feed());
    const timers = () => process.getActiveResourcesInfo().filter((r) => r === "Timeout").length;
    const before = timers();
    await fetchFeed({ url: server.url }, limits());
    await rejection(fetchFeed({ url: `${server.url}/missing` }, limits({ allowPrivateNetwork: false })));
    // At most as many: a timer an earlier test left may fire meanwhile (on a loaded machine it does).
    expect(timers()).toBeLessThanOrEqual(before);
  });
});

describe("fetchFeed: conditional GET and cache hints", () => {
  it("sends If-None-Match / If-Modified-Since and maps 304 to not-modified with the new validators", async () => {
    const server = await serve((req, res) => {
      const fresh = req.headers["if-none-match"] === '"v1"';
      res.writeHead(fresh ? 304 : 200, { ETag: '"v2"', "Cache-Control": "public, max-age=600" });
      res.end(fresh ? undefined : RSS);
    });
    const result = await fetchFeed({ url: server.url, etag: '"v1"', lastModified: "Tue, 01 Jul 2025 10:00:00 GMT" }, limits());
    expect(result).toEqual({ status: "not-modified", finalUrl: `${server.url}/`, etag: '"v2"', maxAgeSeconds: 600 });
    expect(server.requests[0]!.headers["if-modified-since"]).toBe("Tue, 01 Jul 2025 10:00:00 GMT");
  });

  it("returns max-age from Cache-Control on a 200", async () => {
    const server = await serve(feed(RSS, { "Cache-Control": "s-maxage=60, max-age=1800" }));
    const result = await fetchFeed({ url: server.url }, limits());
    expect(result.maxAgeSeconds).toBe(1800);
  });

  it("derives hints from Cache-Control, Expires − Date and Age", () => {
    const date = "Tue, 01 Jul 2025 10:00:00 GMT";
    expect(cacheHints({ "cache-control": "max-age=300" })).toEqual({ maxAgeSeconds: 300 });
    expect(cacheHints({ "cache-control": "s-maxage=300" })).toEqual({});
    expect(cacheHints({ "cache-control": "max-age=300, no-cache" })).toEqual({});
    expect(cacheHints({ "cache-control": "no-store", expires: "Tue, 01 Jul 2025 11:00:00 GMT", date })).toEqual({});
    expect(cacheHints({ expires: "Tue, 01 Jul 2025 11:00:00 GMT", date })).toEqual({ maxAgeSeconds: 3600 });
    expect(cacheHints({ "cache-control": "max-age=300", age: "100" })).toEqual({ maxAgeSeconds: 200 });
    // max-age wins over Expires; an invalid Expires means already stale.
    expect(cacheHints({ "cache-control": "max-age=5", expires: "Tue, 01 Jul 2025 11:00:00 GMT", date })).toEqual({
      maxAgeSeconds: 5,
    });
    expect(cacheHints({ expires: "0", date })).toEqual({ maxAgeSeconds: 0 });
    const now = Date.parse(date);
    expect(cacheHints({ expires: "Tue, 01 Jul 2025 10:02:00 GMT" }, now)).toEqual({ maxAgeSeconds: 120 });
    expect(cacheHints({})).toEqual({});
  });
});

describe("fetchFeed: decompression", () => {
  const cases: Array<[string, string, (b: Buffer) => Buffer]> = [
    ["gzip", "gzip", gzipSync],
    ["x-gzip", "x-gzip", gzipSync],
    ["deflate (zlib-wrapped, as RFC 9110 says)", "deflate", deflateSync],
    ["deflate (raw, as many servers send)", "deflate", deflateRawSync],
    ["br", "br", brotliCompressSync],
  ];
  it.each(cases)("decodes Content-Encoding: %s", async (_label, encoding, compress) => {
    const server = await serve(feed(compress(Buffer.from(RSS)), { "Content-Encoding": encoding }));
    const result = await fetchFeed({ url: server.url }, limits());
    expect(result.status === "ok" && result.text).toBe(RSS);
  });

  it("reads a body as sent when Content-Encoding is a mislabel or already undone", async () => {
    const server = await serve(
      routes({
        "/utf8": feed(RSS, { "Content-Encoding": "utf-8" }),
        "/plain-gzip": feed(RSS, { "Content-Encoding": "gzip" }),
      }),
    );
    for (const path of ["/utf8", "/plain-gzip"]) {
      const result = await fetchFeed({ url: `${server.url}${path}` }, limits());
      expect(result.status === "ok" && result.text, path).toBe(RSS);
    }
  });

  it("accepts an empty body with Content-Encoding: gzip", async () => {
    const server = await serve(feed("", { "Content-Encoding": "gzip" }));
    const result = await fetchFeed({ url: server.url }, limits());
    expect(result.status === "ok" && result.text).toBe("");
  });

  it("reports a corrupt gzip body as a network error", async () => {
    const bad = gzipSync(Buffer.from(RSS));
    bad.fill(0xff, 10, 30);
    const server = await serve(feed(bad, { "Content-Encoding": "gzip" }));
    const error = await rejection(fetchFeed({ url: server.url }, limits()));
    expect(error.kind).toBe("network");
    expect(error.message).toMatch(/decompress/);
  });
});

describe("fetchFeed: redirects", () => {
  it("sets movedTo when every hop is permanent (301 → 308 → 200)", async () => {
    const server = await serve(routes({ "/a": redirect(301, "/b"), "/b": redirect(308, "/c"), "/c": feed() }));
    const result = await fetchFeed({ url: `${server.url}/a` }, limits());
    expect(result).toMatchObject({ status: "ok", finalUrl: `${server.url}/c`, movedTo: `${server.url}/c` });
  });

  it("does not set movedTo when any hop is temporary (301 → 302 → 200)", async () => {
    const server = await serve(routes({ "/a": redirect(301, "/b"), "/b": redirect(302, "/c"), "/c": feed() }));
    const result = await fetchFeed({ url: `${server.url}/a` }, limits());
    expect(result.finalUrl).toBe(`${server.url}/c`);
    expect(result.movedTo).toBeUndefined();
  });

  it("resolves a relative Location against the current URL and follows 303/307", async () => {
    const server = await serve(
      routes({
        "/dir/a": redirect(303, "../other/b"),
        "/other/b": redirect(307, "feed.xml?x=1"),
        "/other/feed.xml?x=1": feed(),
      }),
    );
    const result = await fetchFeed({ url: `${server.url}/dir/a` }, limits());
    expect(result.finalUrl).toBe(`${server.url}/other/feed.xml?x=1`);
    expect(server.requests.map((r) => r.url)).toEqual(["/dir/a", "/other/b", "/other/feed.xml?x=1"]);
  });

  it("keeps the conditional headers across hops and reports 304 at the new location", async () => {
    const server = await serve(
      routes({
        "/old": redirect(301, "/new"),
        "/new": (req, res) => {
          res.writeHead(req.headers["if-none-match"] === '"e"' ? 304 : 200).end();
        },
      }),
    );
    const result = await fetchFeed({ url: `${server.url}/old`, etag: '"e"' }, limits());
    expect(result).toEqual({ status: "not-modified", finalUrl: `${server.url}/new`, movedTo: `${server.url}/new` });
  });

  it("follows exactly maxRedirects hops and fails a loop with too-many-redirects", async () => {
    const server = await serve(routes({ "/loop": redirect(302, "/loop") }));
    const error = await rejection(fetchFeed({ url: `${server.url}/loop` }, limits({ maxRedirects: 3 })));
    expect(error.kind).toBe("too-many-redirects");
    expect(error.message).toBe("Too many redirects (more than 3)");
    expect(server.requests).toHaveLength(4); // the original request + 3 followed hops

    const chain = await serve(routes({ "/1": redirect(301, "/2"), "/2": redirect(301, "/3"), "/3": redirect(301, "/4"), "/4": feed() }));
    const ok = await fetchFeed({ url: `${chain.url}/1` }, limits({ maxRedirects: 3 }));
    expect(ok.finalUrl).toBe(`${chain.url}/4`);
  });

  it("rejects a redirect to a non-http scheme and a 3xx without Location", async () => {
    const server = await serve(
      routes({ "/ftp": redirect(302, "ftp://example.com/feed"), "/none": (_q, res) => void res.writeHead(302).end() }),
    );
    expect((await rejection(fetchFeed({ url: `${server.url}/ftp` }, limits()))).kind).toBe("invalid-url");
    const error = await rejection(fetchFeed({ url: `${server.url}/none` }, limits()));
    expect(error).toMatchObject({ kind: "http", httpStatus: 302 });
  });
});

describe("fetchFeed: timeout", () => {
  it("times out a body that stalls after the headers", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { "Content-Type": "application/rss+xml" });
      res.write("<rss><channel>"); // ... and never finishes
    });
    // Without the timeout the body never ends, and the test itself would time out.
    const error = await rejection(fetchFeed({ url: server.url }, limits({ timeoutMs: 200 })));
    expect(error.kind).toBe("timeout");
    expect(error.message).toBe("Timed out after 200 ms");
  });

  it("does not count time spent waiting for room in the poll's byte budget, and still times out a body that stalls", async () => {
    // Big enough to come in several pieces: the first waits, the rest must still arrive.
    const big = RSS.replace("</channel>", `<!-- ${"x".repeat(300_000)} --></channel>`);
    const server = await serve(feed(big));
    // The wait is longer than the whole timeout: only the fetch's own time counts.
    const waited: number[] = [];
    const hold = (bytes: number) =>
      new Promise<void>((resolve) => setTimeout(() => (waited.push(bytes), resolve()), waited.length === 0 ? 700 : 0));
    const result = await fetchFeed({ url: server.url }, limits({ timeoutMs: 500 }), { hold });
    expect(result).toMatchObject({ status: "ok", text: big });
    expect(waited.length).toBeGreaterThan(1);
    expect(waited.reduce((sum, n) => sum + n, 0)).toBe(Buffer.byteLength(big));

    const stalled = await serve((_req, res) => {
      res.writeHead(200, { "Content-Type": "application/rss+xml" });
      res.write("<rss><channel>"); // ... and never finishes
    });
    const error = await rejection(fetchFeed({ url: stalled.url }, limits({ timeoutMs: 300 }), { hold: async () => {} }));
    expect(error).toMatchObject({ kind: "timeout", message: "Timed out after 300 ms" });
  });

  it("times out a server that never sends headers", async () => {
    const server = await serve(() => {
      /* accept the request and say nothing */
    });
    const error = await rejection(fetchFeed({ url: server.url }, limits({ timeoutMs: 200 })));
    expect(error.kind).toBe("timeout");
  });

  it("counts the timeout across redirects, not per hop", async () => {
    const slowHop =
      (next: string): Handler =>
      (_req, res) => {
        setTimeout(() => res.writeHead(302, { Location: next }).end(), 120);
      };
    const server = await serve(routes({ "/1": slowHop("/2"), "/2": slowHop("/3"), "/3": feed() }));
    const error = await rejection(fetchFeed({ url: `${server.url}/1` }, limits({ timeoutMs: 200 })));
    expect(error.kind).toBe("timeout");
  });
});

describe("fetchFeed: body size cap", () => {
  const cap = 1024;

  it("rejects up front when an uncompressed Content-Length exceeds the cap", async () => {
    // The body never arrives, so only the Content-Length check can answer before the timeout.
    const server = await serve((_req, res) => {
      res.writeHead(200, { "Content-Length": String(10 * cap) });
      res.write("<rss>");
    });
    const error = await rejection(fetchFeed({ url: server.url }, limits({ maxBytes: cap, timeoutMs: 5000 })));
    expect(error.kind).toBe("too-large");
    expect(error.message).toBe("Response exceeded 1 KiB");
  });

  it("aborts an endless chunked body while streaming", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { "Content-Type": "application/rss+xml" });
      endless(res, Buffer.alloc(4096, 0x61));
    });
    const error = await rejection(fetchFeed({ url: server.url }, limits({ maxBytes: cap, timeoutMs: 5000 })));
    expect(error.kind).toBe("too-large");
  });

  it("counts decompressed bytes, so a small gzip bomb is refused", async () => {
    const bomb = gzipSync(Buffer.alloc(20 * 1024 * 1024));
    const maxBytes = 256 * 1024;
    expect(bomb.length).toBeLessThan(maxBytes); // the compressed size alone would pass
    const server = await serve(feed(bomb, { "Content-Encoding": "gzip" }));
    const error = await rejection(fetchFeed({ url: server.url }, limits({ maxBytes })));
    expect(error).toMatchObject({ kind: "too-large", message: "Response exceeded 256 KiB" });
  });

  it("accepts a body exactly at the cap", async () => {
    const body = "x".repeat(cap);
    const server = await serve(feed(gzipSync(body), { "Content-Encoding": "gzip" }));
    const result = await fetchFeed({ url: server.url }, limits({ maxBytes: cap }));
    expect(result.status === "ok" && result.text.length).toBe(cap);
  });
});

describe("fetchFeed: HTTP and network errors", () => {
  it("maps 404 to an http error with the status", async () => {
    const server = await serve((_req, res) => void res.writeHead(404).end("nope"));
    const error = await rejection(fetchFeed({ url: server.url }, limits()));
    expect(error).toMatchObject({ kind: "http", httpStatus: 404, message: "HTTP 404 Not Found" });
    expect(error.retryAfterMs).toBeUndefined();
  });

  it("reads Retry-After seconds on 429", async () => {
    const server = await serve((_req, res) => void res.writeHead(429, { "Retry-After": "120" }).end());
    const error = await rejection(fetchFeed({ url: server.url }, limits()));
    expect(error).toMatchObject({ kind: "http", httpStatus: 429, retryAfterMs: 120_000 });
    expect(error.message).toBe("HTTP 429 Too Many Requests");
  });

  it("reads a Retry-After HTTP-date on 503 relative to the server's Date", async () => {
    // A Date far from our clock proves the delay is measured from the server's Date, not now.
    const server = await serve((_req, res) => {
      res.writeHead(503, { Date: "Wed, 21 Oct 2015 07:28:00 GMT", "Retry-After": "Wed, 21 Oct 2015 07:29:30 GMT" });
      res.end();
    });
    const error = await rejection(fetchFeed({ url: server.url }, limits()));
    expect(error).toMatchObject({ kind: "http", httpStatus: 503, retryAfterMs: 90_000 });
  });

  it("parses Retry-After defensively", () => {
    const now = Date.parse("Wed, 21 Oct 2015 07:28:00 GMT");
    expect(retryAfterMs({ "retry-after": "0" })).toBe(0);
    expect(retryAfterMs({ "retry-after": "Wed, 21 Oct 2015 07:28:10 GMT" }, now)).toBe(10_000);
    expect(retryAfterMs({ "retry-after": "Wed, 21 Oct 2015 07:00:00 GMT" }, now)).toBe(0);
    expect(retryAfterMs({ "retry-after": "-5" })).toBeUndefined();
    expect(retryAfterMs({ "retry-after": "soon" })).toBeUndefined();
    expect(retryAfterMs({})).toBeUndefined();
  });

  it("maps a refused connection to network", async () => {
    const server = await startLoopbackServer(() => {});
    await server.close(); // the port is now closed
    const error = await rejection(fetchFeed({ url: server.url }, limits()));
    expect(error.kind).toBe("network");
    expect(error.message).toBe(`Connection refused by ${server.url.slice("http://".length)}`);
  });

  it("maps a connection dropped mid-body to network", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { "Content-Length": "1000" });
      res.write("<rss>", () => res.socket?.destroy());
    });
    const error = await rejection(fetchFeed({ url: server.url }, limits()));
    expect(error.kind).toBe("network");
    expect(error.message).toMatch(/closed before the response was complete/);
  });

  it("words DNS failures plainly", () => {
    const url = new URL("http://example.invalid/feed");
    const notFound = Object.assign(new Error("getaddrinfo ENOTFOUND example.invalid"), { code: "ENOTFOUND" });
    const again = Object.assign(new Error("getaddrinfo EAI_AGAIN example.invalid"), { code: "EAI_AGAIN" });
    expect(toFetchError(notFound, url)).toMatchObject({
      kind: "dns",
      message: "Could not resolve host example.invalid",
    });
    expect(toFetchError(again, url).kind).toBe("dns");
    const tls = Object.assign(new Error("certificate has expired"), { code: "CERT_HAS_EXPIRED" });
    expect(toFetchError(tls, url)).toMatchObject({ kind: "network", message: /example\.invalid.*certificate has expired/ });
  });
});

describe("fetchFeed: URLs", () => {
  it.each(["not a url", "", "/relative/feed.xml"])("rejects %o as invalid-url", async (url) => {
    const error = await rejection(fetchFeed({ url }, limits()));
    expect(error.kind).toBe("invalid-url");
  });

  it.each(["ftp://example.com/feed.xml", "file:///etc/passwd", "javascript:alert(1)", "data:text/xml,<rss/>"])(
    "rejects the non-http scheme of %s",
    async (url) => {
      const error = await rejection(fetchFeed({ url }, limits()));
      expect(error.kind).toBe("invalid-url");
      expect(error.message).toMatch(/only http and https/);
    },
  );
});

describe("decodeBody", () => {
  // “Café” in windows-1252: 0x93 and 0x94 are curly quotes, 0xE9 is é.
  const cp1252 = (prolog: string) =>
    Buffer.concat([Buffer.from(`${prolog}<title>`), Buffer.from([0x93, 0x43, 0x61, 0x66, 0xe9, 0x94]), Buffer.from("</title>")]);

  it("uses the Content-Type charset", () => {
    expect(decodeBody(cp1252(""), "text/xml; charset=windows-1252")).toBe("<title>“Café”</title>");
  });

  it("uses the XML prolog when Content-Type has no charset", () => {
    const text = decodeBody(cp1252('<?xml version="1.0" encoding="windows-1252"?>'), "application/rss+xml");
    expect(text).toBe('<?xml version="1.0" encoding="windows-1252"?><title>“Café”</title>');
  });

  it("reads ISO-8859-1 / latin1 / US-ASCII labels as windows-1252, as browsers do", () => {
    expect(decodeBody(cp1252(""), 'text/xml; charset="ISO-8859-1"')).toBe("<title>“Café”</title>");
    expect(decodeBody(cp1252("<?xml version='1.0' encoding='latin1'?>"), undefined)).toContain("“Café”");
    expect(decodeBody(cp1252(""), "text/xml; charset=us-ascii")).toContain("“Café”");
  });

  it("lets Content-Type win over the XML prolog", () => {
    const bytes = Buffer.from('<?xml version="1.0" encoding="windows-1252"?><t>“Café”</t>', "utf8");
    expect(decodeBody(bytes, "application/xml; charset=utf-8")).toContain("<t>“Café”</t>");
  });

  it("decodes UTF-16 LE and BE by BOM and strips the BOM", () => {
    const xml = '<?xml version="1.0" encoding="UTF-16"?><title>“Café” ✓</title>';
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml, "utf16le")]);
    const be = Buffer.from(le).swap16();
    expect(decodeBody(le, "text/xml; charset=iso-8859-1")).toBe(xml); // BOM beats the header
    expect(decodeBody(be, undefined)).toBe(xml);
  });

  it("strips a UTF-8 BOM", () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("<rss>é</rss>")]);
    expect(decodeBody(bytes, "application/rss+xml; charset=utf-8")).toBe("<rss>é</rss>");
  });

  it("detects BOM-less UTF-16 XML from its first bytes", () => {
    const xml = '<?xml version="1.0"?><t>é</t>';
    expect(decodeBody(Buffer.from(xml, "utf16le"), undefined)).toBe(xml);
  });

  it("finds an HTML <meta> charset, but not inside a feed", () => {
    const html = (meta: string) =>
      Buffer.concat([Buffer.from(`<!DOCTYPE html><html><head>${meta}</head><body>`), Buffer.from([0xe9]), Buffer.from("</body>")]);
    expect(decodeBody(html('<meta charset="windows-1252">'), "text/html")).toContain("<body>é</body>");
    expect(decodeBody(html('<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">'), "text/html")).toContain(
      "<body>é</body>",
    );
    // A feed that quotes a <meta> tag in its content keeps the UTF-8 default.
    const rss = Buffer.from('<rss><item><description><![CDATA[<meta charset="windows-1252">é]]></description></item></rss>');
    expect(decodeBody(rss, "application/rss+xml")).toContain(">é]]>");
  });

  it("falls back to UTF-8 for unknown or missing labels", () => {
    const bytes = Buffer.from("<rss>café</rss>");
    expect(decodeBody(bytes, "text/xml; charset=x-no-such-charset")).toBe("<rss>café</rss>");
    expect(decodeBody(bytes, undefined)).toBe("<rss>café</rss>");
  });

  it("is applied to fetched bodies", async () => {
    const server = await serve(feed(cp1252(""), { "Content-Type": "application/rss+xml; charset=ISO-8859-1" }));
    const result = await fetchFeed({ url: server.url }, limits());
    expect(result.status === "ok" && result.text).toBe("<title>“Café”</title>");
  });
});

describe("SSRF guard", () => {
  it.each([
    "127.0.0.1",
    "10.0.0.1",
    "172.16.5.4",
    "192.168.1.1",
    "169.254.169.254",
    "100.64.0.1",
    "0.0.0.0",
    "224.0.0.1",
    "255.255.255.255",
    "240.0.0.1",
    "192.0.2.1",
    "::1",
    "::",
    "fd00::1",
    "fe80::1",
    "ff02::1",
    "::ffff:127.0.0.1",
    "::ffff:169.254.169.254",
    "::ffff:10.0.0.1",
    "::127.0.0.1", // IPv4-compatible
    "::7f00:1", // the same, as a URL writes it
    "::a9fe:a9fe", // 169.254.169.254, IPv4-compatible
    "not-an-ip",
  ])("refuses %s", (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each(["8.8.8.8", "1.1.1.1", "2606:4700:4700::1111", "::ffff:8.8.8.8", "::808:808"])("allows %s", (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });

  it.each([
    (port: string) => `http://127.0.0.1:${port}/feed`,
    (port: string) => `http://2130706433:${port}/feed`, // 127.0.0.1 written as an integer
    (port: string) => `http://[::ffff:127.0.0.1]:${port}/feed`,
    (port: string) => `http://[::127.0.0.1]:${port}/feed`,
    (port: string) => `http://localhost:${port}/feed`, // a name: refused by the lookup hook
  ])("refuses loopback when private networks are not allowed (%#)", async (makeUrl) => {
    const server = await serve(feed());
    const port = new URL(server.url).port;
    const error = await rejection(fetchFeed({ url: makeUrl(port) }, limits({ allowPrivateNetwork: false })));
    expect(error.kind).toBe("blocked-address");
    expect(error.message).toMatch(/Refusing to connect to private or reserved address/);
    expect(server.requests).toHaveLength(0);
  });

  it("checks every redirect hop", async () => {
    const server = await serve(routes({ "/feed": feed() }));
    const port = new URL(server.url).port;
    const start = await serve(routes({ "/start": redirect(302, `http://127.0.0.2:${port}/feed`) }));
    // Treat the test server's own address as "public" so the first hop is allowed.
    const onlyTestServer = (address: string) => address === "127.0.0.1";
    const error = await rejection(
      fetchFeedWithPolicy({ url: `${start.url}/start` }, limits({ allowPrivateNetwork: false }), onlyTestServer),
    );
    expect(error.kind).toBe("blocked-address");
    expect(start.requests).toHaveLength(1);
    expect(server.requests).toHaveLength(0);

    // Control: the same policy lets a same-host redirect through.
    const ok = await serve(routes({ "/a": redirect(302, "/feed"), "/feed": feed() }));
    const result = await fetchFeedWithPolicy({ url: `${ok.url}/a` }, limits({ allowPrivateNetwork: false }), onlyTestServer);
    expect(result.status).toBe("ok");
  });

  it("the lookup hook refuses names that resolve to private addresses and passes public ones", async () => {
    const call = (policy: (a: string) => boolean, all: boolean) =>
      new Promise<{ error: unknown; address: unknown }>((resolve) =>
        createGuardedLookup(policy)("localhost", { all }, (error, address) => resolve({ error, address })),
      );
    const refused = await call(isPublicAddress, true);
    expect(refused.error).toBeInstanceOf(FetchError);
    expect((refused.error as FetchError).kind).toBe("blocked-address");

    const single = await call(() => true, false);
    expect(single.error).toBeNull();
    expect(typeof single.address).toBe("string");
    const many = await call(() => true, true);
    expect(Array.isArray(many.address)).toBe(true);
  });

  it("allows private addresses when allowPrivateNetwork is true", async () => {
    const server = await serve(feed());
    const result = await fetchFeed({ url: server.url.replace("127.0.0.1", "localhost") }, limits());
    expect(result.status).toBe("ok");
  });
});
