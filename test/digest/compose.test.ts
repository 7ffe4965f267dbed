import { describe, expect, it } from "vitest";
import { OTHER_TOPIC_ID } from "../../packages/core/src/digest/compose";
import { composeInWindow, SINCE, UNTIL } from "../helpers/digest";
import { DEFAULT_DIGEST_LIMITS, type Digest, type DigestLimits } from "../../packages/core/src/model/digest";
import type { Post } from "../../packages/core/src/model/post";
import type { Taxonomy, Topic } from "../../packages/core/src/model/topic";

const topic = (id: string, label: string): Topic => ({ id, label, description: "", aliases: [], related: [], negative: [] });

/** Taxonomy order: kubernetes, gitops, ebpf. */
const TAXONOMY: Taxonomy = { topics: [topic("kubernetes", "Kubernetes"), topic("gitops", "GitOps"), topic("ebpf", "eBPF")] };

const HOUR = 3_600_000;

/** An instant `hours` before UNTIL. */
const before = (hours: number) => new Date(Date.parse(UNTIL) - hours * HOUR).toISOString();

function post(id: string, overrides: Partial<Post> = {}): Post {
  return {
    id,
    kind: "article",
    url: `https://blog.example.com/${id}`,
    title: `Post ${id}`,
    summary: `About ${id}.`,
    publishedAt: before(3),
    firstSeenAt: before(3),
    topics: ["kubernetes"],
    feeds: ["https://blog.example.com/feed.xml"],
    fresh: true,
    ...overrides,
  };
}

function compose(posts: Post[], options: { topics?: string[]; limits?: Partial<DigestLimits> } = {}): Digest {
  return composeInWindow(posts, {
    taxonomy: TAXONOMY,
    topics: options.topics,
    limits: { ...DEFAULT_DIGEST_LIMITS, perTopic: 50, total: 500, ...options.limits },
  });
}

/** Section id → ids of its posts, in order. */
const layout = (digest: Digest) => Object.fromEntries(digest.sections.map((s) => [s.topicId, s.posts.map((p) => p.id)]));
const ids = (digest: Digest) => digest.sections.flatMap((s) => s.posts.map((p) => p.id));

describe("composeDigest: which posts", () => {
  it("carries the channel, date and window through", () => {
    const digest = compose([post("a")]);
    expect(digest).toMatchObject({ channelId: "C1", date: "2026-11-20", since: SINCE, until: UNTIL, postCount: 1 });
  });

  it("never includes backfill", () => {
    const digest = compose([post("fresh"), post("backfill", { fresh: false })]);
    expect(ids(digest)).toEqual(["fresh"]);
    expect(digest.postCount).toBe(1);
  });

  it("takes posts first seen at or after `since` and before `until`", () => {
    const digest = compose([
      post("at-since", { firstSeenAt: SINCE, publishedAt: SINCE }),
      post("just-before-since", { firstSeenAt: "2026-11-19T08:59:59.999Z", publishedAt: "2026-11-19T08:00:00.000Z" }),
      post("just-before-until", { firstSeenAt: "2026-11-20T08:59:59.999Z" }),
      post("at-until", { firstSeenAt: UNTIL }),
      post("other-offset", { firstSeenAt: "2026-11-20T10:00:00+01:00" }), // = 09:00Z: at until, excluded
      post("unparsable", { firstSeenAt: "yesterday" }),
    ]);
    expect(ids(digest).sort()).toEqual(["at-since", "just-before-until"]);
  });

  it("keys the window on firstSeenAt, not publishedAt", () => {
    const digest = compose([post("old-date-new-post", { publishedAt: "2026-11-18T12:00:00.000Z", firstSeenAt: before(1) })]);
    expect(ids(digest)).toEqual(["old-date-new-post"]);
  });

  it("shows a post once even when the store returns it twice", () => {
    expect(ids(compose([post("a"), post("a")]))).toEqual(["a"]);
  });

  it("does not change its input", () => {
    const posts = [post("b", { topics: ["ebpf", "kubernetes"] }), post("a")];
    const copy = structuredClone(posts);
    compose(posts);
    expect(posts).toEqual(copy);
  });
});

describe("composeDigest: topics", () => {
  it("filters by the subscription's topics", () => {
    const digest = compose(
      [post("k8s", { topics: ["kubernetes"] }), post("flux", { topics: ["gitops"] }), post("untagged", { topics: [] })],
      { topics: ["gitops"] },
    );
    expect(layout(digest)).toEqual({ gitops: ["flux"] });
  });

  it("takes every topic when the subscription has none, untagged posts in Other, last", () => {
    const digest = compose([
      post("untagged", { topics: [] }),
      post("unknown-topic", { topics: ["retired-topic"] }),
      post("flux", { topics: ["gitops"] }),
    ]);
    expect(digest.sections.map((s) => [s.topicId, s.topicLabel])).toEqual([
      ["gitops", "GitOps"],
      [OTHER_TOPIC_ID, "Other"],
    ]);
    expect(layout(digest)[OTHER_TOPIC_ID]?.sort()).toEqual(["unknown-topic", "untagged"]);
  });

  it("orders sections by the taxonomy, whatever the order of posts or subscription topics", () => {
    const posts = [post("e", { topics: ["ebpf"] }), post("g", { topics: ["gitops"] }), post("k", { topics: ["kubernetes"] })];
    expect(compose(posts).sections.map((s) => s.topicId)).toEqual(["kubernetes", "gitops", "ebpf"]);
    expect(compose(posts, { topics: ["ebpf", "kubernetes"] }).sections.map((s) => s.topicId)).toEqual(["kubernetes", "ebpf"]);
  });

  it("puts a post once, in its first matching topic in taxonomy order", () => {
    const multi = post("multi", { topics: ["ebpf", "gitops", "kubernetes"] });
    expect(layout(compose([multi]))).toEqual({ kubernetes: ["multi"] });
    expect(layout(compose([multi], { topics: ["ebpf", "gitops"] }))).toEqual({ gitops: ["multi"] });
    expect(layout(compose([multi], { topics: ["ebpf"] }))).toEqual({ ebpf: ["multi"] });
  });

  it("leaves out topics with no posts, and ignores subscription topics the taxonomy does not know", () => {
    const digest = compose([post("k")], { topics: ["kubernetes", "gone"] });
    expect(digest.sections.map((s) => s.topicId)).toEqual(["kubernetes"]);
  });
});

