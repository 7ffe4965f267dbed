/**
 * The Slack function's bundle, built as SST builds it (its Node runtime's esbuild options for the
 * `nodejs` options stacks/http.ts gives: minified, split, with its plugins): within its size
 * budget, and without what only other functions use — Socket Mode, Express, the feed fetcher and
 * its charset tables.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { build, type BuildOptions } from "esbuild";
import plugins, {
  ABSENT_PACKAGES,
  HTTP_BUNDLE_BUDGET_BYTES,
  SLACK_FUNCTION_NODEJS,
  sstBuildOptions,
} from "../../functions/lib/slack-bundle.mjs";
import { SIGNING_SECRET, slackHeaders, slashCommand } from "../helpers/slack";

const dir = mkdtempSync(join(tmpdir(), "recap-bundle-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** As SST builds the function, into `outdir`. */
const asSstDoes = (outdir: string): BuildOptions => ({
  ...sstBuildOptions(SLACK_FUNCTION_NODEJS, { entry: "functions/http.ts", outdir, plugins }),
  absWorkingDir: process.cwd(),
});

describe("the Slack function's bundle", () => {
  it("stays within its size budget and leaves out what it never runs", async () => {
    const result = await build({ ...asSstDoes(join(dir, "sized")), write: false, metafile: true, logLevel: "silent" });
    const outputs = Object.values(result.metafile.outputs);
    const entry = outputs.find((output) => output.entryPoint === "functions/http.ts");
    expect(entry?.bytes).toBeGreaterThan(100_000); // it is the function, not an empty file
    // Every file of it: the entry, the chunks it loads at start and those loaded on demand.
    expect(outputs.reduce((sum, output) => sum + output.bytes, 0)).toBeLessThanOrEqual(HTTP_BUNDLE_BUDGET_BYTES);

    // What made it into the output (esbuild reads more, and drops what nothing uses).
    const inputs = outputs.flatMap((output) =>
      Object.entries(output.inputs)
        .filter(([, input]) => input.bytesInOutput > 0)
        .map(([path]) => path),
    );
    const packages = new Set(inputs.map((path) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1]).filter(Boolean));
    for (const absent of [...ABSENT_PACKAGES, "undici", "ws", "iconv-lite", "body-parser", "mime-db", "htmlparser2", "entities"])
      expect(packages).not.toContain(absent);
    // Our fetcher, the feed parsers and the recap extractor stay with the functions that read feeds.
    expect(inputs.filter((path) => /packages\/core\/src\/(?:http|feeds\/parse|recaps)\//.test(path))).toEqual([]);
    expect(packages).toContain("@slack/bolt");
    expect(packages).toContain("hono");
  });

  it("runs: a fresh process imports it as Lambda does and answers a signed /recap help", async () => {
    await build({ ...asSstDoes(join(dir, "run")), logLevel: "silent" });
    const file = join(dir, "run", "bundle.mjs");
    const now = new Date();
    const event = (method: string, path: string, body?: string, headers: Record<string, string> = {}) => ({
      version: "2.0",
      rawPath: path,
      rawQueryString: "",
      headers: { host: "abc.lambda-url.us-east-1.on.aws", ...headers },
      requestContext: { http: { method, path, sourceIp: "203.0.113.9" }, requestId: "r1", timeEpoch: now.getTime() },
      ...(body === undefined ? { isBase64Encoded: false } : { body: Buffer.from(body).toString("base64"), isBase64Encoded: true }),
    });
    const help = slashCommand("help");
    const challenge = JSON.stringify({ type: "url_verification", challenge: "c1" });
    const events = [
      { label: "help", event: event("POST", "/slack/events", help, slackHeaders(help, now)) },
      // Slack's POSTs are read from the event itself (functions/lib/function-url.ts): the same answers
      // as through the Hono app, down to the content type.
      {
        label: "forged",
        event: event("POST", "/slack/events", help, { ...slackHeaders(help, now), "x-slack-signature": `v0=${"0".repeat(64)}` }),
      },
      {
        label: "challenge",
        event: event("POST", "/slack/events", challenge, { ...slackHeaders(challenge, now), "content-type": "application/json" }),
      },
      { label: "health", event: event("GET", "/health") },
      { label: "elsewhere", event: event("POST", "/slack/events/", help, slackHeaders(help, now)) },
    ];
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
      BENCH_LAMBDA_EVENTS: JSON.stringify(events),
    };
    const output = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, ["bench/lambda-child.mjs", pathToFileURL(file).href], { env });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (chunk) => (stdout += chunk));
      child.stderr.on("data", (chunk) => (stderr += chunk));
      child.on("exit", (code) => (code === 0 ? resolve(stdout) : reject(new Error(`exited ${code}: ${stderr.slice(-1000)}`))));
    });
    type Answer = { status: number; body: string; headers?: Record<string, string>; isBase64Encoded?: boolean };
    const result = JSON.parse(/^BENCH_RESULT (.*)$/m.exec(output)?.[1] ?? "null") as { answers: Answer[] };
    expect(result.answers[0]?.status).toBe(200);
    expect(result.answers[0]?.body).toMatch(/search (&lt;|<)words/);
    const [, forged, answered, health, elsewhere] = result.answers;
    const text = { "content-type": "text/plain;charset=UTF-8" };
    const json = { "content-type": "application/json" };
    expect(result.answers[0]).toMatchObject({ headers: json, isBase64Encoded: false });
    expect(forged).toMatchObject({ status: 401, body: "Unauthorized", headers: text, isBase64Encoded: false });
    expect(answered).toMatchObject({ status: 200, body: JSON.stringify({ challenge: "c1" }), headers: json, isBase64Encoded: false });
    expect(health).toMatchObject({ status: 200, body: JSON.stringify({ ok: true, slack: "configured" }), headers: json });
    expect(elsewhere).toMatchObject({ status: 404, body: "404 Not Found", headers: { "content-type": "text/plain; charset=UTF-8" } });
  });
});
