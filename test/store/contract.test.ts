/**
 * The storage contract (test/store/contract.ts) run against every Store implementation: each case
 * opens a fresh, empty store.
 */
import { afterAll, beforeAll } from "vitest";
import { memoryStore, openStore } from "@recap/core/store";
import { startTestDynamo, type TestDynamo } from "../helpers/dynamo";
import { describeStoreContract } from "./contract";

let dynamo: TestDynamo;

beforeAll(async () => {
  dynamo = await startTestDynamo();
});
afterAll(async () => {
  await dynamo?.close();
});

// DynamoDB: a new table on one dynalite server per case.
describeStoreContract("DynamoDB (dynalite)", async () => ({ store: openStore(await dynamo.newTable()) }));

// The in-memory store, held to the same contract: what orchestration tests run on.
describeStoreContract("memory", async () => ({ store: memoryStore() }));
