// Runs one of Recap's local entry points (the CLI, `npm start`) as built JavaScript: one bundle per
// entry, made by esbuild and kept in ../dist/. Transpiling TypeScript and resolving hundreds of
// modules on every run cost a `recap` command about a second; a bundle loads in a fraction of it.
// The bundle is rebuilt when any source file it was built from (or a manifest) has changed, so
// editing the code never runs a stale build.
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import module from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const LOCAL = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const ROOT = resolve(LOCAL, "../..");
const DIST = join(LOCAL, "dist");
/** What is never bundled: dynalite's LevelDB bindings are native code; iconv-lite's tables load on demand. */
const EXTERNAL = ["dynalite", "iconv-lite"];
/** Read by the build besides the sources esbuild reports. */
const MANIFESTS = ["package.json", "package-lock.json", "tsconfig.json", "packages/core/package.json", "packages/local/package.json"];

/** Builds `src/<entry>.ts` unless its bundle is up to date, then runs it. */
export async function launch(entry) {
  let bundle;
  try {
    bundle = await bundleFor(entry);
  } catch (error) {
    // A read-only install cannot keep a bundle: run the sources through tsx, slower but the same.
    if (!["EACCES", "EPERM", "EROFS"].includes(error?.code)) throw error;
    const { register } = await import("tsx/esm/api");
    register();
    await import(pathToFileURL(join(LOCAL, "src", `${entry}.ts`)).href);
    return;
  }
  // Node 22 and later keep V8's compiled code for the bundle between runs: compiling it is about a
  // fifth of a command's time. (Node 20 has no such cache; the call is skipped there.)
  module.enableCompileCache?.(join(dirname(bundle), ".compile-cache"));
  await import(pathToFileURL(bundle).href);
}

/** The path of `entry`'s bundle in `dist`, built first unless it is up to date. */
export async function bundleFor(entry, dist = DIST) {
  const bundle = join(dist, `${entry}.mjs`);
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
    format: "esm",
    external: EXTERNAL,
    alias: { "@recap/core": join(ROOT, "packages/core/src") },
    // CommonJS dependencies inside an ES module bundle still call require().
    banner: { js: "import { createRequire as __recapRequire } from 'node:module'; const require = __recapRequire(import.meta.url);" },
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
