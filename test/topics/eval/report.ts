/** By hand: `npx tsx test/topics/eval/report.ts dev [--quiet]` prints a split's figures and misses. */
import { readFileSync } from "node:fs";
import { loadTaxonomy } from "../../../packages/core/src/topics";
import { evaluate, report, type LabeledItem } from "./evaluate";

const split = process.argv[2] ?? "dev";
const items = JSON.parse(readFileSync(new URL(`./${split}.json`, import.meta.url), "utf8")) as LabeledItem[];
console.log(report(split, items, evaluate(items, loadTaxonomy()), !process.argv.includes("--quiet")));
