/** Where the terminal and `npm start` keep their data: the same place from anywhere in the project. */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveDataDir } from "@recap/local";

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "recap-project-"));
  await writeFile(join(root, "package.json"), "{}");
  await mkdir(join(root, "docs", "notes"), { recursive: true });
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("the data directory", () => {
  it("is .recap at the project root when none exists yet, from any subdirectory", () => {
    expect(resolveDataDir({ env: {}, cwd: join(root, "docs", "notes") })).toBe(join(root, ".recap"));
    expect(resolveDataDir({ env: {}, cwd: root })).toBe(join(root, ".recap"));
  });

  it("is the nearest existing .recap upwards", async () => {
    await mkdir(join(root, "docs", ".recap"));
    expect(resolveDataDir({ env: {}, cwd: join(root, "docs", "notes") })).toBe(join(root, "docs", ".recap"));
    await rm(join(root, "docs", ".recap"), { recursive: true });
  });

  it("is RECAP_DATA_DIR when set (an empty one counts as unset), or the option", () => {
    expect(resolveDataDir({ env: { RECAP_DATA_DIR: join(root, "elsewhere") }, cwd: root })).toBe(join(root, "elsewhere"));
    expect(resolveDataDir({ env: { RECAP_DATA_DIR: "" }, cwd: join(root, "docs") })).toBe(join(root, ".recap"));
    expect(resolveDataDir({ dataDir: join(root, "given"), env: {}, cwd: root })).toBe(join(root, "given"));
  });
});
