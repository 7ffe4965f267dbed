/**
 * Hostile input through the parsers that read untrusted text: each shape at two sizes, timed in one
 * run. Linear work shows as a ratio near 4 between the larger input and the smaller (four times
 * its size); a quadratic pattern would show near 16.
 */
import { parseCommand } from "@recap/core/commands";
import { discoverFeedLinks } from "@recap/core/feeds";
import { htmlToText } from "@recap/core/posts";
import { fmt, nowMs, summarize, table } from "./stats";

interface Shape {
  name: string;
  unit: string;
  /** The smaller input's size in characters (the larger is four times it). */
  size: number;
  run(text: string): unknown;
}

const html = (name: string, unit: string): Shape => ({ name: `htmlToText: ${name}`, unit, size: 250_000, run: htmlToText });

const SHAPES: Shape[] = [
  html("paragraphs and entities", "<p>Some <b>bold</b> text &amp; an entity.</p>"),
  html("unclosed tags", "<a"),
  html("unclosed attributes", '<a href="'),
  html("script openers", "<script>"),
  html("bare ampersands", "&"),
  {
    name: "feed discovery: unclosed attributes",
    unit: '<link rel="alternate" x="',
    size: 1_000_000,
    run: (text) => discoverFeedLinks(text, "https://x.example/"),
  },
  // Commands are capped at 2,000 characters (MAX_COMMAND_LENGTH).
  { name: "command grammar: unmatched quotes", unit: '"a ', size: 450, run: parseCommand },
  { name: "command grammar: unclosed links", unit: "<https://x ", size: 450, run: parseCommand },
];

export function benchHostileInput(options: { samples: number }): string {
  const rows = SHAPES.map((shape) => {
    const input = (size: number) => shape.unit.repeat(Math.ceil(size / shape.unit.length));
    const time = (text: string) => {
      for (let i = 0; i < 3; i++) shape.run(text); // warm-up
      // At least `samples` runs, more for fast inputs (a 100 ms budget), for a steady median.
      const samples: number[] = [];
      for (let spent = 0; samples.length < options.samples || (spent < 100 && samples.length < 1000);) {
        const started = nowMs();
        shape.run(text);
        samples.push(nowMs() - started);
        spent += samples.at(-1)!;
      }
      return summarize(samples).p50;
    };
    const small = time(input(shape.size));
    const large = time(input(shape.size * 4));
    return [shape.name, `${fmt(shape.size / 1000)} k`, fmt(small), fmt(large), fmt(large / small, 2)];
  });
  return table(["input", "size (chars)", "p50 ms", "×4 size p50 ms", "ratio (linear ≈ 4)"], rows);
}
