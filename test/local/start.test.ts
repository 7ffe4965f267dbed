/**
 * `npm start` as a person runs it: a process that keeps its database in a data directory,
 * lets `recap` commands borrow it while it runs, and stops cleanly on SIGTERM.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { silentLogger } from "@recap/core/shared";
import { openLocalRecap, runCli } from "@recap/local";
import { rss, startFeedServer } from "../helpers/feed-server";
import { SIGNING_SECRET as SLACK_SIGNING_SECRET, slackHeaders, slashCommand, startFakeSlack } from "../helpers/slack";

let child: ChildProcess | undefined;
afterAll(() => {
  child?.kill("SIGKILL");
});

/** `npm start` from its sources, no default feeds, any free port, with the test's settings. */
function startFromSources(env: Record<string, string>): ChildProcess {
  child = spawn(process.execPath, ["--import", "tsx", "packages/local/src/start.ts"], {
    env: { ...process.env, RECAP_SEED_DEFAULT_FEEDS: "false", PORT: "0", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  return child;
}

/** Slack over HTTP for workspace T0001 (else the workspace is learnt from auth.test, which would leave this machine). */
const SLACK_OVER_HTTP = { SLACK_SIGNING_SECRET, SLACK_BOT_TOKEN: "xoxb-test", RECAP_SLACK_TEAM_IDS: "T0001" };

function waitForOutput(process: ChildProcess, pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = "";
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (pattern.test(output)) resolve(output);
    };
    process.stdout?.on("data", onData);
    process.stderr?.on("data", onData);
    process.on("exit", (code) => reject(new Error(`exited with ${code} before printing ${pattern}:\n${output}`)));
  });
}

