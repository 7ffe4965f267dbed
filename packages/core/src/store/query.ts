import { QueryCommand, type QueryCommandInput } from "@aws-sdk/lib-dynamodb";
import type { TableRef } from "./client";

/** A query's result pages, one request at a time (for reading more than fits in memory at once). */
export async function* queryPages(
  table: TableRef,
  input: Omit<QueryCommandInput, "TableName" | "ExclusiveStartKey">,
): AsyncGenerator<Record<string, unknown>[]> {
  let startKey: Record<string, unknown> | undefined;
  do {
    const response = await table.client.send(new QueryCommand({ ...input, TableName: table.tableName, ExclusiveStartKey: startKey }));
    yield response.Items ?? [];
    startKey = response.LastEvaluatedKey;
  } while (startKey);
}

/** Runs a query to the end (or to `limit` items), following LastEvaluatedKey. */
export async function queryAll(
  table: TableRef,
  input: Omit<QueryCommandInput, "TableName" | "ExclusiveStartKey">,
  limit?: number,
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const response = await table.client.send(
      new QueryCommand({
        ...input,
        TableName: table.tableName,
        ExclusiveStartKey: startKey,
        ...(limit !== undefined ? { Limit: limit - items.length } : {}),
      }),
    );
    items.push(...(response.Items ?? []));
    startKey = response.LastEvaluatedKey;
  } while (startKey && (limit === undefined || items.length < limit));
  return items;
}

/** Counts matching items without reading them. */
export async function countAll(
  table: TableRef,
  input: Omit<QueryCommandInput, "TableName" | "ExclusiveStartKey" | "Select">,
): Promise<number> {
  let count = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const response = await table.client.send(
      new QueryCommand({ ...input, TableName: table.tableName, ExclusiveStartKey: startKey, Select: "COUNT" }),
    );
    count += response.Count ?? 0;
    startKey = response.LastEvaluatedKey;
  } while (startKey);
  return count;
}
