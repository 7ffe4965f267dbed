/**
 * Bolt ⇄ Hono. Bolt ships receivers for Express, plain HTTP, Socket Mode and API Gateway, none
 * for a Web-standard Request; this one does what a receiver must (verify, parse, hand the body to
 * `app.processEvent` with an `ack`, answer with what was acked) in the order a careful one should:
 *
 * 1. verify the signature over the exact raw bytes, before anything is parsed (→ 401);
 * 2. answer Slack's own checks (url_verification, ssl_check);
 * 3. run the listeners to completion, then respond with the ack — nothing runs after the response,
 *    which Lambda would freeze mid-flight.
 */
import type { App, Receiver, ReceiverEvent } from "@slack/bolt";
import type { Logger } from "../shared/log";
import { verifySlackSignature } from "./verify";
import { messageOf } from "../shared/errors";

/** Slash commands and button clicks are a few KB; interactive payloads stay far below this. */
const MAX_BODY_BYTES = 512 * 1024;

export interface SlackReceiverOptions {
  signingSecret: string;
  clock: () => Date;
  log: Logger;
}

export class SlackRequestReceiver implements Receiver {
  private app: App | undefined;

  constructor(private readonly options: SlackReceiverOptions) {}

  init(app: App): void {
    this.app = app;
  }

  // Nothing to listen on: requests arrive through `handle`.
  async start(): Promise<void> {}
  async stop(): Promise<void> {}

  async handle(request: Request): Promise<Response> {
    // Cheap refusals first: no signature headers, or a body no Slack request comes close to.
    if (!request.headers.get("x-slack-signature") || !request.headers.get("x-slack-request-timestamp")) {
      return new Response("Unauthorized", { status: 401 });
    }
    if (Number(request.headers.get("content-length") ?? 0) > MAX_BODY_BYTES) return new Response("Too large", { status: 413 });
    // A chunked body declares no length: stop reading at the limit rather than hold whatever comes.
    const rawBody = await readAtMost(request, MAX_BODY_BYTES);
    if (!rawBody) return new Response("Too large", { status: 413 });
    const verdict = verifySlackSignature({
      signingSecret: this.options.signingSecret,
      rawBody,
      timestamp: request.headers.get("x-slack-request-timestamp") ?? undefined,
      signature: request.headers.get("x-slack-signature") ?? undefined,
      now: this.options.clock(),
    });
    if (!verdict.ok) {
      this.options.log.warn("Refused a Slack request", { reason: verdict.reason });
      return new Response("Unauthorized", { status: 401 });
    }

    let body: Record<string, unknown>;
    try {
      body = parseBody(rawBody.toString("utf8"), request.headers.get("content-type"));
    } catch {
      return new Response("Malformed body", { status: 400 });
    }
    if (body.ssl_check !== undefined) return new Response("", { status: 200 });
    if (body.type === "url_verification") return Response.json({ challenge: body.challenge });
    if (!this.app) return new Response("Not ready", { status: 503 });

    let acked: unknown;
    let isAcked = false;
    const event: ReceiverEvent = {
      body,
      ack: async (response?: unknown) => {
        if (isAcked) throw new Error("ack() called twice");
        isAcked = true;
        acked = response ?? "";
      },
      retryNum: numberHeader(request, "x-slack-retry-num"),
      retryReason: request.headers.get("x-slack-retry-reason") ?? undefined,
    };
    try {
      await this.app.processEvent(event);
    } catch (error) {
      this.options.log.error("A Slack listener failed", { error: messageOf(error) });
      if (!isAcked) return new Response("Internal error", { status: 500 });
    }
    if (!isAcked) return new Response("", { status: 404 });
    return typeof acked === "string" ? new Response(acked, { status: 200 }) : Response.json(acked);
  }
}

/** Slash commands and interactivity are form-encoded (actions wrap JSON in `payload`); events are JSON. */
function parseBody(raw: string, contentType: string | null): Record<string, unknown> {
  if (contentType?.startsWith("application/x-www-form-urlencoded")) {
    const form = Object.fromEntries(new URLSearchParams(raw));
    return typeof form.payload === "string" ? (JSON.parse(form.payload) as Record<string, unknown>) : form;
  }
  return JSON.parse(raw) as Record<string, unknown>;
}

function numberHeader(request: Request, name: string): number | undefined {
  const value = request.headers.get(name);
  return value === null || !/^\d+$/.test(value) ? undefined : Number(value);
}

/** The request's body, or undefined (the rest left unread) as soon as it exceeds `limit` bytes. */
async function readAtMost(request: Request, limit: number): Promise<Buffer | undefined> {
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    size += chunk.value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(chunk.value);
  }
  return Buffer.concat(chunks);
}
