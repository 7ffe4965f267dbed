import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadTaxonomy } from "../../packages/core/src/topics";
import { annotatorScores, evaluate, precision, recall, report, type LabeledItem } from "./eval/evaluate";

/**
 * Tagging quality on labeled real posts and talks (test/topics/eval/LABELING.md says how they were
 * collected and labeled). `dev` is what the taxonomy is tuned on; `test` is never tuned on: its
 * misses are reported, not patched one by one, and the floor below guards it against regressions.
 *
 * Every item was labeled twice, independently, and disagreements adjudicated by a third reader
 * (LABELING.md). Issue 9 asks for precision ≥ 0.92 and recall ≥ 0.88 on `test`: about what one
 * careful annotator alone reaches against the adjudicated labels (printed below). The matcher does
 * not reach that yet, so the floor is what it reaches today, and only ever goes up.
 */
const read = (split: string) => JSON.parse(readFileSync(new URL(`./eval/${split}.json`, import.meta.url), "utf8")) as LabeledItem[];
const dev = read("dev");
const test = read("test");
const taxonomy = loadTaxonomy();
const topicIds = taxonomy.topics.map((t) => t.id);

// The held-back split grew on 2026-12-03 by 89 and then 87 items from feeds the matcher had never
// seen (its recall on them: 0.66, then 0.62), so its recall floor went from 0.81 to what the larger
// set measures; rules validated on the unseen feeds' dev halves then raised it (0.836 / 0.799). A
// fourth batch (71 test items) and vocabulary written from the definitions: 0.840 / 0.816; a fifth
// batch (75 test items, recall 0.66 on the whole batch before tuning): 0.843 / 0.808; classes of
// projects per topic from the definitions: 0.838 / 0.818.
const TEST_FLOOR = { precision: 0.83, recall: 0.81 };
const MIN_ITEMS = 400;
const MIN_TEST_POSITIVES_PER_TOPIC = 3;

describe("topic tagging quality", () => {
  it("has a large labeled set, split once, every label a topic of the taxonomy", () => {
    expect(dev.length + test.length).toBeGreaterThanOrEqual(MIN_ITEMS);
    const ids = new Set(dev.map((item) => item.id));
    for (const item of test) expect(ids.has(item.id), `${item.id} is in both splits`).toBe(false);
    for (const item of [...dev, ...test]) {
      expect(item.title.length).toBeGreaterThan(0);
      for (const id of [...item.topics, ...item.annotators.flat()]) expect(topicIds).toContain(id);
      // Gold labels come from the annotators: agreed ones, or one of theirs chosen by the adjudicator.
      const either = new Set(item.annotators.flat());
      for (const id of item.topics) expect(either.has(id), `${item.id}: ${id} from neither annotator`).toBe(true);
      const both = item.annotators[0].filter((id) => item.annotators[1].includes(id));
      for (const id of both) expect(item.topics, `${item.id}: agreed ${id} kept`).toContain(id);
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
    const human = annotatorScores(test)
      .map((c, i) => `annotator ${i + 1} alone: precision ${precision(c).toFixed(3)}, recall ${recall(c).toFixed(3)}`)
      .join("; ");
    // The tables on request (RECAP_QUALITY_REPORT=1 npm test): `npm test` itself stays quiet.
    if (process.env.RECAP_QUALITY_REPORT === "1") {
      console.log(`${report("dev", dev, onDev, false)}\n\n${report("test", test, onTest, false)}\n\nOn test, ${human}`);
    }
    expect(precision(onTest.total)).toBeGreaterThanOrEqual(TEST_FLOOR.precision);
    expect(recall(onTest.total)).toBeGreaterThanOrEqual(TEST_FLOOR.recall);
  });
});
