/**
 * Recap's real dependencies for a test: a fresh table on dynalite (or, where the table is not what
 * is tested, the in-memory store, which passes the same contract suite), the EventBridge publisher
 * talking to a loopback PutEvents stand-in, the real fetcher against a loopback feed server, and a
 * clock the test moves.
 */
import { afterAll, beforeAll, beforeEach } from "vitest";
import { loadConfig } from "@recap/core/config";
import { eventBridgePublisher } from "@recap/core/events";
import { createDeps, feedReader, type RecapDeps } from "@recap/core/runtime";
import { silentLogger } from "@recap/core/shared";
import { memoryStore, type TableRef } from "@recap/core/store";
import { testClock, type TestClock } from "./clock";
import { startTestDynamo, type TestDynamo } from "./dynamo";
import { startFakeEventBridge, type FakeEventBridge } from "./eventbridge";
import { startFeedServer, type FeedServer } from "./feed-server";

export interface Harness {
  dynamo: TestDynamo;
  bridge: FakeEventBridge;
  feeds: FeedServer;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  const [dynamo, bridge, feeds] = await Promise.all([startTestDynamo(), startFakeEventBridge(), startFeedServer()]);
  return {
    dynamo,
    bridge,
    feeds,
    async close() {
      await Promise.all([dynamo.close(), bridge.close(), feeds.close()]);
    },
  };
}

export interface TestRecap {
  deps: RecapDeps;
  /** The dynalite table, for a test that inspects what was written (absent on the memory store). */
  table?: TableRef;
  clock: TestClock;
}

/** Where a test's data lives: dynalite over HTTP, or the in-memory store. */
export type TestStorage = "dynalite" | "memory";

export async function newRecap(harness: Harness, env: Record<string, string> = {}, storage: TestStorage = "dynalite"): Promise<TestRecap> {
  const table = storage === "dynalite" ? await harness.dynamo.newTable() : undefined;
  const clock = testClock();
  const config = loadConfig({ RECAP_FETCH_TIMEOUT_MS: "2000", ...env }, "local");
  const deps = createDeps({
    ...(table ? { table } : { store: memoryStore() }),
    publisher: eventBridgePublisher({ busName: "recap-test", client: harness.bridge.client, retryDelayMs: 1 }),
    config,
    ...feedReader(config),
    clock,
    log: silentLogger,
  });
  return { deps, ...(table ? { table } : {}), clock };
}

/**
 * The usual hooks for a test file: one harness for the file, and before each test a fresh Recap
 * (new table, new clock) with an empty event log. Hands both to the file's own variables.
 */
export function useFreshRecap(use: { harness(harness: Harness): void; recap(recap: TestRecap): void; storage?: TestStorage }): void {
  let harness: Harness | undefined;
  beforeAll(async () => {
    harness = await startHarness();
    use.harness(harness);
  });
  afterAll(async () => {
    await harness?.close();
  });
  beforeEach(async () => {
    if (!harness) throw new Error("the harness did not start");
    use.recap(await newRecap(harness, {}, use.storage));
    harness.bridge.accepted.length = 0;
    harness.bridge.calls.length = 0;
  });
}
