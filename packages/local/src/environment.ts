/**
 * Recap on one machine, wired exactly like Lambda but with local adapters: dynalite instead of
 * DynamoDB, an in-process bus instead of EventBridge. The handlers are the same.
 *
 * The data directory belongs to one process at a time (LevelDB locks it). While `npm start` runs it
 * publishes its dynalite port in `<dataDir>/server.json`, and CLI commands talk to that server
 * instead of opening the directory themselves — and hand it the events they raise (its event inbox,
 * advertised in the same file with a token), so the server is the one Recap that handles them.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { dirname, join, resolve } from "node:path";
import { loadConfig, type RecapConfig } from "@recap/core/config";
import { localBus, type LocalBus } from "@recap/core/events";
import { deadLetters, type DeadLetters } from "./dead-letters";
import { lockDataDir, processExists, type DirLock } from "./dir-lock";
import type { FeedFetcher } from "@recap/core/feeds";
import type { FeedParser } from "@recap/core/ports";
import {
  createDeps,
  depsFor,
  feedReader,
  SUBSCRIPTIONS,
  subscriptionHandlers,
  type RecapDeps,
  type SubscriptionName,
} from "@recap/core/runtime";
import { consoleLogger, type Logger, messageOf } from "@recap/core/shared";
import { connectTable, memoryStore, type TableRef } from "@recap/core/store";
import { ensureTable, LOCAL_AWS, LOCAL_TABLE_NAME, startDynalite, type DynaliteServer } from "./dynalite";
import { inboxPublisher, type EventInboxAddress } from "./event-inbox";

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
  /** Where feeds are read: this thread unless given (npm start's worker). */
  parseFeed?: FeedParser;
  /** Listen on this dynalite port (0: any free one). */
  port?: number;
  /** Use the DynamoDB-compatible server already at this endpoint instead of starting one (tests). */
  endpoint?: string;
  /**
   * Keep data in the in-memory store (store/memory, held to the same contract as DynamoDB) instead
   * of a dynalite database: for tests of what Recap does with its data, where the table is not what
   * is tested.
   */
  memoryStore?: boolean;
}

export interface LocalRecap {
  deps: RecapDeps;
  /** The DynamoDB table behind `deps.store` (dynalite's), for tools that count its requests; absent on the memory store. */
  table?: TableRef;
  bus: LocalBus;
  /** What this process's bus gave up on (see dead-letters.ts); the same file as the server's. */
  deadLetters: DeadLetters;
  config: RecapConfig;
  /** dynalite's address; absent on the memory store. */
  endpoint?: string;
  dataDir?: string;
  /** False when this process borrowed a running `npm start`'s database. */
  ownsDatabase: boolean;
  /** Set when this process hands its events to the running server (whose inbox this is) instead of handling them. */
  handsEventsTo?: string;
  close(): Promise<void>;
}

interface ServerInfo {
  pid: number;
  endpoint: string;
  events?: EventInboxAddress;
}

/**
 * Where data lives: the option, else RECAP_DATA_DIR, else the nearest `.recap` from the working
 * directory upwards, else a new `.recap` at the project root (the nearest directory upwards with a
 * package.json) — so `npx recap` in a subdirectory finds the same data as `npm start` at the root.
 */
export function resolveDataDir(options: Pick<LocalOptions, "dataDir" | "env"> & { cwd?: string }): string {
  const env = options.env ?? process.env;
  const given = options.dataDir ?? (env.RECAP_DATA_DIR?.trim() || undefined);
  if (given) return resolve(given);
  const start = resolve(options.cwd ?? process.cwd());
  let projectRoot: string | undefined;
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, ".recap"))) return join(dir, ".recap");
    projectRoot ??= existsSync(join(dir, "package.json")) ? dir : undefined;
    if (dirname(dir) === dir) break;
  }
  return join(projectRoot ?? start, ".recap");
}

/** Recap on dynalite: its table and address are known. */
export type DynaliteRecap = LocalRecap & { table: TableRef; endpoint: string };

