// Run once, when the cases were collected: `node test/recaps/eval/split.mjs`. Ranks the cases by a
// hash of their slug and deals them alternately to `dev` (tune on it) and `test` (never tuned on).
// The split is never redrawn: a case added later is put in one split by hand.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, writeFileSync } from "node:fs";

const here = new URL(".", import.meta.url);
if (existsSync(new URL("split.json", here))) throw new Error("split.json exists: the split is drawn once");
const hash = (slug) => createHash("sha1").update(`recap-split:${slug}`).digest("hex");
const ranked = readdirSync(new URL("posts/", here))
  .filter((name) => name.endsWith(".json"))
  .map((name) => name.slice(0, -5))
  .sort((a, b) => (hash(a) < hash(b) ? -1 : 1));
const split = { dev: ranked.filter((_, i) => i % 2 === 0).sort(), test: ranked.filter((_, i) => i % 2 === 1).sort() };
writeFileSync(new URL("split.json", here), `${JSON.stringify(split, null, 2)}\n`);
console.log(`dev ${split.dev.length}, test ${split.test.length}`);
