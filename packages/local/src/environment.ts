/**
 * Recap on one machine, wired exactly like Lambda but with local adapters: dynalite instead of
 * DynamoDB, an in-process bus instead of EventBridge. The handlers are the same.
 *
 * The data directory belongs to one process at a time (LevelDB locks it). While `npm start` runs it
 * publishes its dynalite port in `<dataDir>/server.json`, and CLI commands talk to that server
 * instead of opening the directory themselves.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { loadConfig, type RecapConfig } from "@recap/core/config";
import { localBus, type LocalBus } from "@recap/core/events";
import type { FeedFetcher } from "@recap/core/feeds";
import { createDeps, SUBSCRIPTIONS, subscriptionHandlers, type RecapDeps, type SubscriptionName } from "@recap/core/runtime";
import { consoleLogger, type Logger } from "@recap/core/shared";
import { connectTable } from "@recap/core/store";
import { ensureTable, LOCAL_AWS, LOCAL_TABLE_NAME, startDynalite, type DynaliteServer } from "./dynalite";

// The SDK nags about Node 20 on every process start; local runs support Node 20 on purpose.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

export interface LocalOptions {
  /** Where data lives; default RECAP_DATA_DIR or ./.recap */
  dataDir?: string;
  /** Throwaway run: nothing written to disk. */
  inMemory?: boolean;
  env?: Record<string, string | undefined>;
  clock?: () => Date;
  log?: Logger;
  fetchFeed?: FeedFetcher;
  /** Listen on this dynalite port (0: any free one). */
  port?: number;
}

export interface LocalRecap {
  deps: RecapDeps;
  bus: LocalBus;
  config: RecapConfig;
  endpoint: string;
  dataDir?: string;
  /** False when this process borrowed a running `npm start`'s database. */
  ownsDatabase: boolean;
  close(): Promise<void>;
}

interface ServerInfo {
  pid: number;
  endpoint: string;
}

export function resolveDataDir(options: Pick<LocalOptions, "dataDir" | "env">): string {
  const env = options.env ?? process.env;
  return resolve(options.dataDir ?? env.RECAP_DATA_DIR ?? ".recap");
}

export async function openLocalRecap(options: LocalOptions = {}): Promise<LocalRecap> {
  const env = options.env ?? process.env;
  const log = options.log ?? consoleLogger;
  const inMemory = options.inMemory ?? (env.RECAP_IN_MEMORY === "1" || env.RECAP_IN_MEMORY === "true");
  const dataDir = inMemory ? undefined : resolveDataDir(options);

  let server: DynaliteServer | undefined;
  let endpoint = dataDir ? runningServer(dataDir)?.endpoint : undefined;
  if (!endpoint) {
    if (dataDir) mkdirSync(dataDir, { recursive: true });
    server = await startDynalite({ path: dataDir ? join(dataDir, "db") : undefined, port: options.port }).catch((error: unknown) => {
      throw lockedHint(error, dataDir);
    });
    endpoint = server.endpoint;
  }
  await ensureTable(endpoint);

  const table = connectTable(LOCAL_TABLE_NAME, { endpoint, ...LOCAL_AWS });
  const bus = localBus(log);
  const config = loadConfig(env, "local");
  const deps = createDeps({ table, publisher: bus, config, clock: options.clock, log, fetchFeed: options.fetchFeed });
  for (const name of Object.keys(SUBSCRIPTIONS) as SubscriptionName[]) {
    bus.subscribe({
      name,
      detailTypes: SUBSCRIPTIONS[name].detailTypes,
      handle: (event) => subscriptionHandlers[name](event, deps),
    });
  }

  return {
    deps,
    bus,
    config,
    endpoint,
    dataDir,
    ownsDatabase: server !== undefined,
    async close() {
      await bus.idle();
      table.client.destroy();
      await server?.close();
    },
  };
}

/** Tells CLI commands where the running server's database is; returns a function that withdraws it. */
export function advertiseServer(dataDir: string, endpoint: string): () => void {
  const file = join(dataDir, "server.json");
  writeFileSync(file, JSON.stringify({ pid: process.pid, endpoint } satisfies ServerInfo));
  return () => rmSync(file, { force: true });
}

function runningServer(dataDir: string): ServerInfo | undefined {
  const file = join(dataDir, "server.json");
  if (!existsSync(file)) return undefined;
  try {
    const info = JSON.parse(readFileSync(file, "utf8")) as ServerInfo;
    process.kill(info.pid, 0); // throws when no such process
    return info;
  } catch {
    return undefined; // a stale file from a server that died
  }
}

function lockedHint(error: unknown, dataDir: string | undefined): Error {
  const message = error instanceof Error ? error.message : String(error);
  if (dataDir && /lock/i.test(message)) {
    return new Error(`Another Recap process is using ${dataDir} (is a recap command still running?). Try again in a moment.`);
  }
  return error instanceof Error ? error : new Error(message);
}
