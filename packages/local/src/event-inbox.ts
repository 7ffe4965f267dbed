/**
 * One machine, one Recap: while `npm start` runs, events a CLI process raises (a post it ingested,
 * a feed it paused, a poll it asked for) are handled by the server — its Slack connection, its
 * subscribers — not by a second Recap inside the terminal. The server listens for them on a
 * loopback port it advertises in the data directory with a random token; the CLI's publisher posts
 * them there. An event the server does not take is reported failed to the caller, which keeps it
 * unsettled (the next poll redoes it), exactly as with EventBridge.
 */
import { randomBytes, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import * as z from "zod/mini";
import { EVENT_SCHEMAS, type BusEvent, type EventPublisher } from "@recap/core/events";
import type { Logger } from "@recap/core/shared";
import { messageOf } from "@recap/core/shared";

/** Where a running server takes events, as advertised in server.json. */
export interface EventInboxAddress {
  url: string;
  token: string;
}

export interface EventInbox extends EventInboxAddress {
  close(): Promise<void>;
}

/** A hand-over of MAX_BATCH events of a few KB each fits well within this. */
const MAX_BODY_BYTES = 4_000_000;
const PUBLISH_TIMEOUT_MS = 10_000;
/** Events in one hand-over; a CLI sends more in several. */
const MAX_BATCH = 500;

const batchSchema = z.object({
  events: z.array(z.object({ detailType: z.string(), detail: z.unknown() })).check(z.minLength(1), z.maxLength(MAX_BATCH)),
});

/** Validates one event against its detail type's schema: the inbox is an edge like the bus. */
function parseEvent(raw: { detailType: string; detail: unknown }): BusEvent | string {
  const schema = EVENT_SCHEMAS[raw.detailType as keyof typeof EVENT_SCHEMAS];
  if (!schema) return `unknown detail type ${JSON.stringify(raw.detailType).slice(0, 80)}`;
  const detail = schema.safeParse(raw.detail);
  return detail.success
    ? ({ detailType: raw.detailType, detail: detail.data } as BusEvent)
    : `invalid ${raw.detailType}: ${detail.error.issues[0]?.message}`;
}

export async function startEventInbox(bus: EventPublisher, log: Logger): Promise<EventInbox> {
  const token = randomBytes(32).toString("hex");
  const expected = Buffer.from(`Bearer ${token}`);
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      log.error("Event inbox failed", { error: messageOf(error) });
      if (!res.headersSent) reply(res, 500, { error: "internal error" });
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== "POST" || req.url !== "/events") return reply(res, 404, { error: "not found" });
    const given = Buffer.from(req.headers.authorization ?? "");
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return reply(res, 401, { error: "bad token" });
    const body = await readBody(req);
    if (body === undefined) return reply(res, 413, { error: "body too large" });
    let parsed: z.infer<typeof batchSchema>;
    try {
      parsed = batchSchema.parse(JSON.parse(body));
    } catch {
      return reply(res, 400, { error: "expected {events: [{detailType, detail}]}" });
    }
    const events = parsed.events.map(parseEvent);
    const problem = events.find((event): event is string => typeof event === "string");
    if (problem) return reply(res, 400, { error: problem });
    const { failed } = await bus.publish(events as BusEvent[]);
    reply(res, 200, { failed: failed.map((event) => events.indexOf(event)) });
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/events`,
    token,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The CLI side: publishes to a running server's inbox; whatever does not get through is failed. */
export function inboxPublisher(address: EventInboxAddress, log: Logger): EventPublisher {
  const send = async (events: BusEvent[]): Promise<BusEvent[]> => {
    try {
      const response = await fetch(address.url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${address.token}` },
        body: JSON.stringify({ events }),
        signal: AbortSignal.timeout(PUBLISH_TIMEOUT_MS),
      });
      const answer = (await response.json().catch(() => ({}))) as { failed?: unknown; error?: string };
      if (!response.ok || !Array.isArray(answer.failed)) throw new Error(answer.error ?? `HTTP ${response.status}`);
      const failedAt = new Set(answer.failed.filter((at): at is number => typeof at === "number"));
      return events.filter((_, at) => failedAt.has(at));
    } catch (error) {
      log.warn("The running Recap did not take the events; they stay pending", {
        events: events.length,
        error: messageOf(error),
      });
      return events;
    }
  };
  return {
    async publish(events) {
      const failed: BusEvent[] = [];
      // Within the inbox's batch limit, however many a poll raises.
      for (let start = 0; start < events.length; start += MAX_BATCH) failed.push(...(await send(events.slice(start, start + MAX_BATCH))));
      return { failed };
    },
  };
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        resolve(undefined);
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}
