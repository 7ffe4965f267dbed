/**
 * `recap poll` over more due feeds than one batch, and a CLI that meets a stale server.json: both
 * against a data directory on disk and feeds served from loopback.
 */
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLogger } from "@recap/core/shared";
import { openLocalRecap, runCli } from "@recap/local";
import { rss, startFeedServer, type FeedServer } from "../helpers/feed-server";

let feeds: FeedServer;
const dataDirs: string[] = [];

const FEED_COUNT = 7;
const paths = Array.from({ length: FEED_COUNT }, (_, i) => `/blog-${i}.xml`);

beforeAll(async () => {
  feeds = await startFeedServer();
  const now = Date.now();
  paths.forEach((path, i) =>
    feeds.route(path, {
      body: rss(
        [
          { title: `Post ${i}a`, link: `https://blog-${i}.example.com/a`, guid: `${i}a`, pubDate: new Date(now - 3600_000) },
          { title: `Post ${i}b`, link: `https://blog-${i}.example.com/b`, guid: `${i}b`, pubDate: new Date(now - 7200_000) },
        ],
        { title: `Blog ${i}` },
      ),
    }),
  );
});

afterAll(async () => {
  await feeds.close();
  await Promise.all(dataDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function newDataDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "recap-cli-poll-"));
  dataDirs.push(dir);
  return dir;
}

/** Runs a CLI command on `dataDir`, with this environment (e.g. a small batch size). */
async function recap(dataDir: string, env: Record<string, string>, ...argv: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await runCli(argv, { stdout: (text) => void (stdout += text), stderr: (text) => void (stderr += text) }, () =>
    openLocalRecap({ dataDir, log: silentLogger, env }),
  );
  return { code, stdout, stderr, json: () => JSON.parse(stdout) };
}

/** Follows the feeds without polling them: each is due at once. */
async function followWithoutPolling(dataDir: string, env: Record<string, string>, urls: string[]) {
  const opml = join(dataDir, "feeds.opml");
  await writeFile(
    opml,
    `<?xml version="1.0"?><opml version="2.0"><head><title>Blogs</title></head><body>${urls
      .map((url) => `<outline type="rss" text="${url}" xmlUrl="${url}"/>`)
      .join("")}</body></opml>`,
  );
  const imported = await recap(dataDir, env, "import", opml, "--no-poll", "--json");
  expect(imported.code).toBe(0);
  expect(imported.json()).toMatchObject({ added: urls, polled: [] });
}

async function closedLoopbackPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("recap poll", () => {
  it("polls and reports every due feed itself, even more than one batch", async () => {
    const env = { RECAP_POLL_BATCH_SIZE: "2", RECAP_POLL_CONCURRENCY: "3" };
    const dataDir = await newDataDir();
    const urls = paths.map((path) => feeds.at(path));
    await followWithoutPolling(dataDir, env, urls);

    const polled = await recap(dataDir, env, "poll", "--json");
    expect(polled.code).toBe(0);
    const outcomes = polled.json() as { url: string; status: string; created: number }[];
    expect(outcomes).toHaveLength(FEED_COUNT);
    expect(outcomes.map((outcome) => outcome.url).sort()).toEqual([...urls].sort());
    for (const outcome of outcomes) expect(outcome).toMatchObject({ status: "ok", created: 2 });
    expect(polled.stderr).toMatch(new RegExp(`\\[${FEED_COUNT}/${FEED_COUNT}\\]`));
    for (const path of paths) expect(feeds.hits(path)).toBe(1); // each once: none also went through the bus

    // Polled now, so none is due; the stored feeds say they were polled.
    expect((await recap(dataDir, env, "poll", "--json")).json()).toEqual([]);
    expect((await recap(dataDir, env, "poll")).stdout).toMatch(/No feeds are due/);
    const listed = (await recap(dataDir, env, "feeds", "--json")).json() as { status: string; postCount: number }[];
    expect(listed).toHaveLength(FEED_COUNT);
    for (const feed of listed) expect(feed).toMatchObject({ status: "ok", postCount: 2 });
  });

  it("counts every due feed in its text summary", async () => {
    const env = { RECAP_POLL_BATCH_SIZE: "2" };
    const dataDir = await newDataDir();
    const urls = paths.slice(0, 5).map((path) => feeds.at(path));
    await followWithoutPolling(dataDir, env, urls);

    const polled = await recap(dataDir, env, "poll");
    expect(polled.code).toBe(0);
    expect(polled.stdout).toBe("Polled 5 feeds: 10 new posts, 0 failed.\n");
    expect(polled.stderr.match(/^\[\d\/5\] /gm)).toHaveLength(5);
  });
});

describe("recap topics after a poll from the terminal", () => {
  it("counts the posts that poll stored at once, though its snapshot of the counts was fresh", async () => {
    const dataDir = await newDataDir();
    const url = feeds.at("/kubernetes.xml");
    feeds.route("/kubernetes.xml", {
      body: rss(
        [
          {
            title: "Kubernetes 1.31 released",
            link: "https://k8s.example.com/131",
            guid: "k131",
            pubDate: new Date(Date.now() - 3600_000),
          },
          {
            title: "Kubernetes 1.32 released",
            link: "https://k8s.example.com/132",
            guid: "k132",
            pubDate: new Date(Date.now() - 7200_000),
          },
        ],
        { title: "Kubernetes blog" },
      ),
    });
    const countOf = async (topic: string) => {
      const listed = (await recap(dataDir, {}, "topics", "--json")).json() as { id: string; count: number }[];
      return listed.find((t) => t.id === topic)?.count;
    };
    expect(await countOf("kubernetes")).toBe(0); // counted now, and kept for the next 20 minutes
    await followWithoutPolling(dataDir, {}, [url]);
    expect((await recap(dataDir, {}, "poll")).stdout).toBe("Polled 1 feed: 2 new posts, 0 failed.\n");
    expect(await countOf("kubernetes")).toBe(2);
  });
});

describe("a stale server.json", () => {
  it("is ignored and removed when nothing answers on its port, even though its PID is alive", async () => {
    const dataDir = await newDataDir();
    expect((await recap(dataDir, {}, "add", feeds.at(paths[0] ?? ""))).code).toBe(0);

    // The PID is alive (this very process, as if reused) but the advertised database is gone.
    const serverFile = join(dataDir, "server.json");
    await writeFile(serverFile, JSON.stringify({ pid: process.pid, endpoint: `http://127.0.0.1:${await closedLoopbackPort()}` }));

    // Refused: the CLI opens the directory itself, never trying the dead endpoint.
    const listed = await recap(dataDir, {}, "feeds", "--json");
    expect(listed.code).toBe(0);
    expect(listed.json()).toEqual([expect.objectContaining({ url: feeds.at(paths[0] ?? ""), title: "Blog 0", postCount: 2 })]);
    expect(existsSync(serverFile)).toBe(false);

    const opened = await openLocalRecap({ dataDir, log: silentLogger, env: {} });
    try {
      expect(opened.ownsDatabase).toBe(true);
    } finally {
      await opened.close();
    }
  });
});
