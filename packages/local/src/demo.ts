/**
 * `npm run demo`: Recap end to end with no network and no accounts. Serves the bundled sample
 * feeds from a loopback web server, follows them (one through autodiscovery on a web page),
 * prints what was stored (a conference recap's talks among them), then publishes a new post and
 * shows it announced on the bus.
 */
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { addFeed, pollFeeds } from "@recap/core/feeds";
import { findPosts } from "@recap/core/posts";
import { silentLogger } from "@recap/core/shared";
import { openLocalRecap } from "./environment";

const DEMO_FEEDS = fileURLToPath(new URL("../demo-feeds/", import.meta.url));

const FILES: Record<string, { file: string; type: string }> = {
  "/cloud-native-weekly.xml": { file: "cloud-native-weekly.xml", type: "application/rss+xml; charset=utf-8" },
  "/platform-notes.atom": { file: "platform-notes.atom", type: "application/atom+xml; charset=utf-8" },
  "/wasm-radar.json": { file: "wasm-radar.json", type: "application/feed+json; charset=utf-8" },
};

const HOME_PAGE = `<!doctype html><html><head><title>Platform Notes</title>
<link rel="alternate" type="application/atom+xml" title="Platform Notes" href="/platform-notes.atom">
</head><body><h1>Platform Notes</h1></body></html>`;

export async function runDemo(print: (line: string) => void): Promise<void> {
  let extraItem = "";
  const server = createServer(async (req, res) => {
    if (req.url === "/") {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(HOME_PAGE);
      return;
    }
    const entry = FILES[req.url ?? ""];
    if (!entry) {
      res.writeHead(404).end();
      return;
    }
    let body = await readFile(`${DEMO_FEEDS}${entry.file}`, "utf8");
    if (entry.file.endsWith(".xml") && extraItem) body = body.replace("<item>", `${extraItem}\n<item>`);
    res.writeHead(200, { "content-type": entry.type });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const recap = await openLocalRecap({ inMemory: true, log: silentLogger });
  recap.bus.subscribe({
    name: "demo-printer",
    detailTypes: ["post.ingested"],
    handle: async (event) => {
      const detail = event.detail as { title: string; topics: string[] };
      print(`  bus ▸ post.ingested: "${detail.title}" [${detail.topics.join(", ")}]`);
    },
  });

  try {
    print(`Serving three sample feeds on ${base} (loopback only).\n`);
    for (const url of [`${base}/cloud-native-weekly.xml`, `${base}/`, `${base}/wasm-radar.json`]) {
      const result = await addFeed(url, { via: "cli" }, recap.deps);
      if (result.status === "added" && result.outcome.status === "ok") {
        const via = result.feed.url === url ? "" : ` (discovered from the web page ${url})`;
        print(`Followed "${result.feed.title}"${via}: ${result.outcome.created} posts stored as backfill.`);
      } else {
        print(`Could not follow ${url}: ${JSON.stringify(result)}`);
      }
    }

    const posts = await findPosts(recap.deps.store.posts, { limit: 100 }, recap.deps.clock());
    print(`\n${posts.length} posts stored, newest first:`);
    for (const post of [...posts].sort((a, b) => b.publishedAt.localeCompare(a.publishedAt))) {
      const shared = post.feeds.length > 1 ? `  (carried by ${post.feeds.length} feeds, stored once)` : "";
      print(`  ${post.publishedAt.slice(0, 10)}  ${post.title}${shared}`);
      print(`              ${post.url}`);
      if (post.listedIn)
        print(`              a talk${post.listedIn.section ? ` at ${post.listedIn.section}` : ""}, listed in “${post.listedIn.title}”`);
      const talks = post.listed?.filter((item) => item.kind === "talk").length ?? 0;
      if (talks > 0) print(`              a conference recap: its ${talks} talks are stored as posts of their own`);
      print(`              topics: ${post.topics.join(", ") || "—"}`);
    }

    print(`\nFirst polls are backfill: searchable, never announced. Now a new post appears…`);
    extraItem = `<item><title>Dapr 1.17 adds WebAssembly components</title>
<link>https://example.com/posts/dapr-1-17?utm_source=demo</link><guid>demo-new-post</guid>
<pubDate>${new Date().toUTCString()}</pubDate><description>Run Wasm components as Dapr apps.</description></item>`;
    const feeds = await recap.deps.store.feeds.list();
    await pollFeeds(feeds, recap.deps, { claim: false });
    await recap.bus.idle();
    print(`\nTry it yourself: npm start, then npx recap add <url> and npx recap posts.`);
  } finally {
    await recap.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await runDemo((line) => console.log(line));
}
