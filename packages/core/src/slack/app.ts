/**
 * The Bolt app: `/recap` and its buttons, wired to the shared command language. The same
 * listeners serve HTTP (Lambda Function URL, `npm start` on :3000) and Socket Mode.
 *
 * Everything here runs inside Slack's 3 seconds: Web API calls made while answering have a short
 * timeout and no retries, and any failure is answered in plain words, never with a bare error.
 */
import { App, LogLevel, type Logger as BoltLogger, type Receiver } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import { MAX_PAGE, parseCommand, runCommand, type CommandContext, type Outcome, type PageRef } from "../commands";
import type { SlackConfig } from "../config";
import type { BusEvent } from "../ports/events";
import type { ResponseMessage } from "../ports/slack";
import type { RecapDeps } from "../ports/deps";
import type { Logger } from "../shared/log";
import { ACTION_MORE, ACTION_SHARE, renderOutcome, type RenderedMessage } from "./render";
import { ACTION_CORRECT, ACTION_CORRECT_PICK, parseCorrection, topicPicker } from "./correction-menu";
import { messageOf } from "../shared/errors";

export type SlackAppOptions = {
  deps: RecapDeps;
  config: SlackConfig;
  botToken: string;
} & ({ receiver: Receiver } | { socketMode: { appToken: string } });

/** A Web API call made while a person waits must leave room inside Slack's 3 seconds. */
const REQUEST_PATH_TIMEOUT_MS = 1_500;

