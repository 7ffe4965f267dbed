/**
 * Benchmark 6 — the terminal: wall time of a `recap` process, from spawn to exit, as people run it
 * (bin/recap.js: the built bundle, see packages/local/bin/launch.js), beside the same command run
 * from the TypeScript sources through tsx and a bare `node` that does nothing, in the same run.
 * Alone, the process opens the data directory with its own dynalite; beside a running server it
 * borrows the server's database and hands it its events. Each run is checked: exit 0 and JSON.
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { silentLogger } from "@recap/core/shared";
import { advertiseServer, openLocalRecap, startEventInbox } from "@recap/local";
import { fmt, nowMs, summarize, table } from "./stats";

const run = promisify(execFile);
const path = (relative: string) => new URL(relative, import.meta.url).pathname;
const BIN = [path("../packages/local/bin/recap.js")];
const SOURCES = ["--import", "tsx", path("../packages/local/src/cli.ts")];

async function timed(dataDir: string, command: string[], argv: string[]): Promise<number> {
  const started = nowMs();
  const { stdout } = await run(process.execPath, [...command, ...argv], { env: { ...process.env, RECAP_DATA_DIR: dataDir } });
  const elapsed = nowMs() - started;
  if (argv.length > 0) JSON.parse(stdout); // a run that does not answer JSON is a failure, not a figure
  return elapsed;
}

export async function benchCli(options: { runs: number }): Promise<{ report: string }> {
  const dataDir = await mkdtemp(join(tmpdir(), "recap-bench-cli-"));
  const rows: string[][] = [];
  let baseline = Number.NaN;
  const measure = async (label: string, command: string[], argv: string[]) => {
    await timed(dataDir, command, argv); // builds the bundle if needed; warms the OS file cache
    const samples: number[] = [];
    for (let i = 0; i < options.runs; i++) samples.push(await timed(dataDir, command, argv));
    const s = summarize(samples);
    if (Number.isNaN(baseline)) baseline = s.p50;
    rows.push([label, String(s.n), fmt(s.p50), fmt(s.max), fmt(s.p50 / baseline, 2)]);
  };
  const posts = ["posts", "--limit", "5", "--json"];
  const tag = ["tag", "Argo CD progressive delivery on Kubernetes", "--json"];
  try {
    await measure("node -e '' (baseline)", ["-e", ""], []);
    await measure("recap posts --limit 5, alone", BIN, posts);
    await measure("recap tag <title>, alone", BIN, tag);
    const server = await openLocalRecap({ dataDir, log: silentLogger, env: {} });
    const inbox = await startEventInbox(server.bus, silentLogger);
    const withdraw = advertiseServer(dataDir, server.endpoint, inbox);
    try {
      await measure("recap posts --limit 5, server running", BIN, posts);
      await measure("recap tag <title>, server running", BIN, tag);
      await measure("recap feeds, server running", BIN, ["feeds", "--json"]);
      await measure("posts --limit 5 from sources (tsx), server running", SOURCES, posts);
    } finally {
      withdraw();
      await inbox.close();
      await server.close();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
  return {
    report: [
      table(["process", "n", "p50 ms", "max ms", "× baseline"], rows),
      "Wall time from spawn to exit, an empty data directory. Alone, the process starts dynalite on the directory itself;",
      "with a server running it connects to the server's and hands events to its inbox.",
    ].join("\n"),
  };
}
