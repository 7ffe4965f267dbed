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

/**
 * For a client on Slack's request path, which must answer within 3 seconds: a call that gets no
 * answer in 800 ms is abandoned, and tried once more at most, so a slow or throttled table costs a
 * lookup under 2 seconds and an error message, never a Slack timeout.
 */
export const REQUEST_PATH_CLIENT: DynamoDBClientConfig = {
  maxAttempts: 2,
  // Without throwOnRequestTimeout the SDK only warns when requestTimeout passes, and keeps waiting.
  requestHandler: { connectionTimeout: 300, requestTimeout: 800, throwOnRequestTimeout: true },
};

export function connectTable(tableName: string, config: DynamoDBClientConfig = {}): TableRef {
  const base = new DynamoDBClient({ maxAttempts: 8, ...config });
  const client = DynamoDBDocumentClient.from(base, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
    unmarshallOptions: { wrapNumbers: false },
  });
  return { client, tableName };
}
