/**
 * The launcher behind `recap` and `npm start`: a bundle is used only while every file it was built
 * from is unchanged, and a run builds it when it is missing or stale.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundleFor, upToDate } from "../../packages/local/bin/launch.js";

const launcher = resolve("packages/local/bin/launch.js");

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "recap-launch-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function stamp(bundle: string, files: string[]) {
  const inputs: Record<string, { size: number; mtimeMs: number }> = {};
  for (const file of files) {
    const { size, mtimeMs } = await stat(file);
    inputs[file] = { size, mtimeMs };
  }
  await writeFile(`${bundle}.inputs.json`, JSON.stringify({ entry: "cli", inputs }));
}

describe("a built bundle", () => {
  it("is up to date only while every file it was built from is unchanged", async () => {
    const bundle = join(dir, "cli.cjs");
    const source = join(dir, "source.ts");
    const other = join(dir, "other.ts");
    await writeFile(source, "export const a = 1;\n");
    await writeFile(other, "export const b = 2;\n");
    expect(upToDate(bundle)).toBe(false); // never built

    await stamp(bundle, [source, other]);
    expect(upToDate(bundle)).toBe(false); // a stamp without its bundle
    await writeFile(bundle, "export {};\n");
    expect(upToDate(bundle)).toBe(true);

    // Edited: the size differs, or only the time (the same length of text).
    await writeFile(source, "export const a = 10;\n");
    expect(upToDate(bundle)).toBe(false);
    await stamp(bundle, [source, other]);
    const later = new Date(Date.parse("2030-01-01T00:00:00Z"));
    await utimes(other, later, later);
    expect(upToDate(bundle)).toBe(false);

    // Gone.
    await stamp(bundle, [source, other]);
    await rm(other);
    expect(upToDate(bundle)).toBe(false);

    // A stamp that is not JSON is no stamp.
    await writeFile(`${bundle}.inputs.json`, "{");
    expect(upToDate(bundle)).toBe(false);
  });

  it("is built on first use into its own directory, with a stamp of what it was built from, and runs", async () => {
    // Inside the package, so the bundle finds the packages it leaves out (dynalite) as the real one does.
    const dist = await mkdtemp(join("packages/local", ".dist-test-"));
    try {
      const bundle = await bundleFor("cli", dist);
      expect(bundle).toBe(join(dist, "cli.cjs"));
      expect(upToDate(bundle)).toBe(true);
      const inputs = Object.keys(JSON.parse(await readFile(`${bundle}.inputs.json`, "utf8")).inputs);
      expect(inputs).toEqual(
        expect.arrayContaining([resolve("packages/local/src/cli.ts"), resolve("packages/core/src/commands/grammar.ts")]),
      );
      const { stdout } = await promisify(execFile)(process.execPath, [bundle, "help", "--json"]);
      expect(JSON.parse(stdout)).toEqual(expect.arrayContaining([expect.objectContaining({ usage: expect.stringMatching(/^posts /) })]));
    } finally {
      await rm(dist, { recursive: true, force: true });
    }
  });
});

describe("running a bundle with V8's code cache", () => {
  const runBundle = async (bundle: string) => {
    const script = `import { runBundle } from ${JSON.stringify(launcher)}; runBundle(${JSON.stringify(bundle)});`;
    const { stdout } = await promisify(execFile)(process.execPath, ["--input-type=module", "-e", script]);
    return stdout;
  };

  it("caches the compiled bundle at exit and never runs a cache made for other text, even of the same length", async () => {
    const dist = await mkdtemp(join(dir, "dist-"));
    const bundle = join(dist, "cli.cjs");
    const program = (word: string) =>
      `const greet = (name) => "${word}, " + name; console.log(greet(require("node:path").basename(__filename)));\n`;
    await writeFile(bundle, program("hello"));
    expect(await runBundle(bundle)).toBe("hello, cli.cjs\n");
    const [first, ...others] = await readdir(join(dist, ".code-cache"));
    expect(others).toEqual([]);
    expect(first).toMatch(/^cli\.cjs-[0-9a-f]{32}$/);
    expect(await runBundle(bundle)).toBe("hello, cli.cjs\n"); // from the cache

    // V8 checks only a cached script's length: text of the same length must get its own cache.
    await writeFile(bundle, program("howdy"));
    expect(await runBundle(bundle)).toBe("howdy, cli.cjs\n");
    const after = await readdir(join(dist, ".code-cache"));
    expect(after).toHaveLength(1);
    expect(after[0]).not.toBe(first);
  });
});