/** Outcomes that can be shown to a whole channel: read-only lists. */
const SHAREABLE: Outcome["kind"][] = ["posts", "topics", "feeds"];

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
    logger: boltLogger(deps.log),
    clientOptions: {
      ...(config.apiUrl ? { slackApiUrl: config.apiUrl } : {}),
      // Never sit out a rate-limit wait or a slow Slack inside a request: fail fast and say so.
      rejectRateLimitedCalls: true,
      retryConfig: { retries: 0 },
      timeout: REQUEST_PATH_TIMEOUT_MS,
    },
  });
  const workspaces = allowedWorkspaces(app.client, options.botToken, config, deps.log);

  app.use(async (args) => {
    const teamId = teamOf(args.body as Record<string, unknown>);
    const served = await workspaces();
    if (teamId && served !== "unknown" && served.includes(teamId)) return args.next();
    const reason =
      served === "unknown"
        ? "Recap could not reach Slack to confirm its workspace. Try again in a moment."
        : "This Recap serves another workspace.";
    deps.log.warn("Refused a request", { teamId, reason });
    const refusal = renderOutcome({ kind: "refused", reason }, { shareable: false });
    // Commands and actions carry an ack; a plain message suits both (Slack shows it for commands).
    if ("ack" in args && typeof args.ack === "function")
      await (args.ack as (response: unknown) => Promise<void>)({ response_type: "ephemeral", ...refusal });
  });

  /** Work too long for Slack's 3 seconds goes to the bus; its subscriber reports to the response_url. */
  async function handOver(event: BusEvent) {
    const { failed } = await deps.publisher.publish([event]);
    if (failed.length > 0) throw new Error("The event bus did not take the request");
  }

  app.command(/.*/, async ({ command, ack, client }) => {
    const parsed = parseCommand(command.text);
    const context: CommandContext = {
      via: "slack",
      userId: command.user_id,
      channelId: command.channel_id,
      adminUserIds: config.adminUserIds,
      // The request-path client: 1.5 s at most, else `subscribe` falls back to UTC.
      userTimeZone: async () => (await client.users.info({ user: command.user_id })).user?.tz || undefined,
      addInBackground: ({ url, recap }) =>
        handOver({
          detailType: "feed.add.requested",
          detail: { url, recap, channelId: command.channel_id, userId: command.user_id, responseUrl: command.response_url },
        }),
      retagInBackground: ({ since }) =>
        handOver({
          detailType: "posts.retag.requested",
          detail: { ...(since ? { since } : {}), userId: command.user_id, responseUrl: command.response_url },
        }),
    };
    const outcome = parsed.problem ? ({ kind: "help", problem: parsed.problem } as const) : await answer(parsed.command, context);
    if (parsed.share) {
      await ack({ response_type: "ephemeral", text: await shareInChannel(client, command.channel_id, outcome) });
      return;
    }
    await ack({ response_type: "ephemeral", ...renderOutcome(outcome, { shareable: true }) });
  });

  app.action(ACTION_MORE, async ({ ack, action, body }) => {
    await ack();
    const ref = pageRef(action);
    if (!ref) return;
    const outcome = await rerun(ref, body as unknown as Record<string, unknown>);
    await reply(body, { response_type: "ephemeral", replace_original: true, ...renderOutcome(outcome, { shareable: true }) });
  });

  app.action(ACTION_SHARE, async ({ ack, action, body, client }) => {
    await ack();
    const ref = pageRef(action);
    const channelId = (body as { channel?: { id?: string } }).channel?.id;
    if (!ref || !channelId) return;
    const outcome = await rerun(ref, body as unknown as Record<string, unknown>);
    await reply(body, { response_type: "ephemeral", replace_original: false, text: await shareInChannel(client, channelId, outcome) });
  });

  // A post card's menu (and the topic picker "Also about…" opens): the team correcting a post's topics.
  app.action(new RegExp(`^(?:${ACTION_CORRECT}|${ACTION_CORRECT_PICK})$`), async ({ ack, action, body }) => {
    await ack();
    // A menu sends its chosen option; the "Give it a topic…" button its value.
    const chosen = action as { selected_option?: { value?: unknown }; value?: unknown };
    const choice = parseCorrection(chosen.selected_option?.value ?? chosen.value);
    if (!choice) return;
    const userId = (body as { user?: { id?: string } }).user?.id;
    // The picker answers in place of itself; a choice on a card (maybe in a channel's digest) answers beside it.
    const replace = (action as { action_id?: string }).action_id === ACTION_CORRECT_PICK;
    if ("pick" in choice) {
      const [post, taxonomy] = await Promise.all([deps.store.posts.get(choice.pick), deps.taxonomy()]);
      const message = post
        ? topicPicker(post, taxonomy.topics)
        : renderOutcome({ kind: "refused", reason: "That post is no longer stored." }, { shareable: false });
      return reply(body, { response_type: "ephemeral", replace_original: false, ...message });
    }
    const outcome = await answer(choice.command, { via: "slack", userId, adminUserIds: config.adminUserIds });
    await reply(body, { response_type: "ephemeral", replace_original: replace, ...renderOutcome(outcome, { shareable: false }) });
  });

  /** Runs a command; a failure of ours becomes a plain-words answer, not a dispatch error in Slack. */
  async function answer(command: Parameters<typeof runCommand>[0], context: CommandContext): Promise<Outcome> {
    try {
      return await runCommand(command, context, deps);
    } catch (error) {
      deps.log.error("A /recap command failed", { command: command.name, error: messageOf(error) });
      return { kind: "refused", reason: "Recap could not answer that just now. Please try again in a minute." };
    }
  }

  /** Runs a listed command again at another page (buttons carry only the command text and page). */
  async function rerun(ref: PageRef, body: Record<string, unknown>): Promise<Outcome> {
    const parsed = parseCommand(ref.text);
    const command = "page" in parsed.command ? { ...parsed.command, page: ref.page } : parsed.command;
    // Buttons only ever list posts: never let a crafted value add, remove or resume anything.
    if (parsed.problem || !["topic", "search", "latest"].includes(command.name)) return { kind: "help" };
    const userId = (body.user as { id?: string } | undefined)?.id;
    return answer(command, { via: "slack", userId, adminUserIds: config.adminUserIds });
  }

  async function shareInChannel(client: WebClient, channel: string, outcome: Outcome): Promise<string> {
    if (!SHAREABLE.includes(outcome.kind)) return "Only lists (posts, topics, feeds) can be shared in a channel.";
    if (outcome.kind === "posts" && outcome.posts.length === 0) return "There is nothing to share: the list is empty.";
    // A shared list is for everyone: no More button, whose clicks would answer only the clicker.
    const shown = outcome.kind === "posts" ? { ...outcome, more: undefined } : outcome;
    const message: RenderedMessage = renderOutcome(shown, { shareable: false });
    try {
      // No link_names, no parse: feed text stays inert; no unfurls: ten previews would bury the list.
      await client.chat.postMessage({ channel, ...message, unfurl_links: false, unfurl_media: false });
      return "Shared in this channel.";
    } catch (error) {
      const code = (error as { data?: { error?: string }; code?: string }).data?.error;
      if (code === "not_in_channel" || code === "channel_not_found") {
        return "I can't post in this channel yet. Invite me first (`/invite @Recap`), then share again.";
      }
      deps.log.error("Sharing in a channel failed", { channel, error: code ?? String(error) });
      return "Sharing failed (Slack is busy or slow); please try again in a moment.";
    }
  }

  /**
   * A button's answer through its response_url, after the click was acknowledged: only on Slack's
   * host (deps.slack.respond checks), and given up within the request's time. If Slack does not
   * take it, there is no one left to tell.
   */
  async function reply(body: unknown, message: ResponseMessage) {
    const responseUrl = (body as { response_url?: unknown }).response_url;
    if (typeof responseUrl !== "string") return;
    try {
      await deps.slack.respond(responseUrl, message, { timeoutMs: REQUEST_PATH_TIMEOUT_MS });
    } catch (error) {
      deps.log.warn("Slack did not take a reply", { error: messageOf(error) });
    }
  }

  return app;
}

