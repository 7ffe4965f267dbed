/**
 * Before any test: the bundles `recap` and `npm start` run (packages/local/bin/launch.js) are built
 * if a source changed, so tests that start them measure Recap, not a build.
 */
import { bundleFor } from "../packages/local/bin/launch.js";

export async function setup(): Promise<void> {
  await bundleFor("cli");
  await bundleFor("start");
}
