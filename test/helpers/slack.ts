/**
 * Slack's side of the wire, on loopback: a stand-in for the Web API (the WebClient's slackApiUrl)
 * that records calls, a catcher for response_url posts, and requests signed exactly as Slack signs.
 */
import { signSlackRequest } from "@recap/core/slack";
import { readBody, startLoopbackServer } from "./http-server";

export interface FakeSlack {
  /** Base for slackApiUrl, ending in "/api/". */
  apiUrl: string;
  /** Base for response URLs this server catches: `${responseBase}/<anything>`. */
  responseBase: string;
  calls: { method: string; body: Record<string, unknown> }[];
  responses: { path: string; body: Record<string, unknown> }[];
  /** Makes `method` answer with Slack error `error` the next `count` times. */
  failNext(method: string, error: string, count?: number): void;
  /** Makes `method` always answer with `body` (e.g. apps.connections.open with a WebSocket URL). */
  answer(method: string, body: Record<string, unknown>): void;
  /** Makes `method` answer 429 with Retry-After the next `count` times. */
  rateLimitNext(method: string, retryAfterSeconds: number, count?: number): void;
  close(): Promise<void>;
}

export async function startFakeSlack(): Promise<FakeSlack> {
  const calls: FakeSlack["calls"] = [];
  const responses: FakeSlack["responses"] = [];
  const failures: { method: string; error?: string; retryAfter?: number; remaining: number }[] = [];
  // The bot's own workspace, as auth.test tells it (T0001, the workspace test requests come from).
  const answers = new Map<string, Record<string, unknown>>([
    ["auth.test", { ok: true, team_id: "T0001", user_id: "UBOT", bot_id: "BBOT" }],
  ]);
  const server = await startLoopbackServer(async (req, res) => {
    const raw = (await readBody(req)).toString("utf8");
    const path = req.url ?? "/";
    const body = parse(raw, String(req.headers["content-type"] ?? ""));
    if (path.startsWith("/respond/stall")) return; // a response_url that never answers (held until close)
    if (path.startsWith("/respond/")) {
      responses.push({ path, body });
      res.writeHead(200, { "content-type": "text/plain" });
      res.end("ok");
      return;
    }
    const method = path.replace(/^\/api\//, "").split("?")[0] ?? "";
    calls.push({ method, body });
    const failure = failures.find((f) => f.method === method && f.remaining > 0);
    if (failure) {
      failure.remaining--;
      if (failure.retryAfter !== undefined) {
        res.writeHead(429, { "retry-after": String(failure.retryAfter), "content-type": "application/json" });
        res.end(JSON.stringify({ ok: false, error: "ratelimited" }));
        return;
      }
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ ok: false, error: failure.error }));
      return;
    }
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify(answers.get(method) ?? { ok: true, channel: body.channel, ts: `${Date.now() / 1000}` }));
  });
  return {
    apiUrl: `${server.url}/api/`,
    responseBase: `${server.url}/respond`,
    calls,
    responses,
    failNext(method, error, count = 1) {
      failures.push({ method, error, remaining: count });
    },
    answer(method, body) {
      answers.set(method, body);
    },
    rateLimitNext(method, retryAfterSeconds, count = 1) {
      failures.push({ method, retryAfter: retryAfterSeconds, remaining: count });
    },
    close: () => server.close(),
  };
}

function parse(raw: string, contentType: string): Record<string, unknown> {
  if (!raw) return {};
  if (contentType.includes("json")) return JSON.parse(raw) as Record<string, unknown>;
  const form = Object.fromEntries(new URLSearchParams(raw)) as Record<string, unknown>;
  // The WebClient form-encodes arrays and objects as JSON strings.
  for (const key of ["blocks", "attachments"]) if (typeof form[key] === "string") form[key] = JSON.parse(form[key] as string);
  return form;
}

export const SIGNING_SECRET = "test-signing-secret-0123456789abcdef";

/** Headers Slack would send with `body` at `now`. */
export function slackHeaders(body: string | Buffer, now: Date, contentType = "application/x-www-form-urlencoded"): Record<string, string> {
  const timestamp = String(Math.floor(now.getTime() / 1000));
  return {
    "content-type": contentType,
    "x-slack-request-timestamp": timestamp,
    "x-slack-signature": signSlackRequest(SIGNING_SECRET, timestamp, typeof body === "string" ? Buffer.from(body) : body),
  };
}

/** A slash command body as Slack form-encodes it. */
export function slashCommand(
  text: string,
  overrides: Record<string, string> = {},
  responseUrl = "https://hooks.slack.com/commands/T1/1/x",
): string {
  return new URLSearchParams({
    token: "legacy-verification-token",
    team_id: "T0001",
    team_domain: "recap-test",
    channel_id: "C0001",
    channel_name: "platform",
    user_id: "U0001",
    user_name: "ada",
    command: "/recap",
    text,
    response_url: responseUrl,
    trigger_id: "123.456.abc",
    api_app_id: "A0001",
    ...overrides,
  }).toString();
}

/** A block_actions body (a button click) as Slack form-encodes it. */
export function buttonClick(actionId: string, value: string, responseUrl: string, overrides: Record<string, unknown> = {}): string {
  const payload = {
    type: "block_actions",
    team: { id: "T0001", domain: "recap-test" },
    user: { id: "U0001", username: "ada", team_id: "T0001" },
    api_app_id: "A0001",
    token: "legacy-verification-token",
    container: { type: "message", message_ts: "1.2", channel_id: "C0001", is_ephemeral: true },
    trigger_id: "123.456.abc",
    channel: { id: "C0001", name: "platform" },
    response_url: responseUrl,
    actions: [{ action_id: actionId, block_id: "b1", type: "button", value, text: { type: "plain_text", text: "x" }, action_ts: "1.3" }],
    ...overrides,
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** A block_actions body for a choice in a menu (an overflow or a static select), as Slack form-encodes it. */
export function menuChoice(actionId: string, value: string, responseUrl: string, type: "overflow" | "static_select" = "overflow"): string {
  const payload = JSON.parse(new URLSearchParams(buttonClick(actionId, value, responseUrl)).get("payload")!) as Record<string, unknown>;
  payload.actions = [
    { action_id: actionId, block_id: "b1", type, selected_option: { value, text: { type: "plain_text", text: "x" } }, action_ts: "1.3" },
  ];
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}
