/**
 * `npm start`: Recap on this machine. Starts the local database (kept in .recap/ unless
 * RECAP_IN_MEMORY=1), follows the default feeds on first start, and runs the same schedules and
 * bus subscribers as production. Use the `recap` CLI in another terminal while it runs.
 */
import { seedDefaultFeeds } from "@recap/core/feeds";
import { consoleLogger, messageOf } from "@recap/core/shared";
import { loadConfig } from "@recap/core/config";
import { advertiseServer, openLocalRecap } from "./environment";
import { startEventInbox } from "./event-inbox";
import { startWorkerParser } from "./feed-parser";
import { startSchedules } from "./scheduler";
import { startLocalSlack } from "./slack";

/** Who started this process (npm's shell, a terminal): read before anything that could take a while. */
const parent = process.ppid;

/**
 * Feeds are read in a worker thread: parse-worker's bundle beside this one (bin/launch.js builds
 * both), or, run from the sources, parse-worker.ts through tsx as this process is.
 */
function workerParser(budgetMs: number) {
  const here = import.meta.url;
  if (here.endsWith(".cjs")) return startWorkerParser({ file: new URL("parse-worker.cjs", here), budgetMs });
  const source = JSON.stringify(new URL("parse-worker.ts", here).href);
  return startWorkerParser({
    eval: true,
    file: `import("tsx/esm/api").then(({ register }) => { register(); return import(${source}); });`,
    budgetMs,
  });
}
// No top-level await: the bundle is CommonJS, so that V8 can cache its compiled code (bin/launch.js).
async function main(): Promise<void> {
  const parser = workerParser(loadConfig(process.env, "local").parseBudgetMs);
  const recap = await openLocalRecap({ port: Number(process.env.RECAP_DYNAMODB_PORT ?? 0), parseFeed: parser.parse });
  // Events raised by `npx recap …` in another terminal are handled here, by this one Recap.
  const inbox = recap.ownsDatabase && recap.dataDir ? await startEventInbox(recap.bus, consoleLogger) : undefined;
  const withdraw = recap.dataDir && recap.endpoint && recap.ownsDatabase ? advertiseServer(recap.dataDir, recap.endpoint, inbox) : () => {};
  if (!recap.ownsDatabase) {
    console.error(`Recap is already running on ${recap.dataDir}. Stop it first, or set RECAP_DATA_DIR (and PORT) to run another.`);
    await recap.close();
    process.exit(1);
  }

  const seeded = process.env.RECAP_SEED_DEFAULT_FEEDS === "false" ? 0 : await seedDefaultFeeds(recap.deps);
  const slack = await startLocalSlack(recap.deps, { port: Number(process.env.PORT || 3000) }).catch(async (error: unknown) => {
    // One line, not a stack: the usual cause is a busy PORT.
    console.error(messageOf(error));
    withdraw();
    await inbox?.close();
    await recap.close();
    process.exit(1);
  });
  const slackStatus =
    slack.modes.length === 0
      ? `Slack is not connected (set SLACK_BOT_TOKEN with SLACK_APP_TOKEN or SLACK_SIGNING_SECRET; see README, "Connect to Slack").`
      : `Slack: ${slack.modes.map((mode) => (mode === "http" ? `HTTP on ${slack.httpUrl}/slack/events` : "Socket Mode")).join(" and ")}.`;
  console.log(
    [
      `Recap is running (${recap.dataDir ? `data in ${recap.dataDir}` : "in memory"}, DynamoDB on ${recap.endpoint}).`,
      seeded > 0 ? `Following ${seeded} well-known cloud-native blogs to start with (offline they just record errors).` : "",
      recap.dataDir
        ? `Feeds are polled every few minutes when due. In another terminal, try:\n  npx recap feeds      npx recap latest      npx recap search kubernetes      npx recap add <url>`
        : `Feeds are polled every few minutes when due. In memory, this Recap is not reachable from \`npx recap\` (it would start its own); use Slack, or run without RECAP_IN_MEMORY.`,
      slackStatus,
      `HTTP endpoints (same as on Lambda): ${slack.httpUrl}/health and ${slack.httpUrl}/slack/events`,
      `Press Ctrl+C to stop.`,
    ]
      .filter(Boolean)
      .join("\n"),
  );

  const schedules = startSchedules(recap.deps);

  let stopping = false;
  async function stop() {
    if (stopping) return;
    stopping = true;
    console.log("\nStopping Recap…");
    await schedules.stop();
    await slack.stop();
    withdraw();
    await inbox?.close();
    await recap.close();
    await parser.close();
    process.exit(0);
  }
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  // A signal sent to `npm start`'s own process stops npm and its shell but not this one, which would
  // linger holding the port and the data. A new parent (see `parent`, read first thing) means
  // whoever started Recap is gone.
  setInterval(() => {
    if (process.ppid !== parent) void stop();
  }, 1000).unref();
}

void main();
