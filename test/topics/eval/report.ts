/** By hand: `npx tsx test/topics/eval/report.ts dev [--quiet]` prints a split's figures and misses. */
import { readFileSync } from "node:fs";
import { loadTaxonomy } from "../../../packages/core/src/topics";
import { evaluate, report, type LabeledItem } from "./evaluate";

const split = process.argv[2] ?? "dev";
const read = (name: string) => JSON.parse(readFileSync(new URL(`./${name}.json`, import.meta.url), "utf8")) as LabeledItem[];
const items = read(split);
const history = [...read("dev"), ...read("test")];
// Misses are printed for dev only: test misses are never read for tuning.
console.log(report(split, items, evaluate(items, loadTaxonomy(), history), split === "dev" && !process.argv.includes("--quiet")));
