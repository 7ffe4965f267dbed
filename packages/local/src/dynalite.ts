/**
 * DynamoDB on one machine: dynalite on a loopback port, holding the same table (same schema) as
 * production. With a data directory it keeps its data across restarts; without, it is in memory.
 */
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient, ResourceNotFoundException } from "@aws-sdk/client-dynamodb";
import { createTableInput } from "@recap/core/store";

export const LOCAL_TABLE_NAME = "recap";

/** Credentials and region the SDK insists on; dynalite ignores them. */
export const LOCAL_AWS = { region: "local", credentials: { accessKeyId: "local", secretAccessKey: "local" } } as const;

export interface DynaliteServer {
  endpoint: string;
  port: number;
  close(): Promise<void>;
}

export async function startDynalite(options: { path?: string; port?: number } = {}): Promise<DynaliteServer> {
  // Loaded only here: a command that borrows a running server's database never needs it.
  const { default: dynalite } = await import("dynalite");
  const server = dynalite({ path: options.path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  server.listen(options.port ?? 0, "127.0.0.1");
  await Promise.race([
    once(server, "listening"),
    once(server, "error").then(([error]) => {
      throw error;
    }),
  ]);
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Creates Recap's table unless it exists. */
export async function ensureTable(endpoint: string, tableName = LOCAL_TABLE_NAME): Promise<void> {
  const client = new DynamoDBClient({ endpoint, ...LOCAL_AWS });
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
    await client.send(new CreateTableCommand(createTableInput(tableName)));
    // dynalite answers CREATING first, even with createTableMs 0.
    for (let attempt = 0; attempt < 100; attempt++) {
      const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
      if (Table?.TableStatus === "ACTIVE") break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  } finally {
    client.destroy();
  }
}
