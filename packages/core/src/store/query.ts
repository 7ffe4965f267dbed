import { QueryCommand, type QueryCommandInput, type QueryCommandOutput } from "@aws-sdk/lib-dynamodb";
import type { TableRef } from "./client";

type QueryInput = Omit<QueryCommandInput, "TableName" | "ExclusiveStartKey">;

/**
 * The one paginated read: a query's responses, one request at a time, following LastEvaluatedKey
 * to the end — or until `limit` items (counted ones, for a COUNT query) have come back.
 */
async function* responses(table: TableRef, input: QueryInput, limit?: number): AsyncGenerator<QueryCommandOutput> {
  let startKey: Record<string, unknown> | undefined;
  let seen = 0;
  do {
    const response = await table.client.send(
      new QueryCommand({
        ...input,
        TableName: table.tableName,
        ExclusiveStartKey: startKey,
        ...(limit !== undefined ? { Limit: limit - seen } : {}),
      }),
    );
    seen += response.Count ?? response.Items?.length ?? 0;
    yield response;
    startKey = response.LastEvaluatedKey;
  } while (startKey && (limit === undefined || seen < limit));
}

/** A query's result pages, one request at a time (for reading more than fits in memory at once). */
export async function* queryPages(table: TableRef, input: QueryInput): AsyncGenerator<Record<string, unknown>[]> {
  for await (const response of responses(table, input)) yield response.Items ?? [];
}

/** Runs a query to the end (or to `limit` items). */
export async function queryAll(table: TableRef, input: QueryInput, limit?: number): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  for await (const response of responses(table, input, limit)) items.push(...(response.Items ?? []));
  return items;
}

/** Counts matching items without reading them. */
export async function countAll(table: TableRef, input: Omit<QueryInput, "Select">): Promise<number> {
  let count = 0;
  for await (const response of responses(table, { ...input, Select: "COUNT" })) count += response.Count ?? 0;
  return count;
}
