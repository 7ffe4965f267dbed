/**
 * Hostile recap posts, in units: the extractor's work per unit is bounded, so one page can never
 * stall a poll. Never timed (tests must not depend on the machine's speed): each case checks what
 * the result is at N and 2N units — capped where a cap applies, nothing lost before it — and, where
 * the work itself can be counted (sibling steps, parsed elements), that it grows with N, not N².
 */
import type { AnyNode } from "domhandler";
import { describe, expect, it } from "vitest";
import { extractRecap } from "@recap/core/recaps";
import { contentNodes, elementsWhere, MAX_PARSE_DEPTH } from "../../packages/core/src/recaps/dom";
import { collectEntries } from "../../packages/core/src/recaps/entries";
import { toCandidates } from "../../packages/core/src/recaps/item";

const BASE = "https://blog.example.com/2025/recap/";
/** MAX_ITEMS in extract.ts: a recap lists at most this many items. */
const MAX_ITEMS = 300;
const video = (i: number) => `https://www.youtube.com/watch?v=v${i}`;
const read = (html: string) => extractRecap(html, { baseUrl: BASE, marked: true });
const units = (n: number, unit: (i: number) => string, from = 0) => Array.from({ length: n }, (_, i) => unit(from + i)).join("");
const titles = (n: number, title: (i: number) => string) => Array.from({ length: n }, (_, i) => title(i));
const keynote = (i: number) => `the keynote <a href="${video(i)}">“Title ${i}”</a> and `;

describe("one paragraph of thousands of linked talks", () => {
  it.each([1_000, 2_000])("%i talks: the first 300, in order, each with its own recording", (n) => {
    const { isRecap, items } = read(`<p>${units(n, keynote)}</p>`);
    expect(isRecap).toBe(true);
    expect(items).toHaveLength(MAX_ITEMS);
    items.forEach((item, i) => {
      expect(item).toMatchObject({ kind: "talk", title: `Title ${i}`, speakers: [] });
      expect(item.links.map((l) => l.url)).toEqual([video(i)]);
    });
  });

  it("under the cap, every talk", () => {
    expect(read(`<p>${units(200, keynote)}</p>`).items.map((i) => i.title)).toEqual(titles(200, (i) => `Title ${i}`));
  });

  it.each([1_000, 2_000])("%i talks: the track a sentence names holds every talk after it, however far", (n) => {
    const half = MAX_ITEMS / 2;
    const html = `<p>In the <b>Go</b> devroom: ${units(half, keynote)} then in the <b>Rust</b> track: ${units(n - half, keynote, half)}</p>`;
    const sections = read(html).items.map((item) => item.section);
    expect(sections).toEqual([...Array<string>(half).fill("Go"), ...Array<string>(MAX_ITEMS - half).fill("Rust")]);
  });

  it("steps over siblings grow with the paragraph, not its square", () => {
    // Every `.prev` read of the paragraph's nodes is counted: walking back over all earlier links for
    // each link (the track named before it) read N²/2 of them.
    const stepsBack = (n: number): number => {
      const roots = contentNodes(`<p>In the <b>Go</b> devroom: ${units(n, keynote)}</p>`);
      let steps = 0;
      for (const node of allNodes(roots)) {
        let prev = node.prev;
        Object.defineProperty(node, "prev", {
          get: () => (steps++, prev),
          set: (value: AnyNode | null) => (prev = value),
        });
      }
      const entries = collectEntries(roots, BASE, () => 0);
      for (const entry of entries) toCandidates(entry, BASE);
      return steps;
    };
    const [small, large] = [stepsBack(1_000), stepsBack(2_000)];
    expect(small).toBeGreaterThan(1_000);
    expect(large).toBeLessThan(small * 2.5);
  });

  it.each([1_000, 2_000])("%i links to one title: one talk, its first ten recordings", (n) => {
    const { items } = read(`<p>${units(n, (i) => `the keynote <a href="${video(i)}">“Same Title”</a> and `)}</p>`);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ kind: "talk", title: "Same Title" });
    expect(items[0]!.links.map((l) => l.url)).toEqual(Array.from({ length: 10 }, (_, i) => video(i)));
  });
});

describe("markup nested thousands deep", () => {
  const list = `<h1>DevConf 2025 recap</h1><p>The talks I saw at DevConf 2025.</p><ul>${units(
    5,
    (i) => `<li><a href="${video(i)}">Scaling Postgres Reads, Part ${i}</a> — Jane Doe, Acme</li>`,
  )}</ul>`;
  const nested = (depth: number) => `<p>${`<a href="${video(1)}">T</a><span>`.repeat(depth)}${"</span>".repeat(depth)}</p>`;

  it.each([2, 4])("%i× MAX_PARSE_DEPTH: the parse stops at the cap, and what came before it is all there", (times) => {
    const roots = contentNodes(list + nested(times * MAX_PARSE_DEPTH) + list);
    expect(maxDepth(roots)).toBeLessThanOrEqual(MAX_PARSE_DEPTH);
    // The list's links, then one link per level up to the cap: nothing parsed past it (not the list after).
    expect(elementsWhere((el) => el.name === "a", roots).length).toBeLessThanOrEqual(5 + MAX_PARSE_DEPTH);

    const { items } = read(list + nested(times * MAX_PARSE_DEPTH) + list);
    expect(items.map((i) => i.title)).toEqual(titles(5, (i) => `Scaling Postgres Reads, Part ${i}`));
  });

  it("2× and 4× the cap read the same", () => {
    expect(read(list + nested(2 * MAX_PARSE_DEPTH))).toEqual(read(list + nested(4 * MAX_PARSE_DEPTH)));
  });

  it("under the cap, the page is read whole", () => {
    const roots = contentNodes(nested(MAX_PARSE_DEPTH - 8) + list);
    expect(elementsWhere((el) => el.name === "li", roots)).toHaveLength(5);
    expect(read(nested(MAX_PARSE_DEPTH - 8) + list).items).toHaveLength(5);
  });
});

function allNodes(roots: AnyNode[]): AnyNode[] {
  const out: AnyNode[] = [];
  const stack = [...roots];
  while (stack.length > 0) {
    const node = stack.pop()!;
    out.push(node);
    if ("children" in node) stack.push(...node.children);
  }
  return out;
}

function maxDepth(roots: AnyNode[]): number {
  let max = 0;
  const stack: [AnyNode, number][] = roots.map((node) => [node, 1]);
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    max = Math.max(max, depth);
    if ("children" in node) for (const child of node.children) stack.push([child, depth + 1]);
  }
  return max;
}
