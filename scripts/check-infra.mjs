#!/usr/bin/env node
// Type-checks sst.config.ts and stacks/ against the real SST platform types: what `sst deploy` would
// compile, so a wrong argument fails `npm test`, not a deploy. `sst install` writes the types to
// .sst/platform from the npm registry alone (no AWS account, no Bun); they are kept there and
// fetched again only when the installed sst changes.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(fileURLToPath(new URL("..", import.meta.url)));
const PLATFORM = join(ROOT, ".sst/platform");
const sstVersion = JSON.parse(readFileSync(join(ROOT, "node_modules/sst/package.json"), "utf8")).version;

function installed() {
  try {
    return existsSync(join(PLATFORM, "config.d.ts")) && readFileSync(join(PLATFORM, "version"), "utf8").trim() === sstVersion;
  } catch {
    return false;
  }
}

function run(command, args, env = {}) {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, ...env } });
  return result.status ?? 1;
}

if (!installed()) {
  console.error(`check:infra: fetching the SST ${sstVersion} platform types (sst install, once)…`);
  const status = run(join(ROOT, "node_modules/.bin/sst"), ["install"], {
    SST_SKIP_DEPENDENCY_CHECK: "1",
    SST_NO_BUN: "1",
    SST_TELEMETRY_DISABLED: "1",
    // `sst install` wants a stage; installing providers does not depend on which.
    SST_STAGE: process.env.SST_STAGE || "typecheck",
  });
  if (status !== 0 || !installed()) {
    console.error("check:infra: `sst install` did not complete; it needs the npm registry. Run `npm run check:infra` again when online.");
    process.exit(1);
  }
}
process.exit(run(process.execPath, [join(ROOT, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.infra.json"]));
