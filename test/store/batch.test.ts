/** Batch writes and reads finish the job when DynamoDB leaves work unprocessed. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { batchGet, batchWrite, type TableRef } from "@recap/core/store";
import { startTestDynamo, type TestDynamo } from "../helpers/dynamo";

let dynamo: TestDynamo;
let table: TableRef;

beforeAll(async () => {
  dynamo = await startTestDynamo();
  table = await dynamo.newTable();
});
afterAll(async () => {
  await dynamo.close();
});

const item = (index: number) => ({ pk: `TEST#${index}`, sk: "ITEM", value: index });

describe("batch helpers", () => {
  it("sends UnprocessedItems again until every write is done, in chunks of 25", async () => {
    // The first call stores nothing and hands everything back, as DynamoDB may under load.
    dynamo.intercept("BatchWriteItem", 1, (body) => ({ UnprocessedItems: body.RequestItems }));
    const mark = dynamo.operations.length;
    await batchWrite(
      table,
      Array.from({ length: 30 }, (_, index) => ({ PutRequest: { Item: item(index) } })),
    );

    const calls = dynamo.operations.slice(mark).filter((op) => op.operation === "BatchWriteItem");
    const sizes = calls.map((call) => (Object.values(call.body.RequestItems as Record<string, unknown[]>)[0] ?? []).length);
    expect(sizes).toEqual([25, 25, 5]);
    const stored = await batchGet<{ value: number }>(
      table,
      Array.from({ length: 30 }, (_, index) => ({ pk: `TEST#${index}`, sk: "ITEM" })),
    );
    expect(stored.map((row) => row.value).sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, index) => index));
  });

  it("asks again for UnprocessedKeys on reads", async () => {
    const keys = [0, 1, 2].map((index) => ({ pk: `TEST#${index}`, sk: "ITEM" }));
    dynamo.intercept("BatchGetItem", 1, (body) => ({ Responses: {}, UnprocessedKeys: body.RequestItems }));
    const rows = await batchGet<{ value: number }>(table, keys);
    expect(rows.map((row) => row.value).sort()).toEqual([0, 1, 2]);
  });

  it("gives up with a clear error instead of looping forever", async () => {
    dynamo.intercept("BatchWriteItem", 100, (body) => ({ UnprocessedItems: body.RequestItems }));
    // Rounds waited for, counted instead of slept through: the rule under test is giving up.
    const waits: number[] = [];
    const counted = async (round: number) => void waits.push(round);
    await expect(batchWrite(table, [{ PutRequest: { Item: item(99) } }], counted)).rejects.toThrow(
      /left 1 write\(s\) unprocessed after 8 rounds/,
    );
    expect(waits).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });
});
