/** The DynamoDB client on Slack's request path gives up on a table that does not answer, instead of outwaiting Slack. */
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectTable, REQUEST_PATH_CLIENT } from "../../packages/core/src/store/client";

const received: IncomingMessage[] = [];
// Takes every request and never answers it (a stalled endpoint, or packets dropped on the way).
const blackHole = createServer((request) => void received.push(request));
let endpoint: string;

beforeAll(async () => {
  await new Promise<void>((resolve) => blackHole.listen(0, "127.0.0.1", resolve));
  endpoint = `http://127.0.0.1:${(blackHole.address() as AddressInfo).port}`;
});
afterAll(async () => {
  blackHole.closeAllConnections();
  await new Promise((resolve) => blackHole.close(resolve));
});

describe("REQUEST_PATH_CLIENT", () => {
  it("abandons a call the table never answers and tries it once more at most", async () => {
    const table = connectTable("recap", {
      ...REQUEST_PATH_CLIENT,
      endpoint,
      region: "us-east-1",
      credentials: { accessKeyId: "local", secretAccessKey: "local" },
    });
    try {
      await expect(table.client.send(new GetCommand({ TableName: table.tableName, Key: { pk: "a", sk: "b" } }))).rejects.toThrow();
      expect(received).toHaveLength(2);
    } finally {
      table.client.destroy();
    }
  });
});
