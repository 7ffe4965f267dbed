/**
 * `npx tsx bench/cold.ts` — section 4(a) alone: the Slack function's bundled cold start (bench/slack.ts),
 * against a small seeded store. BENCH_COLD_SPAWNS sets the processes (default 5); BENCH_COLD_PROFILE
 * works as in the full bench.
 */
import { startEnv } from "./env";
import { benchSlack } from "./slack";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

const env = await startEnv();
try {
  const spawns = Number(process.env.BENCH_COLD_SPAWNS ?? 5);
  const options = { feeds: 10, items: 100, spawns, warmup: 0, iterations: 0, minIterations: 0, budgetMsPerCase: 0 };
  console.log((await benchSlack(env, { ...options, coldBundleOnly: true })).report);
} finally {
  await env.close();
}
