// Run once, when the labeled parts were collected: `node test/topics/eval/split.mjs <parts-dir>`.
// Validates every labeled item, drops repeated titles, and splits by a hash of the item's id:
// about half to `dev` (tune on it) and half to `test` (never tuned on). Items written for the
// project itself (source "written") all go to dev. The split is never redrawn.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const partsDir = process.argv[2];
const here = new URL(".", import.meta.url).pathname;
const taxonomy = JSON.parse(readFileSync(join(here, "../../../packages/core/src/topics/taxonomy.json"), "utf8"));
const ids = new Set(taxonomy.map((topic) => topic.id));

const items = [];
const titles = new Set();
for (const file of readdirSync(partsDir)
  .filter((name) => name.endsWith(".json"))
  .sort()) {
  for (const item of JSON.parse(readFileSync(join(partsDir, file), "utf8"))) {
    for (const field of ["id", "source", "feed", "kind", "lang", "title"]) {
      if (typeof item[field] !== "string" || !item[field]) throw new Error(`${file}: ${item.id}: no ${field}`);
    }
    for (const topic of item.topics) if (!ids.has(topic)) throw new Error(`${file}: ${item.id}: unknown topic ${topic}`);
    const key = item.title.toLowerCase().replace(/\W+/g, " ").trim();
    if (titles.has(key)) continue;
    titles.add(key);
    items.push({
      id: item.id,
      source: item.source,
      feed: item.feed,
      kind: item.kind,
      lang: item.lang,
      title: item.title,
      summary: item.summary ?? "",
      categories: item.categories ?? [],
      ...(item.lead ? { lead: item.lead } : {}),
      ...(item.event ? { event: item.event } : {}),
      ...(item.organizations?.length ? { organizations: item.organizations } : {}),
      topics: [...new Set(item.topics)],
    });
  }
}
const toTest = (item) => item.feed !== "written" && createHash("sha256").update(item.id).digest()[0] < 128;
const test = items.filter(toTest);
const dev = items.filter((item) => !toTest(item));
for (const [name, split] of [
  ["dev", dev],
  ["test", test],
]) {
  writeFileSync(join(here, `${name}.json`), `${JSON.stringify(split, null, 1)}\n`);
  console.log(`${name}: ${split.length} items`);
}
