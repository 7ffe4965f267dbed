/**
 * The local runner's dead-letter queue: a delivery the in-process bus gave up on (three failed
 * attempts) is appended to `<dataDir>/dead-letters.jsonl`, one JSON line each, so nothing is lost
 * when Slack was down or a handler failed; `recap dlq` lists them and `recap dlq replay` publishes
 * them again. Without a data directory (RECAP_IN_MEMORY=1) they are kept in memory.
 */
import { appendFileSync, existsSync, readFileSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { DeadLetter } from "@recap/core/events";

export interface DeadLetters {
  add(letter: DeadLetter): void;
  list(): DeadLetter[];
  /** Removes every letter and returns them: the caller replays them and puts back what it could not. */
  take(): DeadLetter[];
  putBack(letters: DeadLetter[]): void;
}

export function deadLetters(dataDir: string | undefined): DeadLetters {
  if (!dataDir) return inMemory();
  const file = join(dataDir, "dead-letters.jsonl");
  const add = (letter: DeadLetter) => appendFileSync(file, `${JSON.stringify(letter)}\n`, { mode: 0o600 });
  return {
    add,
    list: () => read(file),
    take() {
      // Renamed first: a letter another process appends meanwhile goes to a new file, not lost.
      const taking = `${file}.${process.pid}.replaying`;
      if (!existsSync(file)) return [];
      renameSync(file, taking);
      const letters = read(taking);
      rmSync(taking, { force: true });
      return letters;
    },
    putBack: (letters) => letters.forEach(add),
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
      return taken;
    },
    putBack: (back) => void letters.push(...back),
  };
}
