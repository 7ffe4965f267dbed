/**
 * Recap's settings, read once from the environment at the edge and passed inward as plain data.
 * Every knob has a default that works on one machine with nothing set.
 */
import * as z from "../shared/validation";
import { DEFAULT_DIGEST_LIMITS, type DigestLimits } from "../model/digest";
import { DEFAULT_FETCH_LIMITS } from "../model/feed";
import { DEFAULT_FOLLOW_MAX_PER_HOUR } from "../model/follow";

/** Where Slack's response URLs live. */
export const SLACK_RESPONSE_URL_PREFIX = "https://hooks.slack.com/";

/** A positive number of minutes, `fallback` when unset. */
const minutes = (fallback: number) => z._default(z.coerce.number().check(z.positive()), fallback);
/** A positive whole number, at most `max`, `fallback` when unset. */
const count = (fallback: number, max = Number.MAX_SAFE_INTEGER) =>
  z._default(z.coerce.number().check(z.refine(Number.isInteger, "expected a whole number"), z.positive(), z.maximum(max)), fallback);
/** "true"/"1" or "false"/"0"; absent stays undefined so each setting can pick its own default. */
const flag = () =>
  z.pipe(
    z.optional(z.enum(["true", "false", "1", "0"])),
    z.transform((value) => (value === undefined ? undefined : value === "true" || value === "1")),
  );
const text = () => z.optional(z.string());
const secret = () => z.optional(z.string().check(z.minLength(1)));

const EnvSchema = z.object({
  RECAP_FETCH_TIMEOUT_MS: count(DEFAULT_FETCH_LIMITS.timeoutMs),
  RECAP_FETCH_MAX_BYTES: count(DEFAULT_FETCH_LIMITS.maxBytes),
  RECAP_POLL_INTERVAL_MINUTES: minutes(60),
  RECAP_PAUSE_AFTER_FAILURES: count(11),
  RECAP_POLL_CONCURRENCY: count(8),
  /** Of those, at most this many to one host (host and port) at once: many blogs share a host. */
  RECAP_POLL_PER_HOST: count(2),
  /** Due feeds above this count are fanned out through the bus in batches of this size. */
  RECAP_POLL_BATCH_SIZE: count(40),
  /**
   * Feed bodies one poller holds at once, in bytes (decompressed, until each is parsed and stored).
   * A body costs about seven times its size in memory while it is parsed: 48 MiB keeps eight
   * 15 MiB feeds fetched at once well inside a 1 GB function.
   */
  RECAP_POLL_MAX_BYTES_IN_FLIGHT: count(48 * 1024 * 1024),
  /** npm start reads feeds in a worker thread and refuses one still being read after this long. */
  RECAP_PARSE_BUDGET_MS: count(20_000, 600_000),
  RECAP_ALLOW_PRIVATE_NETWORK: flag(),
  RECAP_USER_AGENT: text(),
  RECAP_DIGEST_PER_TOPIC: count(DEFAULT_DIGEST_LIMITS.perTopic, 50),
  RECAP_DIGEST_MAX_POSTS: count(DEFAULT_DIGEST_LIMITS.total, 200),
  RECAP_DIGEST_EMPTY_NOTE: flag(),
  RECAP_FOLLOW_MAX_PER_HOUR: count(DEFAULT_FOLLOW_MAX_PER_HOUR, 100),
  SLACK_SIGNING_SECRET: secret(),
  SLACK_BOT_TOKEN: secret(),
  SLACK_APP_TOKEN: secret(),
  RECAP_SLACK_ADMINS: text(),
  RECAP_SLACK_TEAM_IDS: text(),
  RECAP_SLACK_API_URL: z.optional(z.url()),
  RECAP_SLACK_RESPONSE_URL_PREFIX: z._default(z.url(), SLACK_RESPONSE_URL_PREFIX),
});

/** "U1, U2 U3" → ["U1", "U2", "U3"]; unset or blank → undefined (no restriction). */
const idList = (value: string | undefined) => {
  const ids = value?.split(/[\s,]+/).filter(Boolean) ?? [];
  return ids.length > 0 ? ids : undefined;
};