export async function openLocalRecap(options?: LocalOptions & { memoryStore?: false }): Promise<DynaliteRecap>;
export async function openLocalRecap(options: LocalOptions): Promise<LocalRecap>;
export async function openLocalRecap(options: LocalOptions = {}): Promise<LocalRecap> {
  const env = options.env ?? process.env;
  const log = options.log ?? consoleLogger;
  const inMemory = options.inMemory ?? (env.RECAP_IN_MEMORY === "1" || env.RECAP_IN_MEMORY === "true");
  const dataDir = inMemory ? undefined : resolveDataDir(options);

  let server: DynaliteServer | undefined;
  let running: ServerInfo | undefined;
  let lock: DirLock | undefined;
  let endpoint: string | undefined;
  let table: TableRef | undefined;
  if (!options.memoryStore) {
    running = !options.endpoint && dataDir ? await runningServer(dataDir) : undefined;
    endpoint = options.endpoint ?? running?.endpoint;
    if (!endpoint) {
      if (dataDir && !existsSync(dataDir)) {
        mkdirSync(dataDir, { recursive: true });
        log.warn(`Created a new data directory: ${dataDir}`);
      }
      // Another command holding the directory finishes soon; a server starting meanwhile is borrowed.
      lock = dataDir
        ? await lockDataDir(dataDir, {
            timeoutMs: DIR_LOCK_WAIT_MS,
            stopWaiting: async () => (running = await runningServer(dataDir)) !== undefined,
          })
        : undefined;
      endpoint = running?.endpoint;
    }
    if (!endpoint) {
      server = await startDynalite({ path: dataDir ? join(dataDir, "db") : undefined, port: options.port }).catch((error: unknown) => {
        lock?.release();
        throw lockedHint(error, dataDir);
      });
      endpoint = server.endpoint;
    }
    await ensureTable(endpoint);
    table = connectTable(LOCAL_TABLE_NAME, { endpoint, ...LOCAL_AWS });
  }

  const letters = deadLetters(dataDir);
  const bus = localBus(log, { onDeadLetter: (letter) => letters.add(letter) });
  const config = loadConfig(env, "local");
  // Borrowing a running server: its bus handles what this process raises (its Slack, its alerts).
  const inbox = running?.events;
  const publisher = inbox ? inboxPublisher(inbox, log) : bus;
  const storage = table ? { table } : { store: memoryStore() };
  const deps = createDeps({
    ...storage,
    publisher,
    config,
    clock: options.clock,
    log,
    ...feedReader(config, options.parseFeed),
    ...(options.fetchFeed ? { fetchFeed: options.fetchFeed } : {}),
  });
  if (!inbox) {
    for (const name of Object.keys(SUBSCRIPTIONS) as SubscriptionName[]) {
      bus.subscribe({
        name,
        detailTypes: SUBSCRIPTIONS[name].detailTypes,
        handle: (event) => subscriptionHandlers[name](event, depsFor(name, deps)),
      });
    }
  }

  return {
    deps,
    bus,
    deadLetters: letters,
    config,
    ...(table ? { table } : {}),
    ...(endpoint ? { endpoint } : {}),
    dataDir,
    ownsDatabase: server !== undefined,
    ...(inbox ? { handsEventsTo: inbox.url } : {}),
    async close() {
      await bus.idle();
      table?.client.destroy();
      await server?.close();
      lock?.release();
    },
  };
}

/**
 * Tells CLI commands where the running server's database (and event inbox) is; returns a function
 * that withdraws it. Readable by this user only: the inbox token is in it.
 */
export function advertiseServer(dataDir: string, endpoint: string, events?: EventInboxAddress): () => void {
  const file = join(dataDir, "server.json");
  writeFileSync(file, JSON.stringify({ pid: process.pid, endpoint, ...(events ? { events } : {}) } satisfies ServerInfo), { mode: 0o600 });
  return () => rmSync(file, { force: true });
}

/** How long a running server has to accept a connection before its server.json is not trusted. */
const PROBE_TIMEOUT_MS = 500;
/** How long a command waits for another one to finish with the data directory. */
const DIR_LOCK_WAIT_MS = 30_000;

/**
 * The running `npm start` advertised in the data directory, if it is really there. A live PID is not
 * proof (a server that died may have its PID reused by another process), so its port is probed too:
 * a TCP connect, which the kernel accepts even while the server is busy. A file whose server is gone
 * is removed; one whose server merely does not answer in time is left alone (opening the directory
 * then fails with a hint if that server in fact holds it).
 */
async function runningServer(dataDir: string): Promise<ServerInfo | undefined> {
  const file = join(dataDir, "server.json");
  let text: string;
  let info: ServerInfo;
  try {
    text = readFileSync(file, "utf8");
    info = JSON.parse(text) as ServerInfo;
  } catch {
    return undefined; // none (or one being written as we read: its server is starting, not ready)
  }
  const address = typeof info?.pid === "number" && typeof info.endpoint === "string" ? socketAddress(info.endpoint) : undefined;
  if (!address || !processExists(info.pid)) {
    removeIfUnchanged(file, text);
    return undefined;
  }
  const answer = await probe(address);
  if (answer === "answers") return info;
  if (answer === "refused") removeIfUnchanged(file, text);
  return undefined;
}

function socketAddress(endpoint: string): { host: string; port: number } | undefined {
  try {
    const url = new URL(endpoint);
    const port = Number(url.port || (url.protocol === "https:" ? 443 : 80));
    return { host: url.hostname.replace(/^\[(.*)\]$/, "$1"), port };
  } catch {
    return undefined;
  }
}

function probe(address: { host: string; port: number }): Promise<"answers" | "refused" | "silent"> {
  return new Promise((resolve) => {
    const socket = connect(address);
    const finish = (result: "answers" | "refused" | "silent") => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(PROBE_TIMEOUT_MS, () => finish("silent"));
    socket.once("connect", () => finish("answers"));
    socket.once("error", () => finish("refused"));
  });
}

/** Removes a stale server.json unless a server starting meanwhile has replaced it. */
function removeIfUnchanged(file: string, stale: string): void {
  try {
    if (readFileSync(file, "utf8") === stale) rmSync(file, { force: true });
  } catch {
    // already gone
  }
}

function lockedHint(error: unknown, dataDir: string | undefined): Error {
  const message = messageOf(error);
  if (dataDir && /lock/i.test(message)) {
    return new Error(`Another Recap process is using ${dataDir} (is a recap command still running?). Try again in a moment.`);
  }
  return error instanceof Error ? error : new Error(message);
}