describe("npm start", () => {
  it("runs Recap with a persistent database the CLI can use while it runs", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "recap-start-"));
    const feeds = await startFeedServer();
    feeds.route("/feed.xml", {
      body: rss([{ title: "Hello from loopback", link: "https://blog.example.com/hello", guid: "h" }], { title: "Loopback Blog" }),
    });
    try {
      const server = startFromSources({ RECAP_DATA_DIR: dataDir });
      const banner = await waitForOutput(server, /Press Ctrl\+C to stop/);
      expect(banner).toContain(`data in ${dataDir}`);
      expect(existsSync(join(dataDir, "server.json"))).toBe(true);
      // The same HTTP surface as the Function URL; Slack answers 503 until it is configured.
      const base = /HTTP endpoints \(same as on Lambda\): (http:\/\/127\.0\.0\.1:\d+)\/health/.exec(banner)?.[1];
      expect(base).toBeDefined();
      expect(await (await fetch(`${base}/health`)).json()).toEqual({ ok: true, slack: "not configured" });
      expect((await fetch(`${base}/slack/events`, { method: "POST", body: "x" })).status).toBe(503);

      let stdout = "";
      const io = { stdout: (text: string) => void (stdout += text), stderr: () => {} };
      const open = () => openLocalRecap({ dataDir, log: silentLogger, env: {} });
      expect(await runCli(["add", feeds.at("/feed.xml")], io, open)).toBe(0);
      expect(stdout).toMatch(/Added Loopback Blog/);
      stdout = "";
      await runCli(["posts", "--json"], io, open);
      expect(JSON.parse(stdout).posts.map((post: { title: string }) => post.title)).toEqual(["Hello from loopback"]);

      const exited = new Promise<number | null>((resolve) => server.on("exit", resolve));
      server.kill("SIGTERM");
      expect(await exited).toBe(0);
      expect(existsSync(join(dataDir, "server.json"))).toBe(false);

      // The data outlives the server.
      stdout = "";
      await runCli(["feeds", "--json"], io, open);
      expect(JSON.parse(stdout)).toEqual([expect.objectContaining({ title: "Loopback Blog", postCount: 1 })]);
    } finally {
      await feeds.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it("stops when a signal goes to npm's own process, leaving no server holding the port and data", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "recap-start-npm-"));
    // npm as a supervisor runs it: `npm start`, whose shell does not pass signals on.
    const npm = process.env.npm_execpath;
    const server = spawn(npm ? process.execPath : "npm", [...(npm ? [npm] : []), "start"], {
      env: { ...process.env, RECAP_DATA_DIR: dataDir, RECAP_SEED_DEFAULT_FEEDS: "false", PORT: "0" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child = server;
    try {
      const banner = await waitForOutput(server, /Press Ctrl\+C to stop/);
      const base = /HTTP endpoints \(same as on Lambda\): (http:\/\/127\.0\.0\.1:\d+)\/health/.exec(banner)?.[1];
      expect((await fetch(`${base}/health`)).status).toBe(200);
      const exited = new Promise((resolve) => server.once("exit", resolve));
      server.kill("SIGTERM");
      await exited;
      // The server notices it was left behind and shuts down as on SIGTERM: the data directory is
      // released and the port closed.
      await vi.waitFor(() => expect(existsSync(join(dataDir, "server.json"))).toBe(false), { timeout: 4_000, interval: 100 });
      await vi.waitFor(() => expect(fetch(`${base}/health`)).rejects.toThrow(), { timeout: 4_000, interval: 100 });
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it("in memory, does not send people to a CLI that cannot reach it", async () => {
    const server = startFromSources({ RECAP_IN_MEMORY: "1" });
    try {
      const banner = await waitForOutput(server, /Press Ctrl\+C to stop/);
      expect(banner).toMatch(/in memory/);
      expect(banner).toMatch(/not reachable from `npx recap`/);
      expect(banner).not.toMatch(/In another terminal, try/);
    } finally {
      server.kill("SIGTERM");
      await new Promise((done) => server.once("exit", done));
    }
  });

  it("serves /recap over signed HTTP on the local port when Slack is configured", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "recap-start-slack-"));
    try {
      const server = startFromSources({ RECAP_DATA_DIR: dataDir, ...SLACK_OVER_HTTP });
      const banner = await waitForOutput(server, /Press Ctrl\+C to stop/);
      expect(banner).toMatch(/Slack: HTTP on http:\/\/127\.0\.0\.1:\d+\/slack\/events/);
      const base = /Slack: HTTP on (http:\/\/127\.0\.0\.1:\d+)\/slack\/events/.exec(banner)?.[1];
      const body = slashCommand("help");
      const answered = await fetch(`${base}/slack/events`, { method: "POST", headers: slackHeaders(body, new Date()), body });
      expect(answered.status).toBe(200);
      const reply = await answered.json();
      expect(reply).toMatchObject({ response_type: "ephemeral" });
      expect(JSON.stringify(reply)).toMatch(/search (&lt;|<)words/);
      const forged = await fetch(`${base}/slack/events`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body,
      });
      expect(forged.status).toBe(401);
      const exited = new Promise<number | null>((resolve) => server.on("exit", resolve));
      server.kill("SIGTERM");
      expect(await exited).toBe(0);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it("reads feeds in a worker: one too heavy to read in its budget is refused with a reason while commands are answered", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "recap-start-heavy-"));
    const [feeds, slack] = await Promise.all([startFeedServer(), startFakeSlack()]);
    // 14 MB of short tags, as markup, in one description: seconds to read, far past a 0.6 s budget.
    feeds.route("/heavy.xml", {
      body: rss([{ title: "Heavy", link: "https://blog.example.com/heavy", guid: "h", description: "MARKUP" }]).replace(
        "MARKUP",
        "<p>x</p>".repeat(1_800_000),
      ),
    });
    feeds.route("/light.xml", {
      body: rss([{ title: "Light", link: "https://blog.example.com/light", guid: "l" }], { title: "Light Blog" }),
    });
    try {
      const server = startFromSources({
        RECAP_DATA_DIR: dataDir,
        RECAP_PARSE_BUDGET_MS: "600",
        ...SLACK_OVER_HTTP,
        RECAP_SLACK_API_URL: slack.apiUrl,
        RECAP_SLACK_RESPONSE_URL_PREFIX: slack.responseBase,
      });
      const banner = await waitForOutput(server, /Press Ctrl\+C to stop/);
      const base = /Slack: HTTP on (http:\/\/127\.0\.0\.1:\d+)\/slack\/events/.exec(banner)?.[1];
      const command = async (text: string, responsePath: string) => {
        const body = slashCommand(text, {}, `${slack.responseBase}/${responsePath}`);
        const answered = await fetch(`${base}/slack/events`, { method: "POST", headers: slackHeaders(body, new Date()), body });
        expect(answered.status).toBe(200);
        return JSON.stringify(await answered.json());
      };
      const reportTo = (path: string) =>
        vi.waitFor(
          () => {
            const report = slack.responses.find((response) => response.path === `/respond/${path}`);
            if (!report) throw new Error(`no report at /respond/${path} yet`);
            return JSON.stringify(report.body);
          },
          { timeout: 30_000, interval: 50 },
        );

      expect(await command(`add ${feeds.at("/heavy.xml")}`, "heavy")).toMatch(/Adding/);
      expect(await command("help", "help")).toMatch(/search (&lt;|<)words/);
      expect(await reportTo("heavy")).toMatch(/Reading it took more than 0\.6 s: too large or too complex to read/);
      // The reader that was stopped is replaced: the next feed is read.
      await command(`add ${feeds.at("/light.xml")}`, "light");
      expect(await reportTo("light")).toMatch(/Light Blog[\s\S]*1 post/);

      const exited = new Promise<number | null>((resolve) => server.on("exit", resolve));
      server.kill("SIGTERM");
      expect(await exited).toBe(0);
    } finally {
      await Promise.all([feeds.close(), slack.close()]);
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
