/**
 * The recap CLI end to end: real commands over a data directory (dynalite on disk), against feeds
 * served from loopback — both opening the directory itself and borrowing a running server's.
 */
import { execFile, spawnSync } from "node:child_process";
import { mkdtemp, readFile, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLogger } from "@recap/core/shared";
import { advertiseServer, openLocalRecap, runCli, startEventInbox } from "@recap/local";
import { rss, startFeedServer, type FeedServer } from "../helpers/feed-server";
import { startFakeSlack } from "../helpers/slack";

let feeds: FeedServer;
let dataDir: string;

beforeAll(async () => {
  feeds = await startFeedServer();
  dataDir = await mkdtemp(join(tmpdir(), "recap-cli-"));
  const now = Date.now();
  feeds.route("/gitops.xml", {
    body: rss(
      [
        {
          title: "Argo CD at scale",
          link: "https://gitops.example.com/argo",
          guid: "g1",
          pubDate: new Date(now - 3600_000),
          author: "Lin",
        },
        {
          title: "Flux and OCI artifacts",
          link: "https://gitops.example.com/flux?utm_source=x",
          guid: "g2",
          pubDate: new Date(now - 7200_000),
        },
      ],
      { title: "GitOps Weekly" },
    ),
  });
  feeds.route("/wasm.xml", {
    body: rss([{ title: "WASI 0.3 lands", link: "https://wasm.example.com/wasi", guid: "w1" }], { title: "Wasm Radar" }),
  });
  feeds.route("/down.xml", { status: 503, body: "maintenance" });
});

