// Runs one of Recap's local entry points (the CLI, `npm start`) as built JavaScript: one bundle per
// entry, made by esbuild and kept in ../dist/. Transpiling TypeScript and resolving hundreds of
// modules on every run cost a `recap` command about a second; a bundle loads in a fraction of it.
// The bundle is rebuilt when any source file it was built from (or a manifest) has changed, so
// editing the code never runs a stale build. It is CommonJS so that V8's compiled code for it can
// be kept between runs on every Node version (see runBundle).
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import Module from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import vm from "node:vm";

const LOCAL = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const ROOT = resolve(LOCAL, "../..");
const DIST = join(LOCAL, "dist");
/**
 * What is never bundled: dynalite's LevelDB bindings are native code; iconv-lite's tables load on
 * demand; the SQS and Lambda clients serve only `recap dlq --queue-url`, so no other command pays for them.
 */
const EXTERNAL = ["dynalite", "iconv-lite", "@aws-sdk/client-sqs", "@aws-sdk/client-lambda"];
/** Bundles an entry starts besides its own (as worker threads), built with it. */
const COMPANIONS = { start: ["parse-worker"] };
/** Read by the build besides the sources esbuild reports. */
const MANIFESTS = ["package.json", "package-lock.json", "tsconfig.json", "packages/core/package.json", "packages/local/package.json"];

/** Builds `src/<entry>.ts` unless its bundle is up to date, then runs it. */
export async function launch(entry) {
  let bundle;
  try {
    for (const companion of COMPANIONS[entry] ?? []) await bundleFor(companion);
    bundle = await bundleFor(entry);
  } catch (error) {
    // A read-only install cannot keep a bundle: run the sources through tsx, slower but the same.
    if (!["EACCES", "EPERM", "EROFS"].includes(error?.code)) throw error;
    const { register } = await import("tsx/esm/api");
    register();
    await import(pathToFileURL(join(LOCAL, "src", `${entry}.ts`)).href);
    return;
  }
  runBundle(bundle);
}

/**
 * Runs a CommonJS bundle as `require` would, with V8's code cache: parsing and compiling a megabyte
 * of JavaScript is about a quarter of a command's time, and the cache skips most of it. (Node 22's
 * module.enableCompileCache does this for any module, but not on Node 20.) The cache is named by a
 * hash of the bundle's text, because V8 itself checks only the text's length before trusting it.
 */
export function runBundle(bundle) {
  const source = readFileSync(bundle, "utf8");
  const cacheDir = join(dirname(bundle), ".code-cache");
  const name = `${bundle.split(/[\\/]/).pop()}-`;
  const cacheFile = join(cacheDir, `${name}${createHash("sha256").update(source).digest("hex").slice(0, 32)}`);
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    // not cached yet
  }
  const script = new vm.Script(Module.wrap(source), {
    filename: bundle,
    cachedData,
  });
  if (cachedData === undefined || script.cachedDataRejected) {
    // Made at exit, so that it also holds the functions this run compiled, not only the top level.
    process.once("exit", () => saveCodeCache(script, cacheDir, cacheFile, name));
  }
  const module = new Module(bundle);
  module.filename = bundle;
  module.paths = Module._nodeModulePaths(dirname(bundle));
  const require = Module.createRequire(bundle);
  script.runInThisContext()(module.exports, require, module, bundle, dirname(bundle));
}

function saveCodeCache(script, cacheDir, cacheFile, name) {
  try {
    mkdirSync(cacheDir, { recursive: true });
    for (const old of readdirSync(cacheDir)) if (old.startsWith(name)) rmSync(join(cacheDir, old), { force: true });
    const temporary = `${cacheFile}.${process.pid}.tmp`;
    writeFileSync(temporary, script.createCachedData());
    renameSync(temporary, cacheFile);
  } catch {
    // A cache is an optimisation: a read-only or full disk just means the next run compiles again.
  }
}

/** The path of `entry`'s bundle in `dist`, built first unless it is up to date. */
export async function bundleFor(entry, dist = DIST) {
  const bundle = join(dist, `${entry}.cjs`);
  if (!upToDate(bundle)) await build(entry, bundle);
  return bundle;
}

/** Whether the bundle exists and every file it was built from is as it was then (size and modification time). */
export function upToDate(bundle) {
  try {
    if (!existsSync(bundle)) return false;
    const { inputs } = JSON.parse(readFileSync(`${bundle}.inputs.json`, "utf8"));
    return Object.entries(inputs).every(([file, seen]) => {
      const stat = statSync(file);
      return stat.size === seen.size && stat.mtimeMs === seen.mtimeMs;
    });
  } catch {
    return false; // never built, or a file it was built from is gone
  }
}

async function build(entry, bundle) {
  const { build: esbuild } = await import("esbuild");
  mkdirSync(dirname(bundle), { recursive: true });
  // Files changed from here on may or may not be in the bundle: such a build gets no stamp, so the
  // next run builds again rather than trust it.
  const started = Date.now();
  // Written under a name of its own and renamed into place: two commands building at once never
  // run a half-written bundle.
  const temporary = `${bundle}.${process.pid}.tmp`;
  const result = await esbuild({
    absWorkingDir: ROOT,
    entryPoints: [join(LOCAL, "src", `${entry}.ts`)],
    outfile: temporary,
    bundle: true,
    platform: "node",
    format: "cjs",
    // import() of what stays outside the bundle becomes require(): all of it is CommonJS or Node's
    // own, and a script run from a code cache has no loader for import().
    supported: { "dynamic-import": false },
    external: EXTERNAL,
    alias: { "@recap/core": join(ROOT, "packages/core/src") },
    // import.meta.url, which CommonJS lacks, is the bundle's own file: code finds what sits beside it.
    define: { "import.meta.url": "__recapModuleUrl" },
    banner: { js: `var __recapModuleUrl = require("node:url").pathToFileURL(__filename).href;` },
    minify: true,
    metafile: true,
    logLevel: "warning",
  });
  renameSync(temporary, bundle);
  // Our own sources, the manifests (checking each bundled dependency file would cost more than it
  // saves: the lock file stands for them), and this file, which says how to build.
  const sources = Object.keys(result.metafile.inputs)
    .map((file) => resolve(ROOT, file))
    .filter((file) => !file.split(/[\\/]/).includes("node_modules"));
  const inputs = {};
  for (const file of [...sources, ...MANIFESTS.map((name) => join(ROOT, name)), fileURLToPath(import.meta.url)]) {
    const { size, mtimeMs } = statSync(file);
    if (mtimeMs >= started - 1) return; // changed while building
    inputs[file] = { size, mtimeMs };
  }
  writeFileSync(`${bundle}.inputs.json.${process.pid}.tmp`, JSON.stringify({ entry, inputs }, null, 2));
  renameSync(`${bundle}.inputs.json.${process.pid}.tmp`, `${bundle}.inputs.json`);
}
