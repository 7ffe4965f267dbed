import { readFileSync } from "node:fs";
import { explainTopics, loadTaxonomy } from "../../../packages/core/src/topics";
import { evidenceOf, tagAll, type LabeledItem } from "./evaluate";
const [split = "dev", topic] = process.argv.slice(2);
const items = JSON.parse(readFileSync(new URL(`./${split}.json`, import.meta.url), "utf8")) as LabeledItem[];
const taxonomy = loadTaxonomy();
const tagged = tagAll(items, taxonomy);
items.forEach((item, i) => {
  const exp = new Set(item.topics), act = new Set(tagged[i]);
  for (const id of taxonomy.topics.map((t) => t.id)) {
    if (topic && id !== topic) continue;
    const kind = exp.has(id) && !act.has(id) ? "FN" : act.has(id) && !exp.has(id) ? "FP" : undefined;
    if (!kind) continue;
    const s = explainTopics(evidenceOf(item), taxonomy).find((x) => x.id === id);
    console.log(`${kind} ${id} [${item.id}] ${item.title.slice(0, 90)} | ${s ? s.evidence.map((e) => `${e.source}:${e.text}(${e.points})`).join(" ") : "-"}`);
  }
});
