/**
 * The Slack function's bundle, built as SST builds it (esbuild, ESM, minified, with its plugins):
 * within its size budget, and without what only other functions use — Socket Mode, Express, the
 * feed fetcher and its charset tables.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { build, type BuildOptions } from "esbuild";
import plugins, { ABSENT_PACKAGES, HTTP_BUNDLE_BUDGET_BYTES } from "../../functions/lib/slack-bundle.mjs";
import { SIGNING_SECRET, slackHeaders, slashCommand } from "../helpers/slack";

/** As SST builds a function: one ESM file, minified, with the function's plugins. */
const AS_SST_DOES: BuildOptions = {
  entryPoints: ["functions/http.ts"],
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  minify: true,
  plugins,
  // CommonJS dependencies call require() for Node's own modules; an ESM bundle needs one.
  banner: { js: "import { createRequire as __recapRequire } from 'node:module'; const require = __recapRequire(import.meta.url);" },
};

const dir = mkdtempSync(join(tmpdir(), "recap-bundle-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the Slack function's bundle", () => {
  it("stays within its size budget and leaves out what it never runs", async () => {
    const result = await build({ ...AS_SST_DOES, write: false, outfile: "http.mjs", metafile: true, logLevel: "silent" });
    const [output] = Object.values(result.metafile.outputs);
    expect(output?.bytes).toBeGreaterThan(100_000); // it is the function, not an empty file
    expect(output?.bytes).toBeLessThanOrEqual(HTTP_BUNDLE_BUDGET_BYTES);

    // What made it into the output (esbuild reads more, and drops what nothing uses).
    const inputs = Object.entries(output?.inputs ?? {})
      .filter(([, input]) => input.bytesInOutput > 0)
      .map(([path]) => path);
    const packages = new Set(inputs.map((path) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1]).filter(Boolean));
    for (const absent of [...ABSENT_PACKAGES, "undici", "ws", "iconv-lite", "body-parser", "mime-db", "htmlparser2", "entities"])
      expect(packages).not.toContain(absent);
    // Our fetcher, the feed parsers and the recap extractor stay with the functions that read feeds.
    expect(inputs.filter((path) => /packages\/core\/src\/(?:http|feeds\/parse|recaps)\//.test(path))).toEqual([]);
    expect(packages).toContain("@slack/bolt");
    expect(packages).toContain("hono");
  });

  it("runs: a fresh process imports it as Lambda does and answers a signed /recap help", async () => {
    const file = join(dir, "http.mjs");
    await build({ ...AS_SST_DOES, outfile: file, logLevel: "silent" });
    const body = slashCommand("help");
    const event = {
      version: "2.0",
      rawPath: "/slack/events",
      rawQueryString: "",
      headers: { host: "abc.lambda-url.us-east-1.on.aws", ...slackHeaders(body, new Date()) },
      requestContext: { http: { method: "POST", path: "/slack/events", sourceIp: "203.0.113.9" }, requestId: "r1", timeEpoch: Date.now() },
      body: Buffer.from(body).toString("base64"),
      isBase64Encoded: true,
    };
    const resource = (value: Record<string, string>) => JSON.stringify(value);
    const env = {
      PATH: process.env.PATH,
      SST_RESOURCE_RecapTable: resource({ name: "recap" }),
      SST_RESOURCE_RecapBus: resource({ name: "recap-bus" }),
      SST_RESOURCE_SlackSigningSecret: resource({ value: SIGNING_SECRET }),
      SST_RESOURCE_SlackBotToken: resource({ value: "xoxb-test" }),
      SST_RESOURCE_RecapSlackTeamIds: resource({ value: "T0001" }),
      AWS_REGION: "us-east-1",
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
      BENCH_LAMBDA_EVENTS: JSON.stringify([{ label: "help", event }]),
    };
    const output = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, ["bench/lambda-child.mjs", pathToFileURL(file).href], { env });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (chunk) => (stdout += chunk));
      child.stderr.on("data", (chunk) => (stderr += chunk));
      child.on("exit", (code) => (code === 0 ? resolve(stdout) : reject(new Error(`exited ${code}: ${stderr.slice(-1000)}`))));
    });
    const result = JSON.parse(/^BENCH_RESULT (.*)$/m.exec(output)?.[1] ?? "null") as { answers: { status: number; body: string }[] };
    expect(result.answers[0]?.status).toBe(200);
    expect(result.answers[0]?.body).toMatch(/search (&lt;|<)words/);
  });
});
