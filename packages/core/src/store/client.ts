/**
 * The DynamoDB document client, configured once. Throttling and transient errors are retried by
 * the SDK's standard retry strategy; we raise its attempts so a throttled table slows a poll down
 * instead of failing it.
 */
import { DynamoDBClient, type DynamoDBClientConfig } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";

export interface TableRef {
  client: DynamoDBDocumentClient;
  tableName: string;
}

export function connectTable(tableName: string, config: DynamoDBClientConfig = {}): TableRef {
  const base = new DynamoDBClient({ maxAttempts: 8, ...config });
  const client = DynamoDBDocumentClient.from(base, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
    unmarshallOptions: { wrapNumbers: false },
  });
  return { client, tableName };
}
