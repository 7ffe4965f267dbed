/** By hand: `npx tsx test/recaps/eval/report.ts dev` prints a split's figures (and, for dev, every miss). */
import { loadCases, report, scoreCase } from "./evaluate";

const split = process.argv[2] === "test" ? "test" : "dev";
const cases = loadCases()[split];
// Misses are printed for dev only: test misses are never read for tuning.
console.log(report(split, cases.map(scoreCase), split === "dev"));
