/**
 * `--json` means stdout is JSON: every command of the terminal, run with --json over a real data
 * directory and loopback feeds, answers exactly one JSON document on stdout — successes, refusals,
 * flag errors and failures alike — while progress, remarks and the messages Slack would get (no
 * bot token here: a follow alert is printed) go to stderr. Nothing else writes to stdout meanwhile.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi, type MockInstance } from "vitest";
import { silentLogger } from "@recap/core/shared";
import { openLocalRecap, runCli } from "@recap/local";
import { rss, startFeedServer, type FeedServer } from "../helpers/feed-server";

let feeds: FeedServer;
let dataDir: string;
let strays: MockInstance[] = [];

beforeAll(async () => {
  feeds = await startFeedServer();
  dataDir = await mkdtemp(join(tmpdir(), "recap-cli-json-"));
  feeds.route("/gitops.xml", {
    body: rss(
      [{ title: "Argo CD at scale", link: "https://gitops.example.com/argo", guid: "g1", pubDate: new Date(Date.now() - 3600_000) }],
      {
        title: "GitOps Weekly",
        link: "https://gitops.example.com/",
      },
    ),
  });
});

afterAll(async () => {
  await feeds.close();
  await rm(dataDir, { recursive: true, force: true });
});

// Whatever bypasses the command's own output (a console line, a stray write) would corrupt stdout.
beforeEach(() => {
  strays = [vi.spyOn(console, "log"), vi.spyOn(console, "info"), vi.spyOn(process.stdout, "write")];
});
afterEach(() => {
  for (const spy of strays) spy.mockRestore();
});

async function recapJson(...argv: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await runCli([...argv, "--json"], { stdout: (text) => void (stdout += text), stderr: (text) => void (stderr += text) }, () =>
    openLocalRecap({ dataDir, log: silentLogger, env: {} }),
  );
  for (const spy of strays) expect(spy, `${argv.join(" ")}: something else wrote to stdout`).not.toHaveBeenCalled();
  let json: unknown;
  expect(() => (json = JSON.parse(stdout)), `${argv.join(" ")}: stdout is not JSON:\n${stdout}`).not.toThrow();
  return { code, json: json as any, stderr };
}

describe("--json", () => {
  it("answers JSON from every command, and keeps remarks and Slack's messages on stderr", async () => {
    const help = await recapJson("help");
    expect(help.code).toBe(0);
    expect(help.json).toEqual(expect.arrayContaining([expect.objectContaining({ usage: expect.stringMatching(/^search /) })]));
    expect(help.json).toEqual(
      expect.arrayContaining([expect.objectContaining({ usage: expect.stringMatching(/^export /), in: ["terminal"] })]),
    );

    expect((await recapJson("add", feeds.at("/gitops.xml"))).json).toMatchObject({ kind: "added", title: "GitOps Weekly" });
    expect((await recapJson("feeds")).json).toEqual([expect.objectContaining({ title: "GitOps Weekly", status: "ok" })]);
    expect((await recapJson("follow", "gitops", "--channel", "C0JSON01")).code).toBe(0);
    expect((await recapJson("following", "--channel", "C0JSON01")).code).toBe(0);
    expect((await recapJson("subscribe", "09:00", "--channel", "C0JSON01")).code).toBe(0);
    expect((await recapJson("subscription", "--channel", "C0JSON01")).code).toBe(0);
    expect((await recapJson("digest", "--channel", "C0JSON01")).code).toBe(0);

    // A new GitOps post: the poll's answer stays JSON while its follow alert is printed (no Slack token).
    feeds.route("/gitops.xml", {
      body: rss(
        [
          { title: "Flux 2.5 brings OCI artifacts to GitOps", link: "https://gitops.example.com/flux", guid: "g2", pubDate: new Date() },
          { title: "Argo CD at scale", link: "https://gitops.example.com/argo", guid: "g1", pubDate: new Date(Date.now() - 3600_000) },
        ],
        { title: "GitOps Weekly", link: "https://gitops.example.com/" },
      ),
    });
    const printed = vi.spyOn(console, "error").mockImplementation(() => {});
    const polled = await recapJson("poll", "--all");
    expect(polled.json).toEqual([expect.objectContaining({ status: "ok", created: 1 })]);
    expect(printed).toHaveBeenCalledWith(expect.stringMatching(/^\[slack → C0JSON01\] .*Flux 2\.5/s));
    printed.mockRestore();

    const posts = await recapJson("posts", "--topic", "gitops");
    const flux = (posts.json.posts as { id: string; title: string }[]).find((post) => post.title.startsWith("Flux 2.5"));
    expect(flux).toBeDefined();
    for (const words of [["gitops"], ["search", "flux"], ["latest"], ["topics"], ["retag"]]) {
      expect((await recapJson(...words)).code, words.join(" ")).toBe(0);
    }
    expect((await recapJson("tag", "Argo CD progressive delivery")).json).toEqual(
      expect.arrayContaining([{ id: "gitops", label: "GitOps" }]),
    );
    expect((await recapJson("tag", "--post", flux!.id, "--explain")).code).toBe(0);
    expect((await recapJson("correct", flux!.id, "also", "ci-cd")).json).toMatchObject({ kind: "corrected" });
    expect((await recapJson("topic", "cues", "ci-cd")).code).toBe(0);

    const exported = await recapJson("export");
    expect(exported.json).toEqual([
      { url: feeds.at("/gitops.xml"), title: "GitOps Weekly", siteUrl: "https://gitops.example.com/", recap: false },
    ]);
    const opml = join(dataDir, "feeds.opml");
    expect((await recapJson("export", "--output", opml)).json).toEqual({ output: opml, feeds: 1 });
    await writeFile(
      opml,
      `<?xml version="1.0"?><opml version="2.0"><body><outline type="rss" xmlUrl="${feeds.at("/other.xml")}"/></body></opml>`,
    );
    expect((await recapJson("import", opml, "--no-poll")).code).toBe(0);

    for (const words of [["unfollow", "gitops"], ["unsubscribe"]]) {
      expect((await recapJson(...words, "--channel", "C0JSON01")).code, words.join(" ")).toBe(0);
    }
    expect((await recapJson("remove", feeds.at("/other.xml"))).code).toBe(0);
    expect((await recapJson("dlq")).json).toEqual([]);
    expect((await recapJson("dlq", "replay")).json).toEqual({ replayed: 0, waiting: 0 });
  });

  it("answers a refusal, a flag error and a failure as JSON too, with a non-zero exit", async () => {
    const badLimit = await recapJson("posts", "--limit", "lots");
    expect(badLimit.code).toBe(1);
    expect(badLimit.json).toEqual({ error: expect.stringMatching(/--limit takes a whole number/) });

    const unknownFlag = await recapJson("posts", "--colour");
    expect(unknownFlag.code).toBe(1);
    expect(unknownFlag.json.error).toMatch(/colour/);

    const unwritable = await recapJson("export", "--output", join(dataDir, "no-such-dir", "feeds.opml"));
    expect(unwritable.code).toBe(1);
    expect(unwritable.json.error).toMatch(/Could not write .*ENOENT/);

    const notFollowed = await recapJson("remove", "https://never-followed.example/feed");
    expect(notFollowed.code).toBe(1);
    expect(notFollowed.json).toBeTypeOf("object");

    // An unexpected failure (here: the data directory cannot be opened) is one line, JSON here.
    let plain = "";
    const broken = await runCli(["feeds"], { stdout: () => {}, stderr: (text) => void (plain += text) }, () =>
      Promise.reject(new Error("EACCES: permission denied, mkdir '/locked/.recap'\n    at mkdirSync (node:fs)")),
    );
    expect(broken).toBe(1);
    expect(plain).toBe("recap feeds: EACCES: permission denied, mkdir '/locked/.recap'\n(RECAP_DEBUG=1 shows where it failed.)\n");

    const mistyped = await recapJson("serch", "argo", "rollouts");
    expect(mistyped.json).toBeTypeOf("object");
  });
});
