/**
 * The I/O benchmarks' world, all on loopback: dynalite (in memory, in this process, as `npm start`
 * runs it), a feed server whose routes the benchmark sets, and Recap's real dependencies built
 * by `createDeps` around them. DynamoDB requests are counted by an SDK middleware on the table's
 * client (one count per HTTP attempt), so counting adds no proxy hop to the timings. The same client
 * asks for `ReturnConsumedCapacity: "TOTAL"` on every request that takes it, and the read and write
 * units dynalite reports are summed (bench/cost.ts prices them).
 */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { loadConfig, type RecapConfig } from "@recap/core/config";
import { localBus } from "@recap/core/events";
import { newFeed, type FeedFetcher } from "@recap/core/feeds";
import { fetchFeed } from "@recap/core/http";
import { createDeps, feedReader, type RecapDeps } from "@recap/core/runtime";
import { silentLogger } from "@recap/core/shared";
import { connectTable, type TableRef } from "@recap/core/store";
import { ensureTable, LOCAL_AWS, startDynalite, type DynaliteServer } from "@recap/local";
import { rssDocument } from "./fixtures";
import { nowMs } from "./stats";

// ---------------------------------------------------------------------------------------------
// Feed server

export interface FeedRoute {
  body: string;
  etag?: string;
  /** Answer 304 when If-None-Match carries our ETag; otherwise always 200 with the body. */
  honorValidators: boolean;
}

export interface BenchFeedServer {
  at(path: string): string;
  route(path: string, route: FeedRoute): void;
  get(path: string): FeedRoute | undefined;
  stats: { ok: number; notModified: number; notFound: number };
  close(): Promise<void>;
}

