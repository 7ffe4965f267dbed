// How the Slack function is bundled: said once for the deploy (stacks/http.ts hands SST the
// `nodejs` options below, whose plugins are this file's default export), the size budget's test
// (test/functions/bundle.test.ts) and the bench, which build it with the esbuild options SST's
// Node runtime uses (sstBuildOptions).
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The Slack function's bundle may not grow past this: all of its files together (with splitting,
 * the entry, the chunks it loads at start and those loaded on demand).
 */
export const HTTP_BUNDLE_BUDGET_BYTES = 1.2 * 1024 * 1024;

/**
 * The Slack function's `nodejs` options, as stacks/http.ts gives them to SST. Minified: SST's
 * documentation says that is the default, but its runtime minifies only when `minify` is set. And
 * split: the AWS SDK reaches what Lambda never runs through import() — the credential providers
 * other than the environment's (SSO, STS, INI files, containers…) and their clients, the browsers'
 * user-agent parser — and esbuild puts those in chunks loaded only if imported, so a cold start
 * reads and compiles ~150 KB less.
 */
export const SLACK_FUNCTION_NODEJS = { plugins: "./functions/lib/slack-bundle.mjs", minify: true, splitting: true };

/**
 * The esbuild options SST's Node runtime (pkg/runtime/node/build.go, SST 4.17) builds an ESM
 * function with, for `nodejs` options as stacks/ gives them: keepNames, the `module` field before
 * `main`, ES2024 (its target for nodejs24.x, sst.config.ts's runtime), its banner (require,
 * __filename, __dirname), minified only when asked; the entry is bundle.mjs, with splitting beside
 * its chunks. Source maps are left out: SST keeps them out of the function's package.
 */
export function sstBuildOptions(nodejs, { entry, outdir, plugins }) {
  return {
    entryPoints: [entry],
    platform: "node",
    format: "esm",
    target: "es2024",
    bundle: true,
    keepNames: true,
    mainFields: ["module", "main"],
    plugins,
    ...(nodejs.minify ? { minifyWhitespace: true, minifySyntax: true, minifyIdentifiers: true } : {}),
    ...(nodejs.splitting
      ? { splitting: true, outdir, entryNames: "bundle", outExtension: { ".js": ".mjs" } }
      : { outfile: join(outdir, "bundle.mjs") }),
    banner: {
      js: [
        `import { createRequire as topLevelCreateRequire } from 'module';`,
        `const require = topLevelCreateRequire(import.meta.url);`,
        `import { fileURLToPath as topLevelFileUrlToPath, URL as topLevelURL } from "url"`,
        `const __filename = topLevelFileUrlToPath(import.meta.url)`,
        `const __dirname = topLevelFileUrlToPath(new topLevelURL(".", import.meta.url))`,
        "",
      ].join("\n"),
    },
  };
}

/**
 * Packages the Slack function never runs, replaced in its bundle by a stand-in that throws if
 * anything ever constructs them. Bolt's index loads every receiver: Socket Mode's (a WebSocket
 * client and undici), Express's (express, its body parsers, charset tables and MIME database) and,
 * for their OAuth flows, @slack/oauth (jsonwebtoken, semver: ~90 KB, evaluated at load). The
 * Function URL hands Slack's requests to our own receiver and authorizes with the one bot token,
 * so none is constructed (absent-receivers.ts). rss-parser is the feed parser's, which other
 * functions run: the Slack function's code never reaches it, but its import() would still
 * become a chunk of the split bundle (absent-feed-parser.ts).
 */
const STAND_INS = {
  "@slack/socket-mode": "absent-receivers.ts",
  express: "absent-receivers.ts",
  "raw-body": "absent-receivers.ts",
  "@slack/oauth": "absent-receivers.ts",
  "rss-parser": "absent-feed-parser.ts",
};
export const ABSENT_PACKAGES = Object.keys(STAND_INS);

/**
 * Every resolution, the path checked in the callback: SST hands a function's plugins to esbuild
 * through a bridge (.sst/platform/functions/nodejs-runtime/plugin.mjs) that tests each `filter`
 * against a field its Go side does not send (the bridge sees `undefined`), so a narrower filter
 * would never fire in a deploy, only here. `.*` matches there too; the cost is build time alone.
 */
const EVERY_PATH = /.*/;

export const absentReceivers = {
  name: "recap-absent-receivers",
  setup(build) {
    build.onResolve({ filter: EVERY_PATH }, (args) =>
      Object.hasOwn(STAND_INS, args.path) ? { path: fileURLToPath(new URL(`./${STAND_INS[args.path]}`, import.meta.url)) } : undefined,
    );
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
    build.onResolve({ filter: EVERY_PATH }, (args) => (args.path === "stopword" ? { path: source } : undefined));
  },
};

export default [absentReceivers, englishStopWordsOnly];
