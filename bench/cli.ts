/**
 * Benchmark 6 — the terminal: wall time of a `recap` process (node + tsx + the CLI) answering
 * `feeds --json` and `latest --json`, alone (it opens the data directory with its own dynalite)
 * and beside a running server (it borrows the server's database and hands it its events).
 * Each run is checked: exit 0 and JSON on stdout.
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
const BIN = new URL("../packages/local/bin/recap.js", import.meta.url).pathname;

async function timed(dataDir: string, argv: string[]): Promise<number> {
  const started = nowMs();
  const { stdout } = await run(process.execPath, [BIN, ...argv], { env: { ...process.env, RECAP_DATA_DIR: dataDir } });
  const elapsed = nowMs() - started;
  JSON.parse(stdout); // a run that does not answer JSON is a failure, not a figure
  return elapsed;
}

export async function benchCli(options: { runs: number }): Promise<{ report: string }> {
  const dataDir = await mkdtemp(join(tmpdir(), "recap-bench-cli-"));
  const rows: string[][] = [];
  const measure = async (label: string, argv: string[]) => {
    await timed(dataDir, argv); // warm the transform cache and the OS file cache
    const samples: number[] = [];
    for (let i = 0; i < options.runs; i++) samples.push(await timed(dataDir, argv));
    const s = summarize(samples);
    rows.push([label, String(s.n), fmt(s.p50), fmt(s.max)]);
  };
  try {
    await measure("feeds --json, alone", ["feeds", "--json"]);
    await measure("latest --json, alone", ["latest", "--json"]);
    const server = await openLocalRecap({ dataDir, log: silentLogger, env: {} });
    const inbox = await startEventInbox(server.bus, silentLogger);
    const withdraw = advertiseServer(dataDir, server.endpoint, inbox);
    try {
      await measure("feeds --json, server running", ["feeds", "--json"]);
      await measure("latest --json, server running", ["latest", "--json"]);
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
      table(["process", "n", "p50 ms", "max ms"], rows),
      "Wall time from spawn to exit, an empty data directory. Alone, the process starts dynalite on the directory itself;",
      "with a server running it connects to the server's and hands events to its inbox.",
    ].join("\n"),
  };
}
