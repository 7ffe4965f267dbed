/**
 * `npm start`: Recap on this machine. Starts the local database (kept in .recap/ unless
 * RECAP_IN_MEMORY=1), follows the default feeds on first start, and runs the same schedules and
 * bus subscribers as production. Use the `recap` CLI in another terminal while it runs.
 */
import { seedDefaultFeeds } from "@recap/core/feeds";
import { advertiseServer, openLocalRecap } from "./environment";
import { startSchedules } from "./scheduler";

const recap = await openLocalRecap({ port: Number(process.env.RECAP_DYNAMODB_PORT ?? 0) });
const withdraw = recap.dataDir && recap.ownsDatabase ? advertiseServer(recap.dataDir, recap.endpoint) : () => {};
if (!recap.ownsDatabase) {
  console.error(`Recap is already running on ${recap.dataDir}. Stop it first, or set RECAP_DATA_DIR to run another.`);
  await recap.close();
  process.exit(1);
}

const seeded = process.env.RECAP_SEED_DEFAULT_FEEDS === "false" ? 0 : await seedDefaultFeeds(recap.deps);
console.log(
  [
    `Recap is running (${recap.dataDir ? `data in ${recap.dataDir}` : "in memory"}, DynamoDB on ${recap.endpoint}).`,
    seeded > 0 ? `Following ${seeded} well-known cloud-native blogs to start with (offline they just record errors).` : "",
    `Feeds are polled every few minutes when due. In another terminal, try:`,
    `  npx recap feeds      npx recap posts --limit 5      npx recap add <url>`,
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
  withdraw();
  await recap.close();
  process.exit(0);
}
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