/**
 * The workspaces served: those configured, else the bot token's own (auth.test, started with the app
 * so a cold start overlaps it, and asked once per process once it has answered). A lookup that
 * fails is "unknown" for that request and asked again by the next one: Slack being briefly
 * unreachable at start must not lock a workspace out for the life of the process.
 */
function allowedWorkspaces(client: WebClient, token: string, config: SlackConfig, log: Logger): () => Promise<string[] | "unknown"> {
  const configured = config.teamIds;
  if (configured) return async () => configured;
  const lookup = () => client.auth.test({ token }).then((result) => (result.team_id ? [result.team_id] : []));
  let known: Promise<string[]> | undefined = lookup();
  known.catch(() => {}); // handled when a request asks
  return async () => {
    known ??= lookup();
    try {
      return await known;
    } catch (error) {
      known = undefined;
      log.error("Could not learn this bot's workspace (asking again with the next request); RECAP_SLACK_TEAM_IDS avoids asking", {
        error: String(error),
      });
      return "unknown";
    }
  };
}

function pageRef(action: unknown): PageRef | undefined {
  const value = (action as { value?: unknown }).value;
  if (typeof value !== "string") return undefined;
  try {
    const parsed = JSON.parse(value) as Partial<PageRef>;
    const page = parsed.page;
    if (typeof parsed.text === "string" && Number.isInteger(page) && (page as number) >= 1 && (page as number) <= MAX_PAGE) {
      return { text: parsed.text, page: page as number };
    }
  } catch {
    // A value we did not write: ignore the click.
  }
  return undefined;
}

function teamOf(body: Record<string, unknown>): string | undefined {
  if (typeof body.team_id === "string") return body.team_id;
  const team = body.team as { id?: unknown } | undefined;
  if (typeof team?.id === "string") return team.id;
  const user = body.user as { team_id?: unknown } | undefined;
  return typeof user?.team_id === "string" ? user.team_id : undefined;
}

/** Bolt's own log lines (e.g. a listener's error) go through Recap's logger. */
function boltLogger(log: Logger): BoltLogger {
  let level = LogLevel.WARN;
  return {
    debug: () => {},
    info: () => {},
    warn: (...messages) => log.warn(messages.map(String).join(" ")),
    error: (...messages) => log.error(messages.map(String).join(" ")),
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => {},
  };
}
