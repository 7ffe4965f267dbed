/**
 * `/recap feeds` past FEEDS_LISTED_WHOLE feeds: Slack reads and lists only the feeds needing a look
 * (with how many are followed), `feeds all` and the CLI list every one. Against dynalite, where the
 * feed count is kept in the table and first set by a full list.
 */
import { describe, expect, it } from "vitest";
import { runCommand, type CommandContext, type Outcome } from "@recap/core/commands";
import { newFeed } from "@recap/core/feeds";
import { checkLimits, renderOutcome } from "@recap/core/slack";
import { useFreshRecap, type TestRecap } from "../helpers/recap";

let recap: TestRecap;
useFreshRecap({ harness: () => undefined, recap: (fresh) => (recap = fresh) });

const slack: CommandContext = { via: "slack", userId: "U1", channelId: "C1" };
const cli: CommandContext = { via: "cli" };
const shown = (outcome: Outcome) => (outcome.kind === "feeds" ? outcome.feeds.map((feed) => `${feed.state} ${feed.url}`) : []);

/** `n` followed feeds, polled fine but for one failing, one paused and one never polled. */
async function follow(n: number): Promise<string[]> {
  const now = recap.deps.clock();
  const urls: string[] = [];
  for (let i = 0; i < n; i++) {
    const url = `https://blog-${String(i).padStart(3, "0")}.example.com/feed.xml`;
    const feed = newFeed(url, { via: "import" }, now);
    await recap.deps.store.feeds.create(feed);
    urls.push(url);
    const polled = { lastSuccessAt: now.toISOString(), lastPolledAt: now.toISOString() };
    if (i === 1)
      await recap.deps.store.feeds.update(feed, {
        ...polled,
        consecutiveErrors: 2,
        failingSince: now.toISOString(),
        lastError: "HTTP 503",
      });
    else if (i === 2) await recap.deps.store.feeds.update(feed, { ...polled, status: "paused", pausedReason: "HTTP 410 Gone" });
    else if (i !== 3) await recap.deps.store.feeds.update(feed, polled);
  }
  return urls;
}

describe("/recap feeds at scale", () => {
  it("lists only the feeds needing a look past 50, once the feeds were counted; `feeds all` and the CLI list every one", async () => {
    const urls = await follow(80);
    // Not counted yet (a table from before the count): the whole list, which counts them.
    const first = await runCommand({ name: "feeds" }, slack, recap.deps);
    expect(first).not.toHaveProperty("attentionOnly");
    expect(shown(first)).toHaveLength(80);

    const feeds = await runCommand({ name: "feeds" }, slack, recap.deps);
    expect(feeds).toMatchObject({ kind: "feeds", attentionOnly: { followed: 80, complete: true } });
    expect(shown(feeds)).toEqual([`failing ${urls[1]}`, `paused ${urls[2]}`, `new ${urls[3]}`]);

    const message = renderOutcome(feeds, { shareable: true });
    expect(checkLimits(message)).toEqual([]);
    expect(message.text).toBe("Following 80 feeds: 77 ok, 1 failing, 1 paused, 1 new.");
    const blocks = JSON.stringify(message.blocks);
    expect(blocks).toContain("blog-001.example.com");
    expect(blocks).not.toContain("blog-004.example.com");
    expect(blocks).toContain("The other 77 are fine.");
    expect(blocks).toContain("/recap feeds all");

    for (const [command, context] of [
      [{ name: "feeds", all: true }, slack],
      [{ name: "feeds" }, cli],
    ] as const) {
      const every = await runCommand(command, context, recap.deps);
      expect(every).not.toHaveProperty("attentionOnly");
      expect(shown(every)).toHaveLength(80);
    }

    // A feed added and one removed move the count; a recovered feed leaves the list.
    await recap.deps.store.feeds.create(newFeed("https://late.example.com/feed.xml", { via: "cli" }, recap.deps.clock()));
    await runCommand({ name: "remove", target: urls[2]! }, slack, recap.deps);
    const failing = (await recap.deps.store.feeds.findByUrl(urls[1]!))!;
    await recap.deps.store.feeds.update(failing, { consecutiveErrors: 0, failingSince: undefined, lastError: undefined });
    const after = await runCommand({ name: "feeds" }, slack, recap.deps);
    expect(after).toMatchObject({ attentionOnly: { followed: 80, complete: true } });
    expect(shown(after)).toEqual([`new ${urls[3]}`, "new https://late.example.com/feed.xml"]);
  });

  it("says when more feeds need a look than one answer lists", async () => {
    const now = recap.deps.clock();
    for (let i = 0; i < 70; i++)
      await recap.deps.store.feeds.create(newFeed(`https://new-${i}.example.com/feed.xml`, { via: "import" }, now));
    await recap.deps.store.feeds.list();
    const feeds = await runCommand({ name: "feeds" }, slack, recap.deps);
    expect(feeds).toMatchObject({ attentionOnly: { followed: 70, complete: false } });
    expect(shown(feeds)).toHaveLength(50);
    const message = renderOutcome(feeds, { shareable: true });
    expect(checkLimits(message)).toEqual([]);
    expect(message.text).toBe("Following 70 feeds: at least 50 need a look (50 new so far).");
  });

  it("lists every feed in Slack too while there are 50 or fewer", async () => {
    await follow(50);
    await recap.deps.store.feeds.list();
    const feeds = await runCommand({ name: "feeds" }, slack, recap.deps);
    expect(feeds).not.toHaveProperty("attentionOnly");
    expect(shown(feeds)).toHaveLength(50);
  });
});
