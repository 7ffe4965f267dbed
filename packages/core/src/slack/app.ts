/**
 * The Bolt app: `/recap` and its buttons, wired to the shared command language. The same
 * listeners serve HTTP (Lambda Function URL, `npm start` on :3000) and Socket Mode.
 */
import { App, LogLevel, type Receiver } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import { parseCommand, runCommand, type CommandContext, type Outcome, type PageRef } from "../commands";
import type { SlackConfig } from "../config";
import type { RecapDeps } from "../runtime/deps";
import { ACTION_MORE, ACTION_SHARE, renderOutcome, type RenderedMessage } from "./render";

export type SlackAppOptions = {
  deps: RecapDeps;
  config: SlackConfig;
  botToken: string;
} & ({ receiver: Receiver } | { socketMode: { appToken: string } });

export function createSlackApp(options: SlackAppOptions): App {
  const { deps, config } = options;
  const app = new App({
    // One workspace, one bot token. Bolt's own single-token authorization calls auth.test (on every
    // request when token verification is off): a Slack round trip inside the 3 seconds, for ids
    // these listeners never use.
    authorize: async () => ({ botToken: options.botToken }),
    ...("receiver" in options
      ? { receiver: options.receiver }
      : {
          socketMode: true,
          appToken: options.socketMode.appToken,
          // The Socket Mode client makes its own Web API calls (apps.connections.open).
          ...(config.apiUrl ? { installerOptions: { clientOptions: { slackApiUrl: config.apiUrl } } } : {}),
        }),
    logLevel: LogLevel.WARN,
    clientOptions: {
      ...(config.apiUrl ? { slackApiUrl: config.apiUrl } : {}),
      // Never sit out a long rate-limit wait inside a request; fail and say so instead.
      rejectRateLimitedCalls: true,
      retryConfig: { retries: 1 },
    },
  });

  app.use(async (args) => {
    const teamId = teamOf(args.body as Record<string, unknown>);
    if (!config.teamIds || (teamId && config.teamIds.includes(teamId))) return args.next();
    deps.log.warn("Refused a request from a workspace that is not configured", { teamId });
    const refusal = renderOutcome({ kind: "refused", reason: "This Recap serves another workspace." }, { shareable: false });
    // Commands and actions carry an ack; what they may be acked with differs, a plain message suits all.
    if ("ack" in args && typeof args.ack === "function")
      await (args.ack as (response: unknown) => Promise<void>)({ response_type: "ephemeral", ...refusal });
  });

  app.command(/.*/, async ({ command, ack, client }) => {
    const parsed = parseCommand(command.text);
    const context: CommandContext = {
      via: "slack",
      userId: command.user_id,
      channelId: command.channel_id,
      adminUserIds: config.adminUserIds,
      addInBackground: async ({ url, recap }) => {
        const { failed } = await deps.publisher.publish([
          {
            detailType: "feed.add.requested",
            detail: { url, recap, channelId: command.channel_id, userId: command.user_id, responseUrl: command.response_url },
          },
        ]);
        if (failed.length > 0) throw new Error("The event bus did not take the request");
      },
    };
    const outcome: Outcome = parsed.problem ? { kind: "help", problem: parsed.problem } : await runCommand(parsed.command, context, deps);
    if (parsed.share && outcome.kind === "posts") {
      const shared = await shareInChannel(client, command.channel_id, outcome);
      await ack({ response_type: "ephemeral", text: shared });
      return;
    }
    await ack({ response_type: "ephemeral", ...renderOutcome(outcome, { shareable: true }) });
  });

  app.action(ACTION_MORE, async ({ ack, action, respond, body }) => {
    await ack();
    const ref = pageRef(action);
    if (!ref) return;
    const outcome = await rerun(ref, body as unknown as Record<string, unknown>);
    await respond({ response_type: "ephemeral", replace_original: true, ...renderOutcome(outcome, { shareable: true }) });
  });

  app.action(ACTION_SHARE, async ({ ack, action, respond, body, client }) => {
    await ack();
    const ref = pageRef(action);
    const channelId = (body as { channel?: { id?: string } }).channel?.id;
    if (!ref || !channelId) return;
    const outcome = await rerun(ref, body as unknown as Record<string, unknown>);
    await respond({ response_type: "ephemeral", replace_original: false, text: await shareInChannel(client, channelId, outcome) });
  });

  /** Runs a listed command again at another page (buttons carry only the command text and page). */
  async function rerun(ref: PageRef, body: Record<string, unknown>): Promise<Outcome> {
    const parsed = parseCommand(ref.text);
    const command = "page" in parsed.command ? { ...parsed.command, page: ref.page } : parsed.command;
    // Buttons only ever list posts: never let a crafted value add or remove anything.
    if (!["topic", "search", "latest"].includes(command.name)) return { kind: "help" };
    const userId = (body.user as { id?: string } | undefined)?.id;
    return runCommand(command, { via: "slack", userId, adminUserIds: config.adminUserIds }, deps);
  }

  async function shareInChannel(client: WebClient, channel: string, outcome: Outcome): Promise<string> {
    // A shared list is for everyone: no More button, whose clicks would answer only the clicker.
    const shown = outcome.kind === "posts" ? { ...outcome, more: undefined } : outcome;
    const message: RenderedMessage = renderOutcome(shown, { shareable: false });
    try {
      // No link_names, no parse: feed text stays inert; no unfurls: ten previews would bury the list.
      await client.chat.postMessage({ channel, ...message, unfurl_links: false, unfurl_media: false });
      return "Shared in this channel.";
    } catch (error) {
      const code = (error as { data?: { error?: string } }).data?.error;
      if (code === "not_in_channel" || code === "channel_not_found") {
        return "I can't post in this channel yet. Invite me first (`/invite @Recap`), then share again.";
      }
      deps.log.error("Sharing in a channel failed", { channel, error: code ?? String(error) });
      return "Sharing failed; please try again in a moment.";
    }
  }

  return app;
}

function pageRef(action: unknown): PageRef | undefined {
  const value = (action as { value?: unknown }).value;
  if (typeof value !== "string") return undefined;
  try {
    const parsed = JSON.parse(value) as Partial<PageRef>;
    if (typeof parsed.text === "string" && Number.isInteger(parsed.page) && (parsed.page as number) >= 1) {
      return { text: parsed.text, page: parsed.page as number };
    }
  } catch {
    // A value we did not write: ignore the click.
  }
  return undefined;
}

function teamOf(body: Record<string, unknown>): string | undefined {
  if (typeof body.team_id === "string") return body.team_id;
  const team = body.team as { id?: unknown } | undefined;
  return typeof team?.id === "string" ? team.id : undefined;
}
