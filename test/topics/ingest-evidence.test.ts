/**
 * Tagging at ingestion uses every signal a feed item carries: publisher categories, the body's
 * lead, and the feed's focus learned from what it published. Real feeds from a loopback server,
 * stored in dynalite, and retag reproducing the same topics from what was stored.
 */
import { describe, expect, it } from "vitest";
import { runCommand } from "@recap/core/commands";
import { addFeed, refreshFeed, type Feed } from "@recap/core/feeds";
import { FOCUS_MIN_POSTS } from "@recap/core/topics";
import { HOUR } from "../helpers/clock";
import { rss, type TestItem } from "../helpers/feed-server";
import { useFreshRecap, type Harness, type TestRecap } from "../helpers/recap";

let harness: Harness;
let recap: TestRecap;
useFreshRecap({ harness: (started) => (harness = started), recap: (fresh) => (recap = fresh), storage: "memory" });

async function follow(path: string, items: TestItem[]): Promise<Feed> {
  harness.feeds.route(path, { body: rss(items) });
  const result = await addFeed(harness.feeds.at(path), { via: "cli" }, recap.deps);
  if (result.status === "failed") throw new Error(result.error);
  return result.feed;
}
const topicsOf = async (url: string) => (await recap.deps.store.posts.seenSince(recap.clock())).find((post) => post.url === url)?.topics;

describe("tagging a feed's items", () => {
  it("reads the publisher's categories", async () => {
    await follow("/tagged.xml", [
      { title: "Notes from our second year", link: "https://a.example.com/1", guid: "1", categories: ["Platform Engineering"] },
      { title: "Notes from our third year", link: "https://a.example.com/2", guid: "2" },
    ]);
    expect(await topicsOf("https://a.example.com/1")).toEqual(["platform-engineering"]);
    expect(await topicsOf("https://a.example.com/2")).toEqual([]);
  });

  it("reads the body's lead, where a passing mention or the lead alone does not tag", async () => {
    const teaser = "Read on for the details.";
    const otel = "We moved every service to OpenTelemetry: traces in Jaeger, metrics in Prometheus, PromQL for the dashboards.";
    await follow("/lead.xml", [
      {
        title: "A quarter of dashboards",
        link: "https://b.example.com/1",
        guid: "1",
        description: teaser,
        content: `<p>${teaser}</p><p>${otel}</p>`,
      },
      {
        title: "Another quarter of dashboards",
        link: "https://b.example.com/2",
        guid: "2",
        description: teaser,
        content: `<p>${teaser}</p><p>New hires paired for a week.</p>`,
      },
      {
        title: "A quarter of onboarding",
        link: "https://b.example.com/3",
        guid: "3",
        description: teaser,
        content: `<p>${teaser}</p><p>${otel}</p>`,
      },
    ]);
    // The title's weak word and the lead's terms together tag; either alone does not.
    expect(await topicsOf("https://b.example.com/1")).toEqual(["observability"]);
    expect(await topicsOf("https://b.example.com/2")).toEqual([]);
    expect(await topicsOf("https://b.example.com/3")).toEqual([]);
    // What the feed said is kept, so a retag reads the same evidence and changes nothing.
    expect(await runCommand({ name: "retag" }, { via: "cli" }, recap.deps)).toMatchObject({ changed: 0, byTopic: [] });
  });

  it("learns what a feed is about, and lets that tip a weak post of it", async () => {
    const history = Array.from({ length: FOCUS_MIN_POSTS }, (_, i) => ({
      title: `Postmortem #${i + 1}: what paged us`,
      link: `https://sre.example.com/${i}`,
      guid: `h${i}`,
    }));
    const feed = await follow("/sre.xml", history);
    expect((await recap.deps.store.feeds.get(feed.id))?.topicTally).toEqual({
      posts: FOCUS_MIN_POSTS,
      topics: { reliability: FOCUS_MIN_POSTS },
    });

    const weak = { title: "Surviving the holiday traffic", description: "What our on call rota learned." };
    recap.clock.advance(HOUR);
    harness.feeds.route("/sre.xml", { body: rss([...history, { ...weak, link: "https://sre.example.com/new", guid: "new" }]) });
    await refreshFeed((await recap.deps.store.feeds.get(feed.id))!, recap.deps);
    expect(await topicsOf("https://sre.example.com/new")).toEqual(["reliability"]);

    // The same post from a feed with no such history stays untagged.
    await follow("/other.xml", [{ ...weak, link: "https://other.example.com/new", guid: "new" }]);
    expect(await topicsOf("https://other.example.com/new")).toEqual([]);
    // Retag applies the same prior: nothing changes.
    expect(await runCommand({ name: "retag" }, { via: "cli" }, recap.deps)).toMatchObject({ changed: 0 });
  });
});
