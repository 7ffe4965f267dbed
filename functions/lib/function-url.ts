/**
 * Slack's requests from the Function URL's event to the receiver without the Fetch API. Hono's
 * Lambda adapter turns every event into a Request and reads a Response back; the first Request,
 * Headers or Response a process makes loads Node's whole fetch implementation (undici), ~30 ms of
 * CPU on every cold start, which a Slack request never otherwise needs. So POST /slack/events is
 * read here, exactly as the adapter and Hono would read it (header names in lower case, values
 * trimmed, non-ASCII ones percent-encoded, the body decoded from base64 and its length in
 * content-length), and its answer given in the result the adapter would give; every other request
 * (GET /health, any other path or method) still goes through the Hono app.
 */
import type { LambdaEvent } from "hono/aws-lambda";
import { messageOf, type Logger } from "@recap/core/shared";
import { SLACK_PATH, type SlackHttpAnswer, type SlackRequestReceiver } from "@recap/core/slack";

/** What the Function URL hands the handler (payload format 2.0), as far as Slack's path reads it. */
interface FunctionUrlEvent {
  rawPath: string;
  requestContext: { http: { method: string } };
  headers?: Record<string, string | undefined>;
  cookies?: string[];
  body?: string;
  isBase64Encoded?: boolean;
}

/** The result Hono's adapter gives for a text or JSON response (neither is sent base64-encoded). */
export interface FunctionUrlResult {
  body: string;
  statusCode: number;
  isBase64Encoded: boolean;
  headers: Record<string, string>;
}

/** A header name as Headers accepts it (an HTTP token). */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/**
 * The Slack path's handler: the answer to a POST to SLACK_PATH, or undefined for any other
 * request, which the caller hands to the Hono app.
 */
export function slackFunctionUrl(
  receiver: SlackRequestReceiver,
  log: Logger,
): (event: LambdaEvent) => Promise<FunctionUrlResult> | undefined {
  return (event) => {
    if (!isSlackPost(event)) return undefined;
    const request = readRequest(event, log);
    // Where Hono's adapter could not build the Request, it answers 400 (Headers refusing a name or a
    // value) or 500 (anything else, such as a body that is not base64).
    if ("failed" in request) return Promise.resolve(result(request.failed));
    return receiver
      .answer({
        header: (name) => request.headers.get(name) ?? null,
        body: async (limit) => (request.body.length > limit ? undefined : request.body),
      })
      .then(result, (error: unknown) => {
        // As Hono's own error handler: logged, and a plain 500.
        log.error("A Slack request failed", { error: messageOf(error) });
        return {
          body: "Internal Server Error",
          statusCode: 500,
          isBase64Encoded: false,
          headers: { "content-type": "text/plain; charset=UTF-8" },
        };
      });
  };
}

/** A Function URL event (not API Gateway's, an ALB's or VPC Lattice's), POST to Slack's path. */
function isSlackPost(event: LambdaEvent): event is LambdaEvent & FunctionUrlEvent {
  const context: object | undefined = event.requestContext;
  if (!context || Object.hasOwn(context, "elb") || !Object.hasOwn(event, "rawPath") || !Object.hasOwn(context, "http")) return false;
  const { rawPath, requestContext } = event as FunctionUrlEvent;
  return rawPath === SLACK_PATH && requestContext.http.method === "POST";
}

function readRequest(event: FunctionUrlEvent, log: Logger): { headers: Map<string, string>; body: Buffer } | { failed: SlackHttpAnswer } {
  const headers = new Map<string, string>();
  try {
    if (Array.isArray(event.cookies)) setHeader(headers, "cookie", event.cookies.join("; "));
    for (const [name, value] of Object.entries(event.headers ?? {})) if (value) setHeader(headers, name, value);
    let body = Buffer.alloc(0);
    if (event.body) {
      body = event.isBase64Encoded ? Buffer.from(atob(event.body), "latin1") : Buffer.from(event.body, "utf8");
      headers.set("content-length", String(body.length));
    }
    return { headers, body };
  } catch (error) {
    log.warn("Refused a request Hono could not have read", { error: messageOf(error) });
    const failed = error instanceof TypeError ? { status: 400, body: "Invalid request" } : { status: 500, body: "Internal Server Error" };
    return { failed: { ...failed, contentType: "text/plain;charset=UTF-8" } };
  }
}

/** As the adapter sets a header on its Headers: non-ASCII values percent-encoded, then Headers' own rules. */
function setHeader(headers: Map<string, string>, name: string, raw: string) {
  const value = (/[^\x00-\x7F]/.test(raw) ? encodeURIComponent(raw) : raw).replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, "");
  if (!TOKEN.test(name) || /[\0\r\n]/.test(value)) throw new TypeError(`Invalid header ${name}`);
  headers.set(name.toLowerCase(), value);
}

function result(answer: SlackHttpAnswer): FunctionUrlResult {
  return { body: answer.body, statusCode: answer.status, isBase64Encoded: false, headers: { "content-type": answer.contentType } };
}
