/**
 * dynalite on loopback for tests, behind a recording proxy so a test can see exactly which
 * DynamoDB operations were sent (e.g. "a 304 writes no post item").
 */
import { randomUUID } from "node:crypto";
import { request } from "node:http";
import { connectTable, type TableRef } from "@recap/core/store";
import { ensureTable, LOCAL_AWS, startDynalite, type DynaliteServer } from "@recap/local";
import { readBody, startLoopbackServer, type LoopbackServer } from "./http-server";

export interface RecordedOperation {
  /** e.g. "PutItem", "UpdateItem", "BatchWriteItem" */
  operation: string;
  body: Record<string, unknown>;
}

export interface TestDynamo {
  endpoint: string;
  operations: RecordedOperation[];
  /** A fresh, empty table (unique name) on this server. */
  newTable(): Promise<TableRef>;
  /** Makes the next `count` requests of these operations fail as throttled (HTTP 400, like DynamoDB). */
  throttle(operations: string[], count: number): void;
  /**
   * After letting `skip` requests of `operation` through, fails the next `count` with an error the
   * SDK does not retry — a failure the caller sees at once. With `when`, only requests whose body
   * it accepts count (and fail).
   */
  failNext(operation: string, count: number, options?: { skip?: number; when?: (body: Record<string, unknown>) => boolean }): void;
  /**
   * Answers the next `count` requests of `operation` with `respond(body)` instead of dynalite —
   * e.g. a BatchWriteItem that leaves everything unprocessed, as DynamoDB does under load.
   */
  intercept(operation: string, count: number, respond: (body: Record<string, unknown>) => unknown): void;
  close(): Promise<void>;
}

const WRITE_OPERATIONS = new Set(["PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem"]);

/** The writes recorded since `mark`, with the key prefixes they touched (e.g. "POST#", "FEED#"). */
export function writesSince(dynamo: TestDynamo, mark: number): { operation: string; keys: string[] }[] {
  return dynamo.operations.slice(mark).flatMap(({ operation, body }) => {
    if (!WRITE_OPERATIONS.has(operation)) return [];
    return [{ operation, keys: JSON.stringify(body).match(/"(POST|FEED|TOPIC|META)#[^"]*"/g) ?? [] }];
  });
}

export async function startTestDynamo(): Promise<TestDynamo> {
  const dynalite: DynaliteServer = await startDynalite();
  const operations: RecordedOperation[] = [];
  const throttles: { operations: string[]; remaining: number }[] = [];
  const failures: { operation: string; skip: number; remaining: number; when?: (body: Record<string, unknown>) => boolean }[] = [];
  const intercepts: { operation: string; remaining: number; respond: (body: Record<string, unknown>) => unknown }[] = [];
  const proxy: LoopbackServer = await startLoopbackServer(async (req, res) => {
    const body = await readBody(req);
    const operation =
      String(req.headers["x-amz-target"] ?? "")
        .split(".")
        .pop() ?? "";
    operations.push({ operation, body: body.length ? JSON.parse(body.toString("utf8")) : {} });
    const parsed = operations[operations.length - 1]?.body ?? {};
    const intercept = intercepts.find((i) => i.remaining > 0 && i.operation === operation);
    if (intercept) {
      intercept.remaining--;
      res.writeHead(200, { "content-type": "application/x-amz-json-1.0" });
      res.end(JSON.stringify(intercept.respond(parsed)));
      return;
    }
    const failure = failures.find((f) => f.remaining > 0 && f.operation === operation && (f.when?.(parsed) ?? true));
    if (failure && failure.skip > 0) failure.skip--;
    else if (failure) {
      failure.remaining--;
      res.writeHead(400, { "content-type": "application/x-amz-json-1.0" });
      res.end(JSON.stringify({ __type: "com.amazonaws.dynamodb.v20120810#ValidationException", message: "Injected failure (test)" }));
      return;
    }
    const throttle = throttles.find((t) => t.remaining > 0 && t.operations.includes(operation));
    if (throttle) {
      throttle.remaining--;
      res.writeHead(400, { "content-type": "application/x-amz-json-1.0" });
      res.end(
        JSON.stringify({
          __type: "com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException",
          message: "Throughput exceeded (test)",
        }),
      );
      return;
    }
    const upstream = request(`${dynalite.endpoint}${req.url}`, { method: req.method, headers: req.headers }, (upstreamRes) => {
      res.writeHead(upstreamRes.statusCode ?? 500, upstreamRes.headers);
      upstreamRes.pipe(res);
    });
    upstream.end(body);
  });

  return {
    endpoint: proxy.url,
    operations,
    async newTable() {
      const name = `recap-${randomUUID().slice(0, 8)}`;
      await ensureTable(dynalite.endpoint, name);
      return connectTable(name, { endpoint: proxy.url, ...LOCAL_AWS, maxAttempts: 3, retryStrategy: undefined });
    },
    throttle(names, count) {
      throttles.push({ operations: names, remaining: count });
    },
    failNext(operation, count, options = {}) {
      failures.push({ operation, skip: options.skip ?? 0, remaining: count, ...(options.when ? { when: options.when } : {}) });
    },
    intercept(operation, count, respond) {
      intercepts.push({ operation, remaining: count, respond });
    },
    async close() {
      await proxy.close();
      await dynalite.close();
    },
  };
}