export async function startFeedServer(): Promise<BenchFeedServer> {
  const routes = new Map<string, FeedRoute>();
  const stats = { ok: 0, notModified: 0, notFound: 0 };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const route = routes.get(req.url ?? "/");
    if (!route) {
      stats.notFound++;
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    if (route.honorValidators && route.etag !== undefined && req.headers["if-none-match"] === route.etag) {
      stats.notModified++;
      res.writeHead(304, { etag: route.etag }).end();
      return;
    }
    stats.ok++;
    res
      .writeHead(200, {
        "content-type": "application/rss+xml; charset=utf-8",
        "content-length": String(Buffer.byteLength(route.body)),
        ...(route.etag !== undefined ? { etag: route.etag } : {}),
      })
      .end(route.body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;
  return {
    at: (path) => `${base}${path}`,
    route: (path, route) => void routes.set(path, route),
    get: (path) => routes.get(path),
    stats,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// ---------------------------------------------------------------------------------------------
// DynamoDB request counting

export interface RequestCounter {
  /** Requests by operation since the counter was created. */
  byOperation: Map<string, number>;
  /** Summed client-side latency (send → response parsed) by operation, ms. */
  latencyMs: Map<string, number>;
  /**
   * Capacity units dynalite reports (`ConsumedCapacity`), by operation. Reads follow DynamoDB's rule
   * (4 KB per unit, half for eventually consistent reads; a query sums the items it reads). Writes are
   * the table's own units only: dynalite reports no index writes and nothing for a failed conditional
   * write (bench/cost.ts's audit adds both).
   */
  units: Map<string, number>;
  total(): number;
  snapshot(): Map<string, number>;
}

/** Counts every HTTP attempt the table's client makes, by operation ("PutItem", "BatchWriteItem"…). */
export function countRequests(table: TableRef): RequestCounter {
  const byOperation = new Map<string, number>();
  const latencyMs = new Map<string, number>();
  const units = new Map<string, number>();
  table.client.middlewareStack.add(
    (next, context) => async (args) => {
      const name = (context.commandName ?? "Unknown").replace(/Command$/, "");
      const operation = DOCUMENT_TO_OPERATION[name] ?? name;
      const input = args.input as Record<string, unknown>;
      const asks = CAPACITY_OPERATIONS.has(operation) && input.ReturnConsumedCapacity === undefined;
      const result = await next(asks ? { ...args, input: { ...input, ReturnConsumedCapacity: "TOTAL" } } : args);
      const consumed = (result.output as { ConsumedCapacity?: { CapacityUnits?: number } | { CapacityUnits?: number }[] }).ConsumedCapacity;
      const reported = (Array.isArray(consumed) ? consumed : consumed ? [consumed] : []).reduce(
        (sum, entry) => sum + (entry.CapacityUnits ?? 0),
        0,
      );
      if (reported > 0) units.set(operation, (units.get(operation) ?? 0) + reported);
      return result;
    },
    // Before the document client marshals the input: the added field is a plain string either way.
    { step: "initialize", name: "benchCapacityCounter", priority: "low" },
  );
  table.client.middlewareStack.add(
    (next, context) => async (args) => {
      // Document-client commands are named after the low-level operation: "BatchGetCommand" → "BatchGetItem".
      const name = (context.commandName ?? "Unknown").replace(/Command$/, "");
      const operation = DOCUMENT_TO_OPERATION[name] ?? name;
      byOperation.set(operation, (byOperation.get(operation) ?? 0) + 1);
      const t0 = nowMs();
      try {
        return await next(args);
      } finally {
        latencyMs.set(operation, (latencyMs.get(operation) ?? 0) + nowMs() - t0);
      }
    },
    // "deserialize" sits inside the retry loop: one call per attempt, i.e. per HTTP request.
    { step: "deserialize", name: "benchRequestCounter", priority: "low" },
  );
  return {
    byOperation,
    latencyMs,
    units,
    total: () => [...byOperation.values()].reduce((sum, count) => sum + count, 0),
    snapshot: () => new Map(byOperation),
  };
}

const DOCUMENT_TO_OPERATION: Record<string, string> = {
  Put: "PutItem",
  Get: "GetItem",
  Update: "UpdateItem",
  Delete: "DeleteItem",
  BatchGet: "BatchGetItem",
  BatchWrite: "BatchWriteItem",
};

/** Operations whose input takes ReturnConsumedCapacity. */
const CAPACITY_OPERATIONS = new Set([
  "GetItem",
  "PutItem",
  "UpdateItem",
  "DeleteItem",
  "Query",
  "Scan",
  "BatchGetItem",
  "BatchWriteItem",
  "TransactGetItems",
  "TransactWriteItems",
]);

/** Operations that read (their units are read request units); the rest write. */
export const READ_OPERATIONS = new Set(["GetItem", "Query", "Scan", "BatchGetItem", "TransactGetItems"]);

/** Requests made between two snapshots, by operation. */
export function diffCounts(before: Map<string, number>, after: Map<string, number>): Map<string, number> {
  const diff = new Map<string, number>();
  for (const [operation, count] of after) {
    const delta = count - (before.get(operation) ?? 0);
    if (delta > 0) diff.set(operation, delta);
  }
  return diff;
}

// ---------------------------------------------------------------------------------------------
// Clock and deps

export interface BenchClock {
  (): Date;
  advance(ms: number): void;
}

export function benchClock(start = "2026-11-20T09:00:00Z"): BenchClock {
  let now = new Date(start).getTime();
  const clock = (() => new Date(now)) as BenchClock;
  clock.advance = (ms) => {
    now += ms;
  };
  return clock;
}

export interface BenchEnv {
  dynalite: DynaliteServer;
  feeds: BenchFeedServer;
  /** A fresh table and Recap's deps around it, with a request counter and fetch timings. */
  recap(env?: Record<string, string>): Promise<BenchRecap>;
  close(): Promise<void>;
}

export interface BenchRecap {
  deps: RecapDeps;
  table: TableRef;
  clock: BenchClock;
  requests: RequestCounter;
  /** Wall time of each fetch (HTTP only: connect, request, body read and decode), ms. */
  fetchTimes: number[];
  config: RecapConfig;
}

export async function startEnv(): Promise<BenchEnv> {
  const [dynalite, feeds] = await Promise.all([startDynalite(), startFeedServer()]);
  const tables: TableRef[] = [];
  return {
    dynalite,
    feeds,
    async recap(env = {}) {
      const name = `bench-${randomUUID().slice(0, 8)}`;
      await ensureTable(dynalite.endpoint, name);
      const table = connectTable(name, { endpoint: dynalite.endpoint, ...LOCAL_AWS });
      tables.push(table);
      const requests = countRequests(table);
      const clock = benchClock();
      const config = loadConfig(env, "local");
      const fetchTimes: number[] = [];
      const timedFetch: FeedFetcher = async (request) => {
        const t0 = nowMs();
        try {
          return await fetchFeed(request, config.fetch);
        } finally {
          fetchTimes.push(nowMs() - t0);
        }
      };
      const deps = createDeps({
        table,
        publisher: localBus(silentLogger),
        config,
        clock,
        log: silentLogger,
        ...feedReader(config),
        fetchFeed: timedFetch,
      });
      return { deps, table, clock, requests, fetchTimes, config };
    },
    async close() {
      for (const table of tables) table.client.destroy();
      await Promise.all([feeds.close(), dynalite.close()]);
    },
  };
}

/**
 * `count` feeds of `items` items each, served at `/<name>/<i>.xml` (a validator the server ignores
 * until told otherwise) and followed, all due now: what the poll and cost benchmarks start from.
 */
export async function serveAndFollow(
  env: Pick<BenchEnv, "feeds">,
  deps: Pick<RecapDeps, "store">,
  now: Date,
  options: { count: number; items: number; name: string; seed: number },
): Promise<{ routes: FeedRoute[]; feedIds: string[] }> {
  const routes: FeedRoute[] = [];
  const feedIds: string[] = [];
  for (let i = 0; i < options.count; i++) {
    const path = `/${options.name}/${i}.xml`;
    const route: FeedRoute = {
      body: rssDocument({ items: options.items, prefix: `${options.name}-${i}`, newest: now, spacingHours: 30, seed: options.seed + i }),
      etag: `"${options.name}-${i}-v1"`,
      honorValidators: false,
    };
    env.feeds.route(path, route);
    routes.push(route);
    const feed = newFeed(env.feeds.at(path), { via: "import" }, now);
    if (!(await deps.store.feeds.create(feed))) throw new Error(`${options.name}: duplicate feed`);
    feedIds.push(feed.id);
  }
  return { routes, feedIds };
}
