/**
 * Bolt ⇄ Hono (and the Lambda Function URL). Bolt ships receivers for Express, plain HTTP, Socket
 * Mode and API Gateway, none for a Web-standard Request; this one does what a receiver must (verify,
 * parse, hand the body to `app.processEvent` with an `ack`, answer with what was acked) in the order
 * a careful one should:
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

/**
 * A request as the receiver reads it, whatever carried it: a Web-standard Request (`handle`, the
 * Hono app) or a Lambda Function URL event (functions/lib/function-url.ts, which spares a cold
 * start Node's fetch implementation).
 */
export interface SlackHttpRequest {
  /** A header's value by its lower-case name, or null. */
  header(name: string): string | null;
  /** The body, or undefined (the rest left unread) as soon as it exceeds `limit` bytes. */
  body(limit: number): Promise<Buffer | undefined>;
}

/** The receiver's answer: a status and a plain-text or JSON body, as a Response would carry them. */
export interface SlackHttpAnswer {
  status: number;
  body: string;
  contentType: typeof TEXT | typeof JSON_TYPE;
}

/** The content types `new Response(text)` and `Response.json(value)` give. */
const TEXT = "text/plain;charset=UTF-8";
const JSON_TYPE = "application/json";
const text = (status: number, body: string): SlackHttpAnswer => ({ status, body, contentType: TEXT });
function json(value: unknown): SlackHttpAnswer {
  const body: string | undefined = JSON.stringify(value);
  // As Response.json refuses it.
  if (body === undefined) throw new TypeError("The acknowledgement is not JSON");
  return { status: 200, body, contentType: JSON_TYPE };
}

export class SlackRequestReceiver implements Receiver {
  private app: App | undefined;

  constructor(private readonly options: SlackReceiverOptions) {}

  init(app: App): void {
    this.app = app;
  }

  // Nothing to listen on: requests arrive through `handle` or `answer`.
  async start(): Promise<void> {}
  async stop(): Promise<void> {}

  /** A Web-standard request (the Hono app's), answered as a Response. */
  async handle(request: Request): Promise<Response> {
    const answer = await this.answer({
      header: (name) => request.headers.get(name),
      body: (limit) => readAtMost(request, limit),
    });
    return new Response(answer.body, { status: answer.status, headers: { "content-type": answer.contentType } });
  }

  async answer(request: SlackHttpRequest): Promise<SlackHttpAnswer> {
    // Cheap refusals first: no signature headers, or a body no Slack request comes close to.
    if (!request.header("x-slack-signature") || !request.header("x-slack-request-timestamp")) return text(401, "Unauthorized");
    if (Number(request.header("content-length") ?? 0) > MAX_BODY_BYTES) return text(413, "Too large");
    // A chunked body declares no length: stop reading at the limit rather than hold whatever comes.
    const rawBody = await request.body(MAX_BODY_BYTES);
    if (!rawBody) return text(413, "Too large");
    const verdict = verifySlackSignature({
      signingSecret: this.options.signingSecret,
      rawBody,
      timestamp: request.header("x-slack-request-timestamp") ?? undefined,
      signature: request.header("x-slack-signature") ?? undefined,
      now: this.options.clock(),
    });
    if (!verdict.ok) {
      this.options.log.warn("Refused a Slack request", { reason: verdict.reason });
      return text(401, "Unauthorized");
    }

    let body: Record<string, unknown>;
    try {
      body = parseBody(rawBody.toString("utf8"), request.header("content-type"));
    } catch {
      return text(400, "Malformed body");
    }
    if (body.ssl_check !== undefined) return text(200, "");
    if (body.type === "url_verification") return json({ challenge: body.challenge });
    if (!this.app) return text(503, "Not ready");

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
      retryReason: request.header("x-slack-retry-reason") ?? undefined,
    };
    try {
      await this.app.processEvent(event);
    } catch (error) {
      this.options.log.error("A Slack listener failed", { error: messageOf(error) });
      if (!isAcked) return text(500, "Internal error");
    }
    if (!isAcked) return text(404, "");
    return typeof acked === "string" ? text(200, acked) : json(acked);
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

function numberHeader(request: SlackHttpRequest, name: string): number | undefined {
  const value = request.header(name);
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
