/**
 * A loopback stand-in for EventBridge's PutEvents (AWS JSON 1.1), for the real SDK client to call.
 * Records accepted entries; `failNext` makes chosen entries fail the way EventBridge reports
 * partial failures (FailedEntryCount with per-entry ErrorCode).
 */
import { EventBridgeClient } from "@aws-sdk/client-eventbridge";
import { readBody, startLoopbackServer } from "./http-server";

export interface PutEventsEntry {
  Source: string;
  DetailType: string;
  Detail: string;
  EventBusName: string;
}

export interface FakeEventBridge {
  /** Endpoint URL for an SDK client (or AWS_ENDPOINT_URL_EVENTBRIDGE). */
  url: string;
  client: EventBridgeClient;
  /** Entries accepted, in order. */
  accepted: PutEventsEntry[];
  /** Every PutEvents call, with its entries. */
  calls: PutEventsEntry[][];
  /** The next `count` entries for which `predicate` holds are rejected (once each). */
  failNext(count: number, predicate?: (entry: PutEventsEntry) => boolean): void;
  /**
   * After letting `after` calls through, the next `count` PutEvents calls fail whole with HTTP 500
   * (the SDK retries such calls, then throws).
   */
  breakCalls(count: number, options?: { after?: number }): void;
  details<T = Record<string, unknown>>(detailType: string): T[];
  close(): Promise<void>;
}

export async function startFakeEventBridge(): Promise<FakeEventBridge> {
  const accepted: PutEventsEntry[] = [];
  const calls: PutEventsEntry[][] = [];
  let failures: { remaining: number; predicate: (entry: PutEventsEntry) => boolean }[] = [];
  let brokenCalls = 0;
  let passBeforeBreaking = 0;

  const server = await startLoopbackServer(async (req, res) => {
    const target = String(req.headers["x-amz-target"]);
    if (target !== "AWSEvents.PutEvents") {
      res.writeHead(400, { "content-type": "application/x-amz-json-1.1" });
      res.end(JSON.stringify({ __type: "UnknownOperationException", message: target }));
      return;
    }
    const { Entries } = JSON.parse((await readBody(req)).toString("utf8")) as { Entries: PutEventsEntry[] };
    if (brokenCalls > 0 && passBeforeBreaking > 0) passBeforeBreaking--;
    else if (brokenCalls > 0) {
      brokenCalls--;
      res.writeHead(500, { "content-type": "application/x-amz-json-1.1" });
      res.end(JSON.stringify({ __type: "InternalException", message: "Injected outage (test)" }));
      return;
    }
    calls.push(Entries);
    let failed = 0;
    const results = Entries.map((entry, index) => {
      const failure = failures.find((f) => f.remaining > 0 && f.predicate(entry));
      if (failure) {
        failure.remaining--;
        failed++;
        return { ErrorCode: "InternalFailure", ErrorMessage: "Injected failure (test)" };
      }
      accepted.push(entry);
      return { EventId: `event-${accepted.length}-${index}` };
    });
    failures = failures.filter((f) => f.remaining > 0);
    res.writeHead(200, { "content-type": "application/x-amz-json-1.1" });
    res.end(JSON.stringify({ FailedEntryCount: failed, Entries: results }));
  });

  const client = new EventBridgeClient({
    endpoint: server.url,
    region: "us-east-1",
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
  });

  return {
    url: server.url,
    client,
    accepted,
    calls,
    failNext(count, predicate = () => true) {
      failures.push({ remaining: count, predicate });
    },
    breakCalls(count, options = {}) {
      brokenCalls = count;
      passBeforeBreaking = options.after ?? 0;
    },
    details<T>(detailType: string) {
      return accepted.filter((entry) => entry.DetailType === detailType).map((entry) => JSON.parse(entry.Detail) as T);
    },
    async close() {
      client.destroy();
      await server.close();
    },
  };
}
