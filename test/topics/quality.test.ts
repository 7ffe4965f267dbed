import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadTaxonomy } from "../../packages/core/src/topics";
import { evaluate, precision, recall, report, type LabeledItem } from "./eval/evaluate";

/**
 * Tagging quality on labeled real posts and talks (test/topics/eval/LABELING.md says how they were
 * collected and labeled). `dev` is what the taxonomy is tuned on; `test` is never tuned on: its
 * misses are reported, not patched one by one, and the floor below guards it against regressions.
 *
 * Issue 9 asks for precision ≥ 0.92 and recall ≥ 0.88 on `test`; the matcher does not reach that yet
 * (see the figures this prints), so the floor is what it reaches today, and only ever goes up.
 */
const read = (split: string) => JSON.parse(readFileSync(new URL(`./eval/${split}.json`, import.meta.url), "utf8")) as LabeledItem[];
const dev = read("dev");
const test = read("test");
const taxonomy = loadTaxonomy();
const topicIds = taxonomy.topics.map((t) => t.id);

const TEST_FLOOR = { precision: 0.78, recall: 0.8 };
const MIN_ITEMS = 400;
const MIN_TEST_POSITIVES_PER_TOPIC = 3;

describe("topic tagging quality", () => {
  it("has a large labeled set, split once, every label a topic of the taxonomy", () => {
    expect(dev.length + test.length).toBeGreaterThanOrEqual(MIN_ITEMS);
    const ids = new Set(dev.map((item) => item.id));
    for (const item of test) expect(ids.has(item.id), `${item.id} is in both splits`).toBe(false);
    for (const item of [...dev, ...test]) {
      expect(item.title.length).toBeGreaterThan(0);
      for (const id of item.topics) expect(topicIds).toContain(id);
    }
    for (const id of topicIds) {
      const positives = test.filter((item) => item.topics.includes(id)).length;
      expect(positives, `test positives for ${id}`).toBeGreaterThanOrEqual(MIN_TEST_POSITIVES_PER_TOPIC);
    }
  });

  it(`keeps the held-back split at precision ≥ ${TEST_FLOOR.precision} and recall ≥ ${TEST_FLOOR.recall}`, () => {
    const history = [...dev, ...test];
    const onDev = evaluate(dev, taxonomy, history);
    const onTest = evaluate(test, taxonomy, history);
    // Figures for both splits; misses only for dev (test misses are not for tuning).
    console.log(`${report("dev", dev, onDev, false)}\n\n${report("test", test, onTest, false)}`);
    expect(precision(onTest.total)).toBeGreaterThanOrEqual(TEST_FLOOR.precision);
    expect(recall(onTest.total)).toBeGreaterThanOrEqual(TEST_FLOOR.recall);
  });
});
