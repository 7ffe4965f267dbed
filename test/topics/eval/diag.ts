import { readFileSync } from "node:fs";
import { explainTopics, loadTaxonomy } from "../../../packages/core/src/topics";
import { evidenceOf, tagAll, type LabeledItem } from "./evaluate";
/** By hand, while tuning: `npx tsx test/topics/eval/diag.ts [topic]` prints each dev miss with the evidence behind it. */
const [topic] = process.argv.slice(2);
const split = "dev"; // test misses are never read for tuning
const items = JSON.parse(readFileSync(new URL(`./${split}.json`, import.meta.url), "utf8")) as LabeledItem[];
const taxonomy = loadTaxonomy();
const history = ["dev", "test"].flatMap(
  (name) => JSON.parse(readFileSync(new URL(`./${name}.json`, import.meta.url), "utf8")) as LabeledItem[],
);
const tagged = tagAll(items, taxonomy, history);
items.forEach((item, i) => {
  const exp = new Set(item.topics),
    act = new Set(tagged[i]);
  for (const id of taxonomy.topics.map((t) => t.id)) {
    if (topic && id !== topic) continue;
    const kind = exp.has(id) && !act.has(id) ? "FN" : act.has(id) && !exp.has(id) ? "FP" : undefined;
    if (!kind) continue;
    const s = explainTopics(evidenceOf(item), taxonomy).find((x) => x.id === id);
    console.log(
      `${kind} ${id} [${item.id}] ${item.title.slice(0, 90)} | ${s ? s.evidence.map((e) => `${e.source}:${e.text}(${e.points})`).join(" ") : "-"}`,
    );
  }
});