describe("composeDigest: ranking", () => {
  // score = min(feeds − 1, 4) + match + recency (see compose.ts):
  //   match   = (topic first in post.topics ? 0.5 : 0) + 0.5 / post.topics.length
  //   recency = −(hours from publishedAt to until) / 24, at least −3
  it("ranks a post carried by 3 feeds above a newer one carried by 1", () => {
    const widelyCarried = post("three-feeds", {
      publishedAt: before(20),
      firstSeenAt: before(20),
      feeds: ["https://a.example/feed", "https://b.example/feed", "https://c.example/feed"],
    }); // 2 + 1 − 20/24 ≈ 2.17
    const newer = post("newer", { publishedAt: before(1), firstSeenAt: before(1) }); // 0 + 1 − 1/24 ≈ 0.96
    expect(ids(compose([newer, widelyCarried]))).toEqual(["three-feeds", "newer"]);
  });

  it("counts distinct feeds only", () => {
    const repeated = post("repeated", {
      publishedAt: before(20),
      firstSeenAt: before(20),
      feeds: ["https://a.example/feed", "https://a.example/feed"],
    });
    const newer = post("newer", { publishedAt: before(1), firstSeenAt: before(1) });
    expect(ids(compose([repeated, newer]))).toEqual(["newer", "repeated"]);
  });

  it("ranks newer above older when nothing else differs", () => {
    const digest = compose([
      post("old", { publishedAt: before(10) }),
      post("new", { publishedAt: before(2) }),
      post("mid", { publishedAt: before(5) }),
    ]);
    expect(ids(digest)).toEqual(["new", "mid", "old"]);
  });

  it("ranks a post on its main topic, or on few topics, above one that only touches the topic", () => {
    const digest = compose(
      [
        post("touches", { topics: ["ebpf", "gitops", "kubernetes"] }), // 0 + 0.5/3 ≈ 0.17
        post("second-of-two", { topics: ["ebpf", "kubernetes"] }), // 0 + 0.25
        post("main", { topics: ["kubernetes", "gitops"] }), // 0.5 + 0.25
        post("only", { topics: ["kubernetes"] }), // 0.5 + 0.5
      ],
      { topics: ["kubernetes"] },
    );
    expect(ids(digest)).toEqual(["only", "main", "second-of-two", "touches"]);
  });

  it("breaks ties by publishedAt, newest first, then by id", () => {
    // Published 100 h and 90 h before `until`: both past the 72 h floor of recency, so their scores tie.
    const digest = compose([
      post("c", { publishedAt: before(100), firstSeenAt: before(2) }),
      post("b", { publishedAt: before(90), firstSeenAt: before(2) }),
      post("a", { publishedAt: before(100), firstSeenAt: before(2) }),
    ]);
    expect(ids(digest)).toEqual(["b", "a", "c"]);
  });
});

describe("composeDigest: caps", () => {
  const many = (prefix: string, topicId: string, count: number) =>
    Array.from({ length: count }, (_, i) =>
      post(`${prefix}${i}`, { topics: [topicId], publishedAt: before(i + 1), firstSeenAt: before(i + 1) }),
    );

  it("shows at most perTopic per topic and counts the rest in `more`", () => {
    const digest = compose([...many("k", "kubernetes", 7), ...many("g", "gitops", 2)], { limits: { perTopic: 5 } });
    expect(digest.sections.map((s) => [s.topicId, s.posts.length, s.more])).toEqual([
      ["kubernetes", 5, 2],
      ["gitops", 2, 0],
    ]);
    expect(layout(digest).kubernetes).toEqual(["k0", "k1", "k2", "k3", "k4"]); // the best five
    expect(digest.postCount).toBe(7);
  });

  it("fills topics in order up to the total, cutting the lowest-ranked, and keeps sections left with nothing but `more`", () => {
    const digest = compose([...many("k", "kubernetes", 4), ...many("g", "gitops", 3), ...many("e", "ebpf", 2)], {
      limits: { perTopic: 2, total: 3 },
    });
    expect(digest.sections.map((s) => [s.topicId, s.posts.map((p) => p.id), s.more])).toEqual([
      ["kubernetes", ["k0", "k1"], 2],
      ["gitops", ["g0"], 2],
      ["ebpf", [], 2],
    ]);
    expect(digest.postCount).toBe(3);
  });

  it("applies the default limits (5 per topic, 20 in all)", () => {
    const digest = compose([...many("k", "kubernetes", 12), ...many("g", "gitops", 12), ...many("e", "ebpf", 12)], {
      limits: DEFAULT_DIGEST_LIMITS,
    });
    expect(digest.sections.map((s) => [s.topicId, s.posts.length, s.more])).toEqual([
      ["kubernetes", 5, 7],
      ["gitops", 5, 7],
      ["ebpf", 5, 7],
    ]);
    expect(digest.postCount).toBe(15);
  });

  it("gives an empty digest when nothing is new", () => {
    const digest = compose([post("backfill", { fresh: false })]);
    expect(digest.sections).toEqual([]);
    expect(digest.postCount).toBe(0);
  });
});
