/**
 * A loopback web server that serves feeds the test controls: each path answers with a response the
 * test sets (and may change between polls), and every request is recorded with its headers.
 */
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";
import { startLoopbackServer } from "./http-server";

export type Route =
  | { status?: number; headers?: Record<string, string>; body?: string | Buffer }
  | ((req: IncomingMessage, res: ServerResponse) => void | Promise<void>);

export interface FeedServer {
  url: string;
  /** Absolute URL of a path on this server. */
  at(path: string): string;
  route(path: string, route: Route): void;
  requests: { path: string; headers: IncomingHttpHeaders }[];
  hits(path: string): number;
  close(): Promise<void>;
}

export async function startFeedServer(): Promise<FeedServer> {
  const routes = new Map<string, Route>();
  const requests: FeedServer["requests"] = [];
  const server = await startLoopbackServer(async (req, res) => {
    const path = req.url ?? "/";
    requests.push({ path, headers: req.headers });
    const route = routes.get(path);
    if (!route) {
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("not found");
      return;
    }
    if (typeof route === "function") return route(req, res);
    res.writeHead(route.status ?? 200, route.headers ?? { "content-type": "application/rss+xml; charset=utf-8" });
    res.end(route.body ?? "");
  });
  return {
    url: server.url,
    at: (path) => `${server.url}${path}`,
    route: (path, route) => routes.set(path, route),
    requests,
    hits: (path) => requests.filter((request) => request.path === path).length,
    close: () => server.close(),
  };
}

export interface TestItem {
  title: string;
  link?: string;
  guid?: string;
  description?: string;
  /** Full HTML, as content:encoded. */
  content?: string;
  pubDate?: Date | string;
  author?: string;
  /** RSS <category> elements. */
  categories?: string[];
}

const escapeXml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** An RSS 2.0 document for the items given: the fixture shape the ingestion tests vary. */
export function rss(items: TestItem[], channel: { title?: string; link?: string; ttl?: number } = {}): string {
  const entries = items.map((item) =>
    [
      "<item>",
      `<title>${escapeXml(item.title)}</title>`,
      item.link ? `<link>${escapeXml(item.link)}</link>` : "",
      item.guid ? `<guid isPermaLink="false">${escapeXml(item.guid)}</guid>` : "",
      item.description ? `<description>${escapeXml(item.description)}</description>` : "",
      item.content ? `<content:encoded><![CDATA[${item.content.replaceAll("]]>", "]]]]><![CDATA[>")}]]></content:encoded>` : "",
      item.author ? `<dc:creator>${escapeXml(item.author)}</dc:creator>` : "",
      ...(item.categories ?? []).map((category) => `<category>${escapeXml(category)}</category>`),
      item.pubDate ? `<pubDate>${new Date(item.pubDate).toUTCString()}</pubDate>` : "",
      "</item>",
    ].join(""),
  );
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>`,
    `<title>${escapeXml(channel.title ?? "Test feed")}</title>`,
    `<link>${escapeXml(channel.link ?? "https://blog.example.com/")}</link>`,
    `<description>Fixture</description>`,
    channel.ttl ? `<ttl>${channel.ttl}</ttl>` : "",
    ...entries,
    `</channel></rss>`,
  ].join("\n");
}
