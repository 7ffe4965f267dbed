// How the Slack function is bundled, besides SST's defaults (esbuild, ESM, minified): said once for
// the deploy (stacks/http.ts hands this file to SST as its esbuild plugins), the size budget's test
// (test/functions/bundle.test.ts) and the bench.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The Slack function's bundle may not grow past this. */
export const HTTP_BUNDLE_BUDGET_BYTES = 1.2 * 1024 * 1024;

/**
 * Bolt's index loads every receiver: Socket Mode's (a WebSocket client and undici) and Express's
 * (express, its body parsers, charset tables and MIME database), about 1.3 MB minified. The
 * Function URL hands Slack's requests to our own receiver, so in its bundle those packages are a
 * stand-in that throws if anything ever constructs them (absent-receivers.ts).
 */
export const ABSENT_PACKAGES = ["@slack/socket-mode", "express", "raw-body"];

const ABSENT = fileURLToPath(new URL("./absent-receivers.ts", import.meta.url));
const escape = (name) => name.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

export const absentReceivers = {
  name: "recap-absent-receivers",
  setup(build) {
    const filter = new RegExp(`^(?:${ABSENT_PACKAGES.map(escape).join("|")})$`);
    build.onResolve({ filter }, () => ({ path: ABSENT }));
  },
};

/**
 * stopword's `main` is one CommonJS file of all its 62 languages (236 KB); search needs English's
 * list alone. Its ES source exports each language apart, so esbuild keeps only the one imported.
 */
export const englishStopWordsOnly = {
  name: "recap-english-stop-words",
  setup(build) {
    const source = join(dirname(createRequire(import.meta.url).resolve("stopword/package.json")), "src", "stopword.js");
    build.onResolve({ filter: /^stopword$/ }, () => ({ path: source }));
  },
};

export default [absentReceivers, englishStopWordsOnly];
