/**
 * Feeds read in a worker thread (what `npm start` does): the same result as reading them here, the
 * same errors, and a document that takes too long is refused without holding up this thread.
 */
import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { FeedParseError, parseFeed } from "@recap/core/feeds";
import { startWorkerParser, type WorkerParser } from "../../packages/local/src/feed-parser";

/** The worker's TypeScript source, loaded through tsx (npm start runs its bundle). */
const WORKER = {
  eval: true,
  file: `import("tsx/esm/api").then(({ register }) => { register(); return import(${JSON.stringify(new URL("../../packages/local/src/parse-worker.ts", import.meta.url).href)}); });`,
};
const fixture = (name: string) => readFileSync(new URL(`../fixtures/feeds/${name}`, import.meta.url), "utf8");

let parser: WorkerParser | undefined;
afterEach(async () => {
  await parser?.close();
  parser = undefined;
});

const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error("expected a rejection");
    },
    (error: unknown) => error as Error,
  );

/** An RSS document whose one description holds `tags` short HTML elements: seconds of parsing. */
const heavy = (tags: number) =>
  `<rss version="2.0"><channel><title>t</title><item><title>Heavy</title><link>https://blog.example.com/h</link>` +
  `<description>${"<p>x</p>".repeat(tags)}</description></item></channel></rss>`;

describe("the worker parser", () => {
  it("reads feeds as this thread does, in order, and keeps their errors' kind and message", async () => {
    parser = startWorkerParser({ ...WORKER, budgetMs: 30_000 });
    const documents = ["rss2-wordpress.xml", "atom-xhtml.xml"].map(fixture);
    const [wordpress, hugo] = await Promise.all(
      documents.map((text) => parser!.parse(text, "application/xml", "https://blog.example.com/feed")),
    );
    expect(wordpress).toEqual(await parseFeed(documents[0] as string, "application/xml", "https://blog.example.com/feed"));
    expect(hugo).toEqual(await parseFeed(documents[1] as string, "application/xml", "https://blog.example.com/feed"));

    const error = await rejection(parser.parse("<html><body>A page</body></html>", "text/html"));
    expect(error).toBeInstanceOf(FeedParseError);
    expect(error).toMatchObject({
      kind: "not-a-feed",
      message: (await rejection(parseFeed("<html><body>A page</body></html>", "text/html"))).message,
    });
  });

  it("refuses a document still being read when its budget runs out, without stalling this thread, and reads the next", async () => {
    // Read here, this document takes seconds in one piece (3 s on a 2-CPU VM): far past the budget.
    const document = heavy(2_500_000);
    parser = startWorkerParser({ ...WORKER, budgetMs: 800 });
    await parser.parse(fixture("rss2-wordpress.xml")); // the worker is up

    // This thread's longest stall while the worker reads.
    let longestStall = 0;
    let last = performance.now();
    const ticker = setInterval(() => {
      const now = performance.now();
      longestStall = Math.max(longestStall, now - last);
      last = now;
    }, 10);
    const error = await rejection(parser.parse(document));
    clearInterval(ticker);
    longestStall = Math.max(longestStall, performance.now() - last);
    expect(error).toBeInstanceOf(FeedParseError);
    expect(error).toMatchObject({ kind: "malformed", message: "Reading it took more than 0.8 s: too large or too complex to read" });
    expect(longestStall).toBeLessThan(1_000);

    const next = await parser.parse(fixture("rss2-wordpress.xml"));
    expect(next.items).toHaveLength(3);
  });

  it("fails the documents waiting, not the caller, when the worker cannot start; closing refuses what is left", async () => {
    parser = startWorkerParser({ file: new URL("./no-such-worker.mjs", import.meta.url), budgetMs: 1_000 });
    expect((await rejection(parser.parse(fixture("rss2-wordpress.xml")))).message).toMatch(/^The feed reader could not start/);
    await parser.close();
    expect((await rejection(parser.parse(fixture("rss2-wordpress.xml")))).message).toBe("The feed reader is stopped");
  });
});
