/**
 * Messages Recap sends to Slack on its own (not as a reply to a request): to a channel through the
 * Web API, and to a command's response_url. Without a bot token (one machine, no Slack), they are
 * printed to the console instead, so a newcomer still sees them.
 */
import type { WebClient } from "@slack/web-api";
import type { SlackConfig } from "../config";
import type { Logger } from "../shared/log";
import type { PostResult, SlackOutbound } from "../ports/slack";
import { messageOf } from "../shared/errors";

export { CHANNEL_GONE_ERRORS, type DigestPostResult, type PostResult, type SlackOutbound } from "../ports/slack";

/**
 * Without a bot token, messages are shown on the console instead — on stderr, like every other
 * remark: a terminal command's stdout is its answer (`recap poll --json` stays JSON).
 */
function printWithoutSlack(line: string): void {
  console.error(line);
}

export function slackOutbound(config: SlackConfig, log: Logger): SlackOutbound {
  // The Web API client is loaded when first used: a command that sends nothing never pays for it.
  let loaded: Promise<WebClient> | undefined;
  const botToken = config.botToken;
  const web = botToken
    ? () =>
        (loaded ??= import("@slack/web-api").then(
          ({ WebClient }) =>
            new WebClient(botToken, {
              ...(config.apiUrl ? { slackApiUrl: config.apiUrl } : {}),
              // We wait out rate limits ourselves, bounded, inside the function's time.
              rejectRateLimitedCalls: true,
              // A retried postMessage after a lost response would post twice: never retry.
              retryConfig: { retries: 0 },
              timeout: 10_000,
            }),
        ))
    : undefined;

  return {
    async postToChannel(channel, message) {
      if (!web) {
        printWithoutSlack(`[slack → ${channel}] ${message.text}`);
        return { ok: true };
      }
      const client = await web();
      try {
        // No link_names, no parse: feed text stays inert.
        await client.chat.postMessage({ channel, ...message, unfurl_links: false, unfurl_media: false });
        return { ok: true };
      } catch (error) {
        const code = (error as { data?: { error?: string } }).data?.error ?? messageOf(error);
        log.warn("Slack refused a message", { channel, error: code });
        return { ok: false, error: code };
      }
    },

    async postDigest(channel, messages) {
      if (!web) {
        printWithoutSlack(`[digest → ${channel}] ${messages.main.text}${messages.thread.map((m) => `\n  (thread) ${m.text}`).join("")}`);
        return { ok: true, ts: "console" };
      }
      const client = await web();
      const main = await withRateLimitWait(() => client.chat.postMessage({ channel, ...messages.main, ...NO_UNFURLS }));
      if (!main.ok) return main;
      for (const continuation of messages.thread) {
        const reply = await withRateLimitWait(() =>
          client.chat.postMessage({ channel, thread_ts: main.ts, ...continuation, ...NO_UNFURLS }),
        );
        if (!reply.ok) return { ok: true, ts: main.ts, threadError: reply.error };
      }
      return { ok: true, ts: main.ts };
    },

    async postMessage(channel, message) {
      if (!web) {
        printWithoutSlack(`[slack → ${channel}] ${message.text}`);
        return { ok: true, ts: "console" };
      }
      const client = await web();
      return withRateLimitWait(() => client.chat.postMessage({ channel, ...message, ...NO_UNFURLS }));
    },

    async updateMessage(channel, ts, message) {
      if (!web) {
        printWithoutSlack(`[slack → ${channel}, update] ${message.text}`);
        return { ok: true, ts };
      }
      const client = await web();
      return withRateLimitWait(() => client.chat.update({ channel, ts, ...message }));
    },

    async userTimeZone(userId) {
      if (!web) return undefined;
      const client = await web();
      try {
        const { user } = await client.users.info({ user: userId });
        return user?.tz || undefined;
      } catch {
        return undefined;
      }
    },

    async respond(responseUrl, message, options = {}) {
      // The URL came through our own bus from a verified Slack request, but it is still only ever
      // allowed to point at Slack: never let it become a way to make Recap call anything else.
      if (!isUnder(responseUrl, config.responseUrlPrefix)) {
        throw new Error(`Refusing to post to a response_url outside ${config.responseUrlPrefix}`);
      }
      const response = await fetch(responseUrl, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ response_type: "ephemeral", replace_original: false, ...message }),
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
      if (!response.ok) throw new Error(`Slack's response_url answered HTTP ${response.status}`);
    },
  };
}

/** Compares parsed URLs, not strings: "https://hooks.slack.com.evil.example/" is not under "https://hooks.slack.com". */
export function isUnder(url: string, prefix: string): boolean {
  try {
    const target = new URL(url);
    const base = new URL(prefix);
    return target.protocol === base.protocol && target.host === base.host && target.pathname.startsWith(base.pathname) && !target.username;
  } catch {
    return false;
  }
}

const MAYBE_POSTED = new Set(["internal_error", "fatal_error", "service_unavailable", "request_timeout"]);

/** A 429 is waited out when Slack asks for a short pause; a long one fails the call, for a later run. */
const MAX_RATE_LIMIT_WAIT_MS = 10_000;
const RATE_LIMIT_ATTEMPTS = 3;

/** No link_names, no parse (feed text stays inert) and no previews (an alert is not an advert for a link). */
const NO_UNFURLS = { unfurl_links: false, unfurl_media: false } as const;

/** Runs a chat.postMessage or chat.update, classifying a failure as definite (Slack did not do it) or not. */
async function withRateLimitWait(call: () => Promise<{ ts?: string }>): Promise<PostResult> {
  for (let attempt = 1; ; attempt++) {
    try {
      const response = await call();
      return { ok: true, ts: response.ts ?? "" };
    } catch (error) {
      const failure = error as { code?: string; retryAfter?: number; data?: { error?: string } };
      if (failure.code === "slack_webapi_rate_limited_error") {
        const waitMs = (failure.retryAfter ?? 1) * 1000;
        if (attempt >= RATE_LIMIT_ATTEMPTS || waitMs > MAX_RATE_LIMIT_WAIT_MS) return { ok: false, error: "ratelimited", definite: true };
        await new Promise((resolve) => setTimeout(resolve, waitMs));
        continue;
      }
      if (failure.code === "slack_webapi_platform_error") {
        const code = failure.data?.error ?? "unknown_error";
        // Slack documents these as "the operation may have succeeded": never post again on them.
        return { ok: false, error: code, definite: !MAYBE_POSTED.has(code) };
      }
      // An HTTP 5xx from a gateway may come after the message was posted.
      if (failure.code === "slack_webapi_http_error") return { ok: false, error: "http_error", definite: false };
      // A request error (timeout, connection reset): Slack may have posted it.
      return { ok: false, error: messageOf(error), definite: false };
    }
  }
}
