import { describe, expect, it } from "vitest";
import evalSet from "./eval-set.json" with { type: "json" };
import { loadTaxonomy, matchTopics } from "../../packages/core/src/topics";

/**
 * Matching quality on a hand-labelled evaluation set (issue 5). Labels are what a careful editor
 * would tag, written independently of the matcher: when this fails, improve taxonomy.json (aliases,
 * related projects, cues, negatives), never the labels.
 */

interface Example {
  title: string;
  summary: string;
  topics: string[];
}

const examples = evalSet as Example[];
const taxonomy = loadTaxonomy();
const topicIds = taxonomy.topics.map((t) => t.id);

const MIN_EXAMPLES = 200;
const MIN_POSITIVES_PER_TOPIC = 10;
const MIN_PRECISION = 0.9;
const MIN_RECALL = 0.85;

interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

const ratio = (num: number, den: number) => (den === 0 ? 1 : num / den);

function evaluate() {
  const perTopic = new Map<string, Counts>(topicIds.map((id) => [id, { tp: 0, fp: 0, fn: 0 }]));
  const errors: string[] = [];
  for (const ex of examples) {
    const expected = new Set(ex.topics);
    const actual = new Set(matchTopics({ title: ex.title, summary: ex.summary }, taxonomy));
    for (const id of topicIds) {
      const c = perTopic.get(id)!;
      if (expected.has(id) && actual.has(id)) c.tp++;
      else if (actual.has(id)) {
        c.fp++;
        errors.push(`FP ${id}: ${ex.title}`);
      } else if (expected.has(id)) {
        c.fn++;
        errors.push(`FN ${id}: ${ex.title}`);
      }
    }
  }
  const total = [...perTopic.values()].reduce((a, c) => ({ tp: a.tp + c.tp, fp: a.fp + c.fp, fn: a.fn + c.fn }), { tp: 0, fp: 0, fn: 0 });
  return { perTopic, total, errors };
}

function report({ perTopic, total, errors }: ReturnType<typeof evaluate>): string {
  const pct = (x: number) => x.toFixed(3);
  const row = (name: string, c: Counts) =>
    `${name.padEnd(24)} ${String(c.tp + c.fn).padStart(4)} ${String(c.tp).padStart(4)} ${String(c.fp).padStart(4)} ${String(c.fn).padStart(4)}  ${pct(ratio(c.tp, c.tp + c.fp))}  ${pct(ratio(c.tp, c.tp + c.fn))}`;
  return [
    `${"topic".padEnd(24)} ${"pos".padStart(4)} ${"tp".padStart(4)} ${"fp".padStart(4)} ${"fn".padStart(4)}  prec   recall`,
    ...topicIds.map((id) => row(id, perTopic.get(id)!)),
    row("overall (micro)", total),
    ...(errors.length > 0 ? ["", ...errors] : []),
  ].join("\n");
}

describe("topic matching quality", () => {
  it("has a large enough labelled set covering every topic", () => {
    expect(examples.length).toBeGreaterThanOrEqual(MIN_EXAMPLES);
    for (const ex of examples) {
      expect(ex.title.length).toBeGreaterThan(0);
      for (const id of ex.topics) expect(topicIds).toContain(id);
    }
    for (const id of topicIds) {
      const positives = examples.filter((ex) => ex.topics.includes(id)).length;
      expect(positives, `positives for ${id}`).toBeGreaterThanOrEqual(MIN_POSITIVES_PER_TOPIC);
    }
  });

  it(`keeps overall precision ≥ ${MIN_PRECISION} and recall ≥ ${MIN_RECALL}`, () => {
    const result = evaluate();
    console.log(`Topic matching quality on ${examples.length} labelled posts\n${report(result)}`);
    const { tp, fp, fn } = result.total;
    expect(ratio(tp, tp + fp)).toBeGreaterThanOrEqual(MIN_PRECISION);
    expect(ratio(tp, tp + fn)).toBeGreaterThanOrEqual(MIN_RECALL);
  });
});