afterAll(async () => {
  await feeds.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function recap(...argv: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await runCli(argv, { stdout: (text) => void (stdout += text), stderr: (text) => void (stderr += text) }, () =>
    openLocalRecap({ dataDir, log: silentLogger, env: {} }),
  );
  return { code, stdout, stderr, json: () => JSON.parse(stdout) };
}

describe("recap CLI", () => {
  it("adds feeds, lists them and their posts, as text and as JSON", async () => {
    const added = await recap("add", feeds.at("/gitops.xml"));
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(/Added GitOps Weekly: 2 posts stored as backfill/);
    expect((await recap("add", feeds.at("/gitops.xml"))).stdout).toMatch(/Already following GitOps Weekly/);
    expect((await recap("add", feeds.at("/wasm.xml"), "--json")).json()).toMatchObject({
      kind: "added",
      title: "Wasm Radar",
      postCount: 1,
    });

    const list = (await recap("feeds", "--json")).json();
    expect(list).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ url: feeds.at("/gitops.xml"), title: "GitOps Weekly", status: "ok", lastError: null, postCount: 2 }),
        expect.objectContaining({ url: feeds.at("/wasm.xml"), title: "Wasm Radar", postCount: 1 }),
      ]),
    );

    const posts = (await recap("posts", "--json", "--limit", "10")).json().posts;
    expect(posts).toHaveLength(3);
    expect(posts[0]).toEqual(
      expect.objectContaining({
        id: expect.any(String),
        url: expect.any(String),
        title: expect.any(String),
        summary: expect.any(String),
        publishedAt: expect.any(String),
        firstSeenAt: expect.any(String),
        topics: expect.any(Array),
        feeds: expect.any(Array),
      }),
    );
    // Every field is present, even when a feed did not give it.
    expect(posts.find((post: { title: string }) => post.title === "Flux and OCI artifacts")).toMatchObject({
      author: null,
      url: "https://gitops.example.com/flux",
      feeds: [feeds.at("/gitops.xml")],
      topics: ["gitops"],
    });

    const gitops = (await recap("posts", "--topic", "GitOps", "--json")).json().posts;
    expect(gitops.map((post: { title: string }) => post.title)).toEqual(["Argo CD at scale", "Flux and OCI artifacts"]);
    const text = await recap("posts", "--topic", "webassembly");
    expect(text.stdout).toContain("WASI 0.3 lands");
    expect((await recap("posts", "--since", "2999-01-01", "--json")).json()).toEqual({ page: 1, hasMore: false, posts: [] });
  });

  it("shows a recap's talks with their event and session code, and its linked write-ups as articles", async () => {
    const yt = (id: string) => `https://www.youtube.com/watch?v=${id}`;
    const content = [
      "<p>My week in Las Vegas.</p>",
      "<p><strong>From the serverless track:</strong></p>",
      "<ol>",
      `<li><strong>Serverless best practices (SVS401)</strong><br>Lambda tips.<ul><li><a href="${yt("cli0001")}">Video</a></li></ul></li>`,
      `<li><strong>Event-driven architectures (API302)</strong><br>EventBridge patterns.<ul><li><a href="${yt("cli0002")}">Video</a></li></ul></li>`,
      `<li><strong>Durable functions in practice (SVS330)</strong><br>Step by step.<ul><li><a href="${yt("cli0003")}">Video</a></li></ul></li>`,
      "</ol>",
      "<h2>What others wrote</h2>",
      `<ul><li><a href="https://acme.example/blog/reinvent">re:Invent from the booth | The Acme Engineering Blog</a></li></ul>`,
    ].join("\n");
    feeds.route("/reinvent.xml", {
      body: rss([{ title: "re:Invent recap: the sessions to watch", link: "https://notes.example.com/reinvent", guid: "r1", content }], {
        title: "Cloud Notes",
      }),
    });
    expect((await recap("add", feeds.at("/reinvent.xml"), "recap")).code).toBe(0);
    const posts = (await recap("posts", "--json", "--limit", "50")).json().posts as {
      kind: string;
      title: string;
      sessionCode?: string;
      listedIn?: { title: string; section?: string };
    }[];
    const listed = posts.filter((post) => post.listedIn?.title === "re:Invent recap: the sessions to watch");
    expect(listed.map(({ kind, title, sessionCode, listedIn }) => ({ kind, title, sessionCode, section: listedIn?.section }))).toEqual(
      expect.arrayContaining([
        { kind: "talk", title: "Serverless best practices", sessionCode: "SVS401", section: "serverless track" },
        { kind: "talk", title: "Event-driven architectures", sessionCode: "API302", section: "serverless track" },
        { kind: "talk", title: "Durable functions in practice", sessionCode: "SVS330", section: "serverless track" },
        { kind: "article", title: "re:Invent from the booth", sessionCode: undefined, section: "What others wrote" },
      ]),
    );
    expect(listed).toHaveLength(4);
    expect((await recap("posts", "--limit", "50")).stdout).toContain("[talk SVS401] Serverless best practices");
  });

  it("reindex makes each feed's kept item count exact again, once, with progress on stderr and JSON on stdout", async () => {
    const listed = (await recap("feeds", "--json")).json() as { id: string; url: string; postCount: number }[];
    const gitops = listed.find((feed) => feed.url.endsWith("/gitops.xml"));
    expect(gitops?.postCount).toBe(2);
    // As a poll that died between remembering its items and recording its success leaves it.
    const direct = await openLocalRecap({ dataDir, log: silentLogger, env: {} });
    await direct.deps.store.feeds.setItemCount(gitops!.id, 1);
    await direct.close();
    expect(
      ((await recap("feeds", "--json")).json() as { id: string; postCount: number }[]).find((f) => f.id === gitops!.id)?.postCount,
    ).toBe(1);

    const first = await recap("reindex", "--json");
    expect(first.code).toBe(0);
    const posts = ((await recap("posts", "--limit", "50", "--json")).json().posts as unknown[]).length;
    expect(first.json()).toEqual({ feeds: { total: listed.length, corrected: 1 }, posts: { total: posts, corrected: 0 } });
    expect(first.stderr).toContain(`${feeds.at("/gitops.xml")}: 2 items (was 1)`);
    expect(
      ((await recap("feeds", "--json")).json() as { id: string; postCount: number }[]).find((f) => f.id === gitops!.id)?.postCount,
    ).toBe(2);
    expect((await recap("reindex", "--json")).json()).toEqual({
      feeds: { total: listed.length, corrected: 0 },
      posts: { total: posts, corrected: 0 },
    });
    expect((await recap("reindex")).stdout).toBe(`Recounted ${listed.length} feeds: 0 corrected. Reindexed ${posts} posts: 0 corrected.\n`);
  });

  it("lists one feed's posts, by its URL or id", async () => {
    const byUrl = (await recap("posts", "--feed", feeds.at("/wasm.xml"), "--json")).json().posts as { title: string; id: string }[];
    expect(byUrl.map((post) => post.title)).toEqual(["WASI 0.3 lands"]);
    const wasm = ((await recap("feeds", "--json")).json() as { id: string; url: string }[]).find(
      (feed) => feed.url === feeds.at("/wasm.xml"),
    )!;
    expect((await recap("posts", "--feed", wasm.id, "--json")).json().posts).toEqual(byUrl);
    const gitops = (await recap("posts", "--feed", feeds.at("/gitops.xml"), "--limit", "1", "--json")).json().posts as { title: string }[];
    expect(gitops.map((post) => post.title)).toEqual(["Argo CD at scale"]);
    const unknown = await recap("posts", "--feed", "https://nowhere.example/feed");
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/No followed feed matches/);
  });

  it("corrects a post's topics with flags, shows the cue it learned, and explains a stored post", async () => {
    const posts = (await recap("posts", "--topic", "gitops", "--json")).json().posts as { id: string; title: string }[];
    const flux = posts.find((post) => post.title === "Flux and OCI artifacts")!;
    expect((await recap("gitops")).stdout).toContain(`id: ${flux.id}`);

    const corrected = await recap("correct", flux.id, "--also", "ci-cd");
    expect(corrected.code).toBe(0);
    expect(corrected.stdout).toMatch(
      /^"Flux and OCI artifacts" is now also tagged ci-cd\. Its topics: gitops, ci-cd\. Learned: "artifacts" hints at ci-cd/,
    );
    expect((await recap("correct", flux.id, "--also", "ci-cd", "--json")).json()).toMatchObject({ kind: "corrected", already: true });
    expect((await recap("topic", "cues", "ci-cd")).stdout).toMatch(/^[0-9a-f]{8} {2}hints at it {5}"artifacts" {2}\(from post /);
    expect((await recap("tag", "--post", flux.id, "--explain")).stdout).toMatch(/^gitops {2}\(GitOps\)/);
    expect((await recap("correct", flux.id, "--undo", "ci-cd", "--json")).json()).toMatchObject({ topics: [{ id: "gitops" }] });
    const wrong = await recap("correct", flux.id, "--maybe", "ci-cd");
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/correct needs a post id, then `not`, `also` or `undo`/);
    expect((await recap("tag", "--post", "nope")).stderr).toMatch(/No stored post nope/);
  });

  it("explains bad input instead of failing obscurely", async () => {
    const unknownTopic = await recap("posts", "--topic", "obervability");
    expect(unknownTopic.code).toBe(1);
    expect(unknownTopic.stderr).toMatch(/Did you mean: observability/);
    expect((await recap("posts", "--limit", "lots")).stderr).toMatch(/--limit takes a whole number/);
    expect((await recap("posts", "--since", "yesterday-ish")).stderr).toMatch(/--since takes a date/);
    expect((await recap("add")).stderr).toMatch(/add needs the address of a feed/);
    const unreachable = await recap("add", feeds.at("/down.xml"));
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toMatch(/Could not add .*HTTP 503/);
    const unknown = await recap("frobnicate");
    expect(unknown.code).toBe(1);
    // A bare word is a topic, as in Slack.
    expect(unknown.stderr).toMatch(/Unknown topic "frobnicate"/);
    expect((await recap("search")).stderr).toMatch(/search needs at least one word[\s\S]*Recap commands/);
    expect((await recap("remove", "no-such-feed")).stderr).toMatch(/No followed feed matches/);
    expect((await recap("help")).stdout).toMatch(/import <file.opml>/);
  });

  it("answers a reference no feed could have (2,048 characters) as not found, in one short line", async () => {
    const long = "a".repeat(2048);
    const polled = await recap("poll", "--feed", long);
    expect(polled.code).toBe(1);
    expect(polled.stderr).toMatch(/^No followed feed matches "a+…"\. See: recap feeds\n$/);
    expect(polled.stderr.length).toBeLessThan(200);
  });

  it("shows a failing feed's failures so far and when it is retried", async () => {
    feeds.route("/flaky.xml", {
      body: rss([{ title: "Steady at first", link: "https://flaky.example.com/1", guid: "f1" }], { title: "Flaky" }),
    });
    expect((await recap("add", feeds.at("/flaky.xml"))).stdout).toMatch(/Added Flaky: 1 post stored as backfill/);
    feeds.route("/flaky.xml", { status: 503, body: "maintenance" });
    const polled = await recap("poll", "--feed", feeds.at("/flaky.xml"));
    expect(polled.stderr.split("\n").filter((line) => line.includes("flaky.xml") && /503/.test(line))).toHaveLength(1);
    const flaky = ((await recap("feeds", "--json")).json() as { url: string }[]).find((feed) => feed.url === feeds.at("/flaky.xml"));
    expect(flaky).toMatchObject({
      status: "failing",
      failures: 1,
      nextPollAt: expect.stringMatching(/^\d{4}-/),
      failingSince: expect.any(String),
    });
    expect((await recap("feeds")).stdout).toMatch(/failing since \S+ \(1 failure\) {2}retry: \S+ {2}error: HTTP 503/);
    expect((await recap("remove", feeds.at("/flaky.xml"))).code).toBe(0);
  });

  it("speaks the same command language as Slack", async () => {
    const topic = await recap("gitops");
    expect(topic.code).toBe(0);
    expect(topic.stdout).toMatch(/GitOps[\s\S]*Argo CD at scale[\s\S]*Flux and OCI artifacts/);
    expect((await recap("topic", "k8s", "--json")).json()).toEqual({ page: 1, hasMore: false, posts: [] });
    expect((await recap("search", "OCI", "flux", "--json")).json().posts.map((post: { title: string }) => post.title)).toEqual([
      "Flux and OCI artifacts",
    ]);
    expect((await recap("search", "argo flux")).stdout).toMatch(/No post/);
    const topics = (await recap("topics", "--json")).json() as { id: string; count: number }[];
    expect(topics.find((entry) => entry.id === "gitops")?.count).toBe(2);
    // Backfill is not news: nothing arrived "since yesterday".
    expect((await recap("latest")).stdout).toMatch(/Nothing new since yesterday/);
    expect((await recap("help")).stdout).toMatch(/search <words>[\s\S]*poll/);
  });

  it("tags any text with the ingestion matcher", async () => {
    // Topics in taxonomy order, each with its label.
    expect((await recap("tag", "Argo CD and a Backstage developer portal for K8s teams", "--json")).json()).toEqual([
      { id: "gitops", label: "GitOps" },
      { id: "developer-portals", label: expect.stringMatching(/portal/i) },
    ]);
    // Context beyond the title: categories, the body's lead, a talk's event and organizations.
    expect((await recap("tag", "Notes from the week", "--category", "Platform Engineering", "--json")).json()).toEqual([
      { id: "platform-engineering", label: expect.stringMatching(/platform engineering/i) },
    ]);
    expect((await recap("tag", "What we got wrong", "--event", "ArgoCon", "--org", "Intuit", "--json")).json()).toEqual([
      { id: "gitops", label: "GitOps" },
    ]);
    // --explain shows each topic's evidence and score; with --json as data.
    const explained = await recap("tag", "Serving LLMs on Kubernetes", "--explain");
    expect(explained.stdout).toMatch(/^ai-ml {2}\(AI & ML\) {2}3 points, tagged\n {4}\+3 {2}title: "LLMs" \(strong\)$/m);
    expect(explained.stdout).toMatch(
      /^kubernetes {2}\(Kubernetes\) {2}1\.5 points, not tagged\n {4}\+1\.5 {2}title: "Kubernetes" \(weak\)$/m,
    );
    expect((await recap("tag", "Serving LLMs on Kubernetes", "--explain", "--json")).json()).toEqual([
      {
        id: "ai-ml",
        label: "AI & ML",
        score: 3,
        tagged: true,
        evidence: [{ source: "title", strength: "strong", text: "LLMs", points: 3 }],
      },
      {
        id: "kubernetes",
        label: "Kubernetes",
        score: 1.5,
        tagged: false,
        evidence: [{ source: "title", strength: "weak", text: "Kubernetes", points: 1.5 }],
      },
    ]);
    expect((await recap("tag", "Spin up a cluster in five minutes")).stdout).not.toMatch(/webassembly/);
    expect((await recap("tag")).stderr).toMatch(/Usage: recap tag/);
  });

  it("adds a team topic and an alias that tagging uses at once, and re-tags stored posts", async () => {
    expect((await recap("topic", "add", "oci-artifacts", "OCI artifacts", "--json")).json()).toEqual({
      kind: "topic-added",
      id: "oci-artifacts",
      label: "OCI artifacts",
      aliases: [],
    });
    expect((await recap("topic", "alias", "oci-artifacts", "OCI images")).stdout).toMatch(/"OCI images" now also means OCI artifacts/);
    expect((await recap("tag", "Shipping OCI images with Flux", "--json")).json()).toContainEqual({
      id: "oci-artifacts",
      label: "OCI artifacts",
    });
    const retagged = await recap("retag", "--since", "2020-01-01");
    expect(retagged.code).toBe(0);
    expect(retagged.stdout).toMatch(/^Re-tagged \d+ stored posts first seen since 2020-01-01: \d+ changed topics( \([^)]*\))?\.\n$/);
    const refused = await recap("topic", "add", "latest", "Latest");
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/command word/);
  });

  it("manages a channel's digest and previews it", async () => {
    expect((await recap("subscribe", "9am", "UTC", "gitops")).stderr).toMatch(/--channel/);
    const subscribed = await recap("subscribe", "9am", "UTC", "gitops", "--channel", "C0CLI", "--json");
    expect(subscribed.json()).toMatchObject({ kind: "subscribed", subscription: { channelId: "C0CLI", time: "09:00", timeZone: "UTC" } });
    expect((await recap("subscription", "--channel", "C0CLI")).stdout).toMatch(/09:00 UTC, daily, topics: gitops/);
    // Everything stored so far is backfill: a digest now would be empty.
    expect((await recap("digest", "--channel", "C0CLI")).stdout).toMatch(/Nothing new/);
    expect((await recap("digest", "--channel", "C0CLI", "--json")).json()).toMatchObject({ postCount: 0 });
    expect((await recap("unsubscribe", "--channel", "C0CLI")).stdout).toMatch(/no longer gets/);
  });

  it("polls, removes and resumes feeds by id or URL", async () => {
    const polled = await recap("poll", "--all", "--json");
    expect(polled.json()).toEqual(expect.arrayContaining([expect.objectContaining({ status: "ok", url: feeds.at("/gitops.xml") })]));
    expect(polled.stderr).toMatch(/\[1\/\d\]/);

    const [wasm] = (await recap("feeds", "--json")).json().filter((feed: { title: string }) => feed.title === "Wasm Radar");
    expect((await recap("poll", "--feed", wasm.id, "--json")).json()).toEqual([expect.objectContaining({ feedId: wasm.id, status: "ok" })]);
    expect((await recap("resume", wasm.id)).stdout).toMatch(/Resumed Wasm Radar/);
    expect((await recap("remove", feeds.at("/wasm.xml"))).stdout).toMatch(/No longer following Wasm Radar/);
    expect((await recap("feeds", "--json")).json().map((feed: { id: string }) => feed.id)).not.toContain(wasm.id);
    // Its posts stay searchable.
    expect((await recap("posts", "--topic", "wasm", "--json")).json().posts).toHaveLength(1);
  });

  it("imports OPML (polling the new feeds with progress) and exports it back", async () => {
    const opml = join(dataDir, "feeds.opml");
    await writeFile(
      opml,
      `<?xml version="1.0"?><opml version="2.0"><head><title>Mine</title></head><body>
        <outline text="Blogs"><outline text="Wasm Radar" type="rss" xmlUrl="${feeds.at("/wasm.xml")}"/>
        <outline text="GitOps" type="rss" xmlUrl="${feeds.at("/gitops.xml")}"/></outline></body></opml>`,
    );
    const imported = await recap("import", opml, "--json");
    expect(imported.code).toBe(0);
    expect(imported.json()).toMatchObject({ added: [feeds.at("/wasm.xml")], existing: 1, invalid: [] });
    expect(imported.stderr).toMatch(/\[1\/1\] .*wasm\.xml/);

    const exported = await recap("export");
    expect(exported.stdout).toContain(`xmlUrl="${feeds.at("/wasm.xml")}"`);
    expect(exported.stdout).toContain(`xmlUrl="${feeds.at("/gitops.xml")}"`);
    const file = join(dataDir, "out.opml");
    await recap("export", "--output", file);
    expect(await readFile(file, "utf8")).toBe(exported.stdout);
    expect((await recap("import", join(dataDir, "missing.opml"))).stderr).toMatch(/Could not read/);

    // Entries that are not feed addresses are named, so they can be fixed in the file.
    await writeFile(
      opml,
      `<opml version="2.0"><body><outline type="rss" xmlUrl="javascript:alert(1)"/><outline type="rss" xmlUrl="feeds dot example"/>
        <outline type="rss" xmlUrl="${feeds.at("/gitops.xml")}"/></body></opml>`,
    );
    const invalid = await recap("import", opml, "--no-poll");
    expect(invalid.code).toBe(0);
    expect(invalid.stderr).toBe(
      'Imported 0 new feeds; 1 already followed; 2 invalid.\n  not a feed address: "javascript:alert(1)"\n  not a feed address: "feeds dot example"\n',
    );
  });

  it("keeps data across restarts and borrows a running server's database", async () => {
    const server = await openLocalRecap({ dataDir, log: silentLogger, env: {} });
    const withdraw = advertiseServer(dataDir, server.endpoint);
    try {
      const borrowed = await openLocalRecap({ dataDir, log: silentLogger, env: {} });
      expect(borrowed.ownsDatabase).toBe(false);
      expect(borrowed.endpoint).toBe(server.endpoint);
      await borrowed.close();
      expect((await recap("feeds", "--json")).json().length).toBeGreaterThanOrEqual(2);
    } finally {
      withdraw();
      await server.close();
    }
  });

  it("hands the events a CLI raises to the running server, whose Slack posts the follow alert; a forged or malformed hand-over is refused", async () => {
    // The server has Slack (a loopback stand-in); the terminal has no token at all.
    const slack = await startFakeSlack();
    const server = await openLocalRecap({
      dataDir,
      log: silentLogger,
      env: { SLACK_BOT_TOKEN: "xoxb-test", RECAP_SLACK_API_URL: slack.apiUrl, RECAP_SLACK_TEAM_IDS: "T0001" },
    });
    const inbox = await startEventInbox(server.bus, silentLogger);
    const withdraw = advertiseServer(dataDir, server.endpoint, inbox);
    const alerted = () =>
      slack.calls
        .filter((call) => call.method === "chat.postMessage" && call.body.channel === "CALERTS")
        .map((call) => String(call.body.text));
    try {
      expect((await recap("follow", "gitops", "--channel", "CALERTS")).code).toBe(0);
      const now = Date.now();
      feeds.route("/gitops.xml", {
        body: rss(
          [
            { title: "Kargo promotes between GitOps stages", link: "https://gitops.example.com/kargo", guid: "g3", pubDate: new Date(now) },
            { title: "Argo CD at scale", link: "https://gitops.example.com/argo", guid: "g1", pubDate: new Date(now - 3600_000) },
            {
              title: "Flux and OCI artifacts",
              link: "https://gitops.example.com/flux?utm_source=x",
              guid: "g2",
              pubDate: new Date(now - 7200_000),
            },
          ],
          { title: "GitOps Weekly" },
        ),
      });
      const borrowed = await openLocalRecap({ dataDir, log: silentLogger, env: {} });
      expect(borrowed.handsEventsTo).toBe(inbox.url);
      await borrowed.close();

      const polled = await recap("poll", "--feed", feeds.at("/gitops.xml"), "--json");
      expect(polled.json()).toEqual([expect.objectContaining({ status: "ok", created: 1, announced: 1 })]);
      await server.bus.idle();
      expect(alerted()).toEqual([expect.stringContaining("Kargo promotes between GitOps stages")]);

      const event = { detailType: "feeds.poll.requested", detail: { feedIds: ["f1"] } };
      const send = (authorization: string, body: unknown) =>
        fetch(inbox.url, { method: "POST", headers: { authorization, "content-type": "application/json" }, body: JSON.stringify(body) });
      expect((await send("Bearer not-the-token", { events: [event] })).status).toBe(401);
      expect((await send(`Bearer ${inbox.token}`, { events: [{ detailType: "post.ingested", detail: { title: 3 } }] })).status).toBe(400);
      expect((await send(`Bearer ${inbox.token}`, { events: [{ detailType: "made.up", detail: {} }] })).status).toBe(400);
      expect(await (await send(`Bearer ${inbox.token}`, { events: [event] })).json()).toEqual({ failed: [] });

      // The server's inbox gone: the CLI's event is not lost, it waits for the next poll.
      await inbox.close();
      feeds.route("/gitops.xml", {
        body: rss(
          [
            {
              title: "Sveltos manages add-ons across clusters",
              link: "https://gitops.example.com/sveltos",
              guid: "g4",
              pubDate: new Date(),
            },
          ],
          {
            title: "GitOps Weekly",
          },
        ),
      });
      expect((await recap("poll", "--feed", feeds.at("/gitops.xml"), "--json")).json()).toEqual([
        expect.objectContaining({ created: 1, announced: 0 }),
      ]);
      const reopened = await startEventInbox(server.bus, silentLogger);
      advertiseServer(dataDir, server.endpoint, reopened);
      try {
        expect((await recap("poll", "--feed", feeds.at("/gitops.xml"), "--json")).json()).toEqual([
          expect.objectContaining({ announced: 1 }),
        ]);
        await server.bus.idle();
        expect(alerted()).toEqual([expect.stringContaining("Kargo"), expect.stringContaining("Sveltos manages add-ons across clusters")]);
      } finally {
        await reopened.close();
      }
    } finally {
      withdraw();
      await inbox.close().catch(() => {});
      await server.close();
      await slack.close();
    }
  });

  it("shows one command's usage on --help, -h and help <command>; says what is wrong with an option, in its own words; and suggests commands for a mistyped one", async () => {
    for (const argv of [
      ["posts", "--help"],
      ["posts", "-h"],
      ["help", "posts"],
    ]) {
      const shown = await recap(...argv);
      expect(shown.code, argv.join(" ")).toBe(0);
      expect(shown.stdout).toMatch(/^Usage: recap posts \[--topic <topic>\].*\n {2}\S/);
    }
    expect((await recap("search", "--help")).stdout).toMatch(/^Usage: recap search <words>\n/);
    expect((await recap("help", "export", "--json")).json()).toMatchObject({ usage: expect.stringMatching(/^export /) });

    const unknownOption = await recap("posts", "--colour", "red");
    expect(unknownOption.code).toBe(1);
    expect(unknownOption.stderr).toMatch(/^recap posts has no option --colour\.\nUsage: recap posts /);
    expect(unknownOption.stderr).not.toMatch(/positional|parseArgs|ERR_/);
    expect((await recap("export", "--output")).stderr).toMatch(/^--output needs a value here \(recap export\)\./);

    for (const [typed, meant] of [
      ["serch", "search"],
      ["feed", "feeds"],
      ["improt", "import"],
    ] as const) {
      const mistyped = await recap(typed, "argo");
      expect(mistyped.code, typed).toBe(1);
      expect(mistyped.stderr).toContain(`Did you mean \`recap ${meant}\``);
      expect(mistyped.stderr).toContain("`recap help` lists every command");
    }
    expect((await recap("help", "nonsense")).stderr).toMatch(/No command "nonsense"\. `recap help` lists every command\./);
    // A real topic is still a topic.
    expect((await recap("gitops")).code).toBe(0);
  });

  it("pages posts, topics and search, saying in --json whether another page follows", async () => {
    const now = Date.now();
    const items = Array.from({ length: 12 }, (_, i) => ({
      title: `Prometheus recording rules, part ${i + 1}`,
      link: `https://metrics.example.com/rules-${i + 1}`,
      guid: `m${i + 1}`,
      pubDate: new Date(now - (i + 1) * 60_000),
    }));
    feeds.route("/metrics.xml", { body: rss(items, { title: "Metrics Notes" }) });
    expect((await recap("add", feeds.at("/metrics.xml"))).code).toBe(0);
    const part = (page: { posts: { title: string }[] }) => page.posts.map((post) => Number(/part (\d+)/.exec(post.title)?.[1]));

    const first = (await recap("posts", "--feed", feeds.at("/metrics.xml"), "--limit", "5", "--json")).json();
    expect(first).toMatchObject({ page: 1, hasMore: true });
    expect(part(first)).toEqual([1, 2, 3, 4, 5]);
    const last = (await recap("posts", "--feed", feeds.at("/metrics.xml"), "--limit", "5", "--page", "3", "--json")).json();
    expect(last).toMatchObject({ page: 3, hasMore: false });
    expect(part(last)).toEqual([11, 12]);
    const text = await recap("posts", "--feed", feeds.at("/metrics.xml"), "--limit", "5", "--page", "2");
    expect(text.stdout).toMatch(
      /^\S+ {2}Prometheus recording rules, part 6\n[\s\S]*part 10\n[\s\S]*\nMore: recap posts --feed \S+metrics\.xml --limit 5 --page 3\n$/,
    );
    expect((await recap("posts", "--feed", feeds.at("/metrics.xml"), "--page", "9")).stdout).toMatch(/^No more posts: page 9/);

    const search = (await recap("search", "prometheus", "--json")).json();
    expect(search).toMatchObject({ page: 1, hasMore: true });
    expect(search.posts).toHaveLength(10);
    // `--page <n>` and the shared grammar's `page <n>` are the same page.
    const flagged = (await recap("search", "prometheus", "--page", "2", "--json")).json();
    expect(flagged).toMatchObject({ page: 2, hasMore: false });
    expect(part(flagged)).toEqual([11, 12]);
    expect((await recap("search", "prometheus", "page", "2", "--json")).json()).toEqual(flagged);
    expect((await recap("observability", "--page", "2", "--json")).json()).toMatchObject({ page: 2, hasMore: false });

    expect((await recap("posts", "--page", "0")).stderr).toMatch(/^--page takes a whole number from 1 to 1000/);
    const bare = await recap("observability", "--page");
    expect(bare.code).toBe(1);
    expect(bare.stderr).toMatch(/^--page takes a whole number/);
    expect((await recap("search", "prometheus", "--page", "x", "--json")).json()).toEqual({
      error: expect.stringMatching(/^--page takes a whole number/),
    });
    const misplaced = await recap("follow", "observability", "--page", "2", "--channel", "C0PAGE001");
    expect(misplaced.code).toBe(1);
    expect(misplaced.stderr).toMatch(/--page goes with a topic, search or latest/);
  });

  it("runs as the recap command", async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ["packages/local/bin/recap.js", "feeds", "--json"], {
      env: { ...process.env, RECAP_DATA_DIR: dataDir },
    });
    expect(JSON.parse(stdout).map((feed: { title: string }) => feed.title)).toContain("GitOps Weekly");
  });
});

