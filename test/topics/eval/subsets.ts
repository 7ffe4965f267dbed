/**
 * By hand, while tuning: `npx tsx test/topics/eval/subsets.ts [--misses] [--topic id]` prints dev's figures
 * split into the items from the second batch (ids "fr-"), the third ("f3-"), the fourth ("b4-") and the fifth ("b5-"),
 * each from feeds the taxonomy had not been tuned on when they were added (validation sets for
 * generalization), and the older items. Dev only:
 * test is never tuned on.
 */
import { readFileSync } from "node:fs";
import { loadTaxonomy } from "../../../packages/core/src/topics";
import { evaluate, precision, recall, report, type Counts, type LabeledItem } from "./evaluate";

const read = (name: string) => JSON.parse(readFileSync(new URL(`./${name}.json`, import.meta.url), "utf8")) as LabeledItem[];
const dev = read("dev");
// Feed priors come from each feed's other posts, as in report.ts (which reads both splits' posts).
const history = [...dev, ...read("test")];
const taxonomy = loadTaxonomy();
const args = process.argv.slice(2);
const withMisses = args.includes("--misses");
const topicAt = args.indexOf("--topic");
const topic = topicAt === -1 ? undefined : args[topicAt + 1];
const f1 = (c: Counts) => (2 * precision(c) * recall(c)) / (precision(c) + recall(c) || 1);
const line = (name: string, n: number, c: Counts) =>
  `${name.padEnd(8)} n=${String(n).padStart(4)}  tp ${c.tp} fp ${c.fp} fn ${c.fn}  P ${precision(c).toFixed(3)}  R ${recall(c).toFixed(3)}  F1 ${f1(c).toFixed(3)}`;
const summary: string[] = [];
for (const [name, items] of [
  ["fresh", dev.filter((i) => i.id.startsWith("fr-"))],
  ["third", dev.filter((i) => i.id.startsWith("f3-"))],
  ["fourth", dev.filter((i) => i.id.startsWith("b4-"))],
  ["fifth", dev.filter((i) => i.id.startsWith("b5-"))],
  ["old", dev.filter((i) => !/^(fr|f3|b4|b5)-/.test(i.id))],
  ["all", dev],
] as const) {
  const result = evaluate(items, taxonomy, history);
  summary.push(line(name, items.length, result.total));
  if (withMisses && name !== "all") {
    console.log(report(`dev (${name})`, items, result, false));
    for (const m of result.misses) if (!topic || m.includes(` ${topic}: `)) console.log(m);
    console.log("");
  }
}
console.log(summary.join("\n"));
