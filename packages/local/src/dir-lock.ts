/**
 * One process at a time opens a data directory's database: `npm start` for its whole life, a
 * `recap` command (with no server running) for its own. LevelDB would refuse a second opener only
 * after dynalite has started serving, which crashes that process ("Database is closed"); this lock
 * is taken first, so commands run side by side simply take turns. A lock whose process is gone is
 * taken over.
 */
import { linkSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const RETRY_MS = 50;

export interface DirLock {
  release(): void;
}

/**
 * Takes `<dataDir>/db.lock`, waiting while another live process holds it, until `stopWaiting`
 * (checked between tries) says there is no need any more — then undefined — or `timeoutMs` passes.
 */
export async function lockDataDir(
  dataDir: string,
  options: { timeoutMs: number; stopWaiting?: () => Promise<boolean> },
): Promise<DirLock | undefined> {
  const file = join(dataDir, "db.lock");
  const deadline = Date.now() + options.timeoutMs;
  // The pid is written to a file of our own first and linked into place whole: no one ever reads
  // a lock that exists but does not yet say whose it is.
  const mine = `${file}.${process.pid}`;
  writeFileSync(mine, String(process.pid), { mode: 0o600 });
  try {
    for (;;) {
      try {
        linkSync(mine, file);
        return { release: () => releaseIfOurs(file) };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      }
      const seen = readQuietly(file);
      const holder = Number(seen);
      if (seen !== undefined && (!Number.isInteger(holder) || holder <= 0 || !processExists(holder))) {
        // Gone: take it over, unless someone else did since we read it.
        removeIfUnchanged(file, seen);
        continue;
      }
      if (await options.stopWaiting?.()) return undefined;
      if (Date.now() >= deadline) {
        throw new Error(`Another Recap process (pid ${holder}) is using ${dataDir}. Try again when it has finished.`);
      }
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    }
  } finally {
    rmSync(mine, { force: true });
  }
}

function releaseIfOurs(file: string): void {
  if (readQuietly(file) === String(process.pid)) rmSync(file, { force: true });
}

function readQuietly(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

function removeIfUnchanged(file: string, seen: string | undefined): void {
  if (readQuietly(file) === seen) rmSync(file, { force: true });
}

export function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0); // throws when there is no such process
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM"; // there is one, another user's
  }
}
