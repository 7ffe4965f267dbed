/**
 * Batch helpers that finish the job: BatchWriteItem/BatchGetItem may return unprocessed work
 * under load, which must be sent again (with backoff) or it is silently lost.
 */
import { BatchGetCommand, BatchWriteCommand } from "@aws-sdk/lib-dynamodb";
import type { TableRef } from "./client";

type WriteRequest = { PutRequest: { Item: Record<string, unknown> } } | { DeleteRequest: { Key: Record<string, unknown> } };

const WRITE_CHUNK = 25;
const GET_CHUNK = 100;
const MAX_ROUNDS = 8;

/** Waits before round `round` (1-based) of unprocessed work; by default exponential, capped at 2 s. */
export type Backoff = (round: number) => Promise<void>;

export async function batchWrite(table: TableRef, requests: WriteRequest[], backoff: Backoff = exponentialBackoff): Promise<void> {
  for (let start = 0; start < requests.length; start += WRITE_CHUNK) {
    let pending: WriteRequest[] = requests.slice(start, start + WRITE_CHUNK);
    for (let round = 0; pending.length > 0; round++) {
      if (round >= MAX_ROUNDS) throw new Error(`DynamoDB left ${pending.length} write(s) unprocessed after ${MAX_ROUNDS} rounds`);
      if (round > 0) await backoff(round);
      const response = await table.client.send(new BatchWriteCommand({ RequestItems: { [table.tableName]: pending } }));
      pending = (response.UnprocessedItems?.[table.tableName] ?? []) as WriteRequest[];
    }
  }
}

export async function batchGet<T>(
  table: TableRef,
  keys: Record<string, string>[],
  options: { consistent?: boolean; backoff?: Backoff } = {},
): Promise<T[]> {
  const backoff = options.backoff ?? exponentialBackoff;
  const found: T[] = [];
  for (let start = 0; start < keys.length; start += GET_CHUNK) {
    let pending = keys.slice(start, start + GET_CHUNK);
    for (let round = 0; pending.length > 0; round++) {
      if (round >= MAX_ROUNDS) throw new Error(`DynamoDB left ${pending.length} read(s) unprocessed after ${MAX_ROUNDS} rounds`);
      if (round > 0) await backoff(round);
      const response = await table.client.send(
        new BatchGetCommand({
          RequestItems: { [table.tableName]: { Keys: pending, ...(options.consistent ? { ConsistentRead: true } : {}) } },
        }),
      );
      found.push(...((response.Responses?.[table.tableName] ?? []) as T[]));
      pending = (response.UnprocessedKeys?.[table.tableName]?.Keys ?? []) as Record<string, string>[];
    }
  }
  return found;
}

const exponentialBackoff: Backoff = (round) => new Promise((resolve) => setTimeout(resolve, Math.min(50 * 2 ** round, 2_000)));
