/** The one truncator (shared/truncate.ts): every stored and shown length limit cuts text this way. */
import { describe, expect, it } from "vitest";
import { truncate } from "../../packages/core/src/shared/truncate";

describe("truncate", () => {
  it("keeps short text and cuts long text at a word with an ellipsis", () => {
    expect(truncate("short", 10)).toBe("short");
    expect(truncate("the quick brown fox jumps", 16)).toBe("the quick brown…");
    expect(truncate("abcdefghijklmnop", 5)).toBe("abcd…");
    expect(truncate("anything", 0)).toBe("");
  });

  it("never splits a surrogate pair", () => {
    const text = "🚀".repeat(10);
    for (let max = 1; max < text.length; max++) {
      const cut = truncate(text, max);
      expect(cut.length).toBeLessThanOrEqual(max);
      expect(cut).toMatch(/^(🚀)*…$/u);
    }
  });

  it("returns short text unchanged", () => {
    expect(truncate("short", 10)).toBe("short");
    expect(truncate("exactly ten", 11)).toBe("exactly ten");
  });

  it("cuts at the last whitespace and adds an ellipsis", () => {
    expect(truncate("The quick brown fox jumps over the lazy dog", 20)).toBe("The quick brown fox…");
    expect(truncate("Hello, world and more", 8)).toBe("Hello…"); // Trailing comma dropped.
  });

  it("hard-cuts when the last whitespace is too far back", () => {
    expect(truncate("a supercalifragilisticexpialidocious word", 20)).toBe("a supercalifragilis…");
    expect(truncate("x".repeat(50), 10)).toBe(`${"x".repeat(9)}…`);
  });

  it("never splits a surrogate pair and never exceeds max", () => {
    expect(truncate("😀".repeat(10), 6)).toBe("😀😀…");
    const text = "Cloud 🌩️ native 🚀 recaps from KubeCon — with 𝒻𝒶𝓃𝒸𝓎 letters and more words ".repeat(20);
    for (let max = 1; max < 200; max++) {
      const cut = truncate(text, max);
      expect(cut.length).toBeLessThanOrEqual(max);
      expect(cut.endsWith("…")).toBe(true);
      expect(/[\ud800-\udbff](?![\udc00-\udfff])/.test(cut)).toBe(false);
    }
  });

  it("never leaves an emoji sequence's joiner dangling at the cut", () => {
    const family = "👩\u200D👩\u200D👧";
    for (let max = 1; max <= family.length + 4; max++) {
      const cut = truncate(`${family} and friends`, max);
      expect(cut.length).toBeLessThanOrEqual(max);
      expect(cut).not.toMatch(/[\u200D\uFE0E\uFE0F]…$/u);
    }
  });
});
