/**
 * Messages Recap sends to Slack on its own (not as a reply to a request): to a channel through the
 * Web API, and to a command's response_url. Without a bot token (one machine, no Slack), they are
 * printed to the console instead, so a newcomer still sees them.
 */
import { WebClient } from "@slack/web-api";
import type { SlackConfig } from "../config";
import type { Logger } from "../shared/log";
import type { RenderedMessage } from "./render";

export interface SlackOutbound {
  /** Posts in a channel; resolves to Slack's error code when Slack refused (e.g. "not_in_channel"). */
  postToChannel(channel: string, message: RenderedMessage): Promise<{ ok: true } | { ok: false; error: string }>;
  /** Answers a slash command later, visible to its author only. */
  respond(responseUrl: string, message: RenderedMessage): Promise<void>;
}

export function slackOutbound(config: SlackConfig, log: Logger): SlackOutbound {
  const client = config.botToken
    ? new WebClient(config.botToken, {
        ...(config.apiUrl ? { slackApiUrl: config.apiUrl } : {}),
        rejectRateLimitedCalls: true,
        retryConfig: { retries: 2 },
        timeout: 10_000,
      })
    : undefined;

  return {
    async postToChannel(channel, message) {
      if (!client) {
        console.log(`[slack → ${channel}] ${message.text}`);
        return { ok: true };
      }
      try {
        // No link_names, no parse: feed text stays inert.
        await client.chat.postMessage({ channel, ...message, unfurl_links: false, unfurl_media: false });
        return { ok: true };
      } catch (error) {
        const code = (error as { data?: { error?: string } }).data?.error ?? (error instanceof Error ? error.message : String(error));
        log.warn("Slack refused a message", { channel, error: code });
        return { ok: false, error: code };
      }
    },

    async respond(responseUrl, message) {
      // The URL came through our own bus from a verified Slack request, but it is still only ever
      // allowed to point at Slack: never let it become a way to make Recap call anything else.
      if (!isUnder(responseUrl, config.responseUrlPrefix)) {
        throw new Error(`Refusing to post to a response_url outside ${config.responseUrlPrefix}`);
      }
      const response = await fetch(responseUrl, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ response_type: "ephemeral", replace_original: false, ...message }),
        signal: AbortSignal.timeout(10_000),
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