describe("recap dlq", () => {
  it("keeps a follow alert Slack refused three times as a dead letter, lists it, and replays it once Slack is back", async () => {
    const slack = await startFakeSlack();
    const dir = await mkdtemp(join(tmpdir(), "recap-dlq-"));
    const env = { SLACK_BOT_TOKEN: "xoxb-test", RECAP_SLACK_API_URL: slack.apiUrl, RECAP_SLACK_TEAM_IDS: "T0001" };
    const runWith = async (environment: Record<string, string>, ...argv: string[]) => {
      let stdout = "";
      let stderr = "";
      const code = await runCli(argv, { stdout: (text) => void (stdout += text), stderr: (text) => void (stderr += text) }, () =>
        openLocalRecap({ dataDir: dir, log: silentLogger, env: environment }),
      );
      return { code, stdout, stderr, json: () => JSON.parse(stdout) };
    };
    const run = (...argv: string[]) => runWith(env, ...argv);
    const alerts = () => slack.calls.filter((call) => call.method === "chat.postMessage" && call.body.channel === "CDLQ");
    try {
      feeds.route("/dlq.xml", { body: rss([{ title: "Old news", link: "https://dlq.example.com/old", guid: "o" }], { title: "DLQ" }) });
      expect((await run("add", feeds.at("/dlq.xml"))).code).toBe(0);
      expect((await run("follow", "gitops", "--channel", "CDLQ")).code).toBe(0);
      expect(await run("dlq")).toMatchObject({ code: 0, stdout: "No dead letters: every event was handled.\n" });

      const fresh = {
        title: "Argo CD 3.0 ships GitOps promotions",
        link: "https://dlq.example.com/argo3",
        guid: "a3",
        pubDate: new Date(),
      };
      feeds.route("/dlq.xml", {
        body: rss([fresh, { title: "Old news", link: "https://dlq.example.com/old", guid: "o" }], { title: "DLQ" }),
      });
      slack.failNext("chat.postMessage", "invalid_auth", 3); // every attempt of the one delivery
      expect((await run("poll", "--all")).code).toBe(0);
      expect(alerts()).toHaveLength(3);

      const listed = await run("dlq", "--json");
      expect(listed.json()).toEqual([
        expect.objectContaining({
          detailType: "post.ingested",
          subscriber: "followAlerts",
          attempts: 3,
          error: expect.stringMatching(/invalid_auth/),
        }),
      ]);
      expect((await run("dlq")).stdout).toMatch(/post\.ingested → followAlerts: .*invalid_auth[\s\S]*1 event waiting/);

      // A terminal with no Slack and no server running would only print the alert: it refuses, and keeps it.
      const unconnected = await runWith({}, "dlq", "replay");
      expect(unconnected).toMatchObject({ code: 1, stderr: expect.stringMatching(/Nothing reaches Slack from this terminal/) });
      expect((await run("dlq", "--json")).json()).toHaveLength(1);

      // A replay that died after setting the letters aside (its process is gone) lost nothing.
      const dead = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]).stdout.toString();
      await rename(join(dir, "dead-letters.jsonl"), join(dir, `dead-letters.jsonl.${dead}.replaying`));
      expect((await run("dlq", "--json")).json()).toHaveLength(1);

      // Slack is back: the replay posts the alert once, and nothing waits any more.
      expect((await run("dlq", "replay", "--json")).json()).toEqual({ replayed: 1, waiting: 0 });
      expect(alerts()).toHaveLength(4);
      expect(String(alerts().at(-1)?.body.text)).toMatch(/Argo CD 3\.0 ships GitOps promotions/);
      expect((await run("dlq", "--json")).json()).toEqual([]);
      expect((await run("dlq", "replay", "--json")).json()).toEqual({ replayed: 0, waiting: 0 });
      expect(alerts()).toHaveLength(4);
      expect(await run("dlq", "resend")).toMatchObject({ code: 1, stderr: expect.stringMatching(/not an action/) });
    } finally {
      await slack.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
