/**
 * The Slack function's bundle, built as SST builds it (esbuild, ESM, minified, with its plugins):
 * within its size budget, and without what only other functions use — Socket Mode, Express, the
 * feed fetcher and its charset tables.
 */
import { describe, expect, it } from "vitest";
import { build } from "esbuild";
import plugins, { ABSENT_PACKAGES, HTTP_BUNDLE_BUDGET_BYTES } from "../../functions/lib/slack-bundle.mjs";

describe("the Slack function's bundle", () => {
  it("stays within its size budget and leaves out what it never runs", async () => {
    const result = await build({
      entryPoints: ["functions/http.ts"],
      bundle: true,
      platform: "node",
      format: "esm",
      target: "node20",
      minify: true,
      write: false,
      outfile: "http.mjs",
      metafile: true,
      logLevel: "silent",
      plugins,
    });
    const [output] = Object.values(result.metafile.outputs);
    expect(output?.bytes).toBeGreaterThan(100_000); // it is the function, not an empty file
    expect(output?.bytes).toBeLessThanOrEqual(HTTP_BUNDLE_BUDGET_BYTES);

    // What made it into the output (esbuild reads more, and drops what nothing uses).
    const inputs = Object.entries(output?.inputs ?? {})
      .filter(([, input]) => input.bytesInOutput > 0)
      .map(([path]) => path);
    const packages = new Set(inputs.map((path) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1]).filter(Boolean));
    for (const absent of [...ABSENT_PACKAGES, "undici", "ws", "iconv-lite", "body-parser", "mime-db"])
      expect(packages).not.toContain(absent);
    // Our fetcher stays with the functions that read feeds.
    expect(inputs.filter((path) => path.includes("packages/core/src/http/"))).toEqual([]);
    expect(packages).toContain("@slack/bolt");
    expect(packages).toContain("hono");
  });
});
