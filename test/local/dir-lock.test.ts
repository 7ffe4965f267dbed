/**
 * One process at a time opens a data directory's database: `recap` commands run side by side take
 * turns instead of crashing ("Database is closed"), and a lock left by a killed process is taken over.
 */
import { execFile, spawnSync } from "node:child_process";
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lockDataDir } from "../../packages/local/src/dir-lock";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "recap-lock-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("the data directory's lock", () => {
  it("lets recap commands started together take turns, each answering", async () => {
    const run = () =>
      promisify(execFile)(process.execPath, [resolve("packages/local/bin/recap.js"), "feeds", "--json"], {
        env: { ...process.env, RECAP_DATA_DIR: dir },
      });
    // Two at once is the whole case (a third only adds wall time on a small machine).
    const results = await Promise.all([run(), run()]);
    for (const { stdout } of results) expect(JSON.parse(stdout)).toEqual([]);
    expect(await readdir(dir)).not.toContain("db.lock");
  });

  it("is taken over from a process that is gone, and waits for one that is not", async () => {
    const gone = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]).stdout.toString();
    await writeFile(join(dir, "db.lock"), gone);
    const lock = await lockDataDir(dir, { timeoutMs: 0 });
    expect(lock).toBeDefined();
    // Held by a live process (this one): a second taker waits, then gives up with a reason…
    await expect(lockDataDir(dir, { timeoutMs: 0 })).rejects.toThrow(/Another Recap process \(pid \d+\) is using/);
    // …or stops waiting when it no longer needs to (a server it can borrow came up).
    expect(await lockDataDir(dir, { timeoutMs: 60_000, stopWaiting: async () => true })).toBeUndefined();
    lock?.release();
    expect(await readdir(dir)).not.toContain("db.lock");
  });
});
