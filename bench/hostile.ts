/**
 * Hostile input through the parsers that read untrusted text: each shape at two sizes, timed in one
 * run. Linear work shows as a ratio near 4 between the larger input and the smaller (four times
 * its size); a quadratic pattern would show near 16.
 */
import { parseCommand } from "@recap/core/commands";
import { discoverFeedLinks } from "@recap/core/feeds";
import { htmlToText } from "@recap/core/posts";
import { extractRecap } from "@recap/core/recaps";
import { recapHtml } from "./recaps";
import { fmt, nowMs, summarize, table } from "./stats";

interface Shape {
  name: string;
  /** Repeated to the size; or `input` builds the text (repetitions that differ, markup that must close). */
  unit?: string;
  input?: (size: number) => string;
  /** The smaller input's size in characters (the larger is four times it). */
  size: number;
  run(text: string): unknown;
}

const html = (name: string, unit: string): Shape => ({ name: `htmlToText: ${name}`, unit, size: 250_000, run: htmlToText });

const VIDEO = "https://www.youtube.com/watch?v=v";

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
  // A recap feed's post is read whole (marked: detection decides nothing): one paragraph of thousands
  // of linked talks (each used to walk back over every link before it), markup nested thousands deep
  // (the parse stops at MAX_PARSE_DEPTH, so its time stays flat; it used to grow with the square),
  // and an ordinary recap list for scale.
  recap("one paragraph of linked talks", 100_000, (i) => `the keynote <a href="${VIDEO}${i}">“Title ${i}”</a> and `, "<p>", "</p>"),
  {
    name: "recap extractor: a link and a span, nested",
    size: 1_000_000,
    input: (size) => {
      const unit = `<a href="${VIDEO}1">T</a><span>`;
      const depth = Math.ceil(size / (unit.length + "</span>".length));
      return `<p>${unit.repeat(depth)}${"</span>".repeat(depth)}</p>`;
    },
    run: readRecap,
  },
  { name: "recap extractor: an ordinary recap list", size: 50_000, input: (size) => recapHtml(Math.ceil(size / 290)), run: readRecap },
];

function readRecap(text: string) {
  return extractRecap(text, { baseUrl: "https://blog.example.com/2025/recap/", marked: true });
}

/** `unit(i)` for i = 0, 1, … until the size, between `open` and `close`. */
function recap(name: string, size: number, unit: (i: number) => string, open: string, close: string): Shape {
  const input = (chars: number) => {
    const parts = [open];
    for (let i = 0, length = 0; length < chars; i++) {
      parts.push(unit(i));
      length += parts[parts.length - 1]!.length;
    }
    return parts.join("") + close;
  };
  return { name: `recap extractor: ${name}`, size, input, run: readRecap };
}

export function benchHostileInput(options: { samples: number }): string {
  const rows = SHAPES.map((shape) => {
    const input = shape.input ?? ((size: number) => shape.unit!.repeat(Math.ceil(size / shape.unit!.length)));
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