export interface RecapConfig {
  fetch: { timeoutMs: number; maxBytes: number; maxRedirects: number; userAgent: string; allowPrivateNetwork: boolean };
  poll: {
    baseIntervalMinutes: number;
    pauseAfterFailures: number;
    concurrency: number;
    perHost: number;
    batchSize: number;
    maxBytesInFlight: number;
  };
  /** How long npm start's feed reader may take over one document (Lambda's budget is its timeout). */
  parseBudgetMs: number;
  slack: SlackConfig;
  digest: DigestLimits;
  follow: FollowLimits;
}

export interface FollowLimits {
  /** Alerts a channel gets per UTC clock hour; the posts beyond go into one roll-up message. */
  maxPerHour: number;
}

export interface SlackConfig {
  signingSecret?: string;
  botToken?: string;
  /** Socket Mode (local only). */
  appToken?: string;
  /** Who may add, remove and resume feeds from Slack; undefined: everyone in the workspace. */
  adminUserIds?: string[];
  /** Workspaces whose requests are served; undefined: any workspace the signing secret admits. */
  teamIds?: string[];
  /** Slack Web API base URL (tests and local tools point it at loopback). */
  apiUrl?: string;
  /** Add results are only ever posted to response URLs under this prefix. */
  responseUrlPrefix: string;
}

export const RECAP_HOMEPAGE = "https://github.com/recap-bot/recap";
export const DEFAULT_USER_AGENT = `Recap/0.1 (+${RECAP_HOMEPAGE}; feed reader for Slack)`;

/**
 * @param env the process environment (or a test's own)
 * @param mode "local" reads intranet feeds on private addresses by default; "lambda" never does
 */
export function loadConfig(env: Record<string, string | undefined>, mode: "local" | "lambda"): RecapConfig {
  // `SLACK_APP_TOKEN=` (set, but empty) means the same as not set: shells and .env files write it so.
  const given = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ""));
  const parsed = EnvSchema.safeParse(given);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid Recap configuration:\n  ${problems.join("\n  ")}`);
  }
  const e = parsed.data;
  return {
    fetch: {
      timeoutMs: e.RECAP_FETCH_TIMEOUT_MS,
      maxBytes: e.RECAP_FETCH_MAX_BYTES,
      maxRedirects: DEFAULT_FETCH_LIMITS.maxRedirects,
      userAgent: e.RECAP_USER_AGENT ?? DEFAULT_USER_AGENT,
      // Lambda never reaches private addresses, whatever the environment says.
      allowPrivateNetwork: mode === "local" ? (e.RECAP_ALLOW_PRIVATE_NETWORK ?? true) : false,
    },
    parseBudgetMs: e.RECAP_PARSE_BUDGET_MS,
    poll: {
      baseIntervalMinutes: e.RECAP_POLL_INTERVAL_MINUTES,
      pauseAfterFailures: e.RECAP_PAUSE_AFTER_FAILURES,
      concurrency: e.RECAP_POLL_CONCURRENCY,
      perHost: e.RECAP_POLL_PER_HOST,
      batchSize: e.RECAP_POLL_BATCH_SIZE,
      maxBytesInFlight: e.RECAP_POLL_MAX_BYTES_IN_FLIGHT,
    },
    digest: {
      perTopic: e.RECAP_DIGEST_PER_TOPIC,
      total: e.RECAP_DIGEST_MAX_POSTS,
      postWhenEmpty: e.RECAP_DIGEST_EMPTY_NOTE ?? DEFAULT_DIGEST_LIMITS.postWhenEmpty,
    },
    follow: { maxPerHour: e.RECAP_FOLLOW_MAX_PER_HOUR },
    slack: {
      signingSecret: e.SLACK_SIGNING_SECRET,
      botToken: e.SLACK_BOT_TOKEN,
      appToken: e.SLACK_APP_TOKEN,
      adminUserIds: idList(e.RECAP_SLACK_ADMINS),
      teamIds: idList(e.RECAP_SLACK_TEAM_IDS),
      // Redirecting Slack traffic is for tests and local tools only: on Lambda the bot token and
      // users' replies only ever go to Slack, whatever the deploying shell had set.
      apiUrl: mode === "local" ? e.RECAP_SLACK_API_URL : undefined,
      responseUrlPrefix: mode === "local" ? e.RECAP_SLACK_RESPONSE_URL_PREFIX : SLACK_RESPONSE_URL_PREFIX,
    },
  };
}
