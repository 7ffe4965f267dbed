/**
 * The local runner's dead-letter queue: a delivery the in-process bus gave up on (three failed
 * attempts) is appended to `<dataDir>/dead-letters.jsonl`, one JSON line each, so nothing is lost
 * when Slack was down or a handler failed; `recap dlq` lists them and `recap dlq replay` publishes
 * them again. Without a data directory (RECAP_IN_MEMORY=1) they are kept in memory.
 */
import { appendFileSync, existsSync, readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { DeadLetter } from "@recap/core/events";
import { processExists } from "./dir-lock";

export interface DeadLetters {
  add(letter: DeadLetter): void;
  list(): DeadLetter[];
  /**
   * Sets every letter aside for a replay and returns them; `done` removes them once the replay has
   * handed them on (the ones that failed again are new letters by then). A replay that dies before
   * `done` leaves them set aside: the next list or replay picks them up again.
   */
  take(): { letters: DeadLetter[]; done(): void };
}

export function deadLetters(dataDir: string | undefined): DeadLetters {
  if (!dataDir) return inMemory();
  const file = join(dataDir, "dead-letters.jsonl");
  const add = (letter: DeadLetter) => appendFileSync(file, `${JSON.stringify(letter)}\n`, { mode: 0o600 });
  /** Files set aside by replays whose process is gone: theirs to finish, so ours now. */
  const abandoned = () =>
    readdirSync(dataDir)
      .filter((name) => name.startsWith("dead-letters.jsonl.") && name.endsWith(".replaying"))
      .filter((name) => !processExists(Number(name.split(".")[2])))
      .map((name) => join(dataDir, name));
  return {
    add,
    list: () => [...abandoned().flatMap(read), ...read(file)],
    take() {
      const taking = `${file}.${process.pid}.replaying`;
      const set = [...abandoned()];
      try {
        // Renamed, not read and truncated: a letter another process appends meanwhile goes to a new file.
        renameSync(file, taking);
        set.push(taking);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error; // none now (or another replay took them)
      }
      return { letters: set.flatMap(read), done: () => set.forEach((path) => rmSync(path, { force: true })) };
    },
  };
}

function read(file: string): DeadLetter[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as DeadLetter];
      } catch {
        return []; // a line cut short by a crash mid-write
      }
    });
}

function inMemory(): DeadLetters {
  let letters: DeadLetter[] = [];
  return {
    add: (letter) => void letters.push(letter),
    list: () => [...letters],
    take() {
      const taken = letters;
      letters = [];
      return { letters: taken, done() {} };
    },
  };
}
