/** The CLI's commands, over the same core functions the Lambda handlers use. */
import { readFile, writeFile } from "node:fs/promises";
import { parseArgs, type ParseArgsConfig } from "node:util";
import {
  addFeed,
  buildOpml,
  findFeed,
  importFeeds,
  parseOpml,
  pollFeeds,
  resumeFeed,
  type Feed,
  type PollProgress,
  type RefreshOutcome,
} from "@recap/core/feeds";
import { findPosts } from "@recap/core/posts";
import { quietLogger } from "@recap/core/shared";
import { findTopic, suggestTopics } from "@recap/core/topics";
import { openLocalRecap, type LocalRecap } from "./environment";

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

interface Command {
  usage: string;
  summary: string;
  options: NonNullable<ParseArgsConfig["options"]>;
  run(recap: LocalRecap, args: ParsedArgs, io: CliIo): Promise<number>;
}

interface ParsedArgs {
  positionals: string[];
  values: Record<string, string | boolean | undefined>;
}

const json = { type: "boolean" } as const;

const COMMANDS: Record<string, Command> = {
  add: {
    usage: "add <url> [--recap] [--json]",
    summary: "Follow a feed (a web page works too: its feed is discovered) and run its first poll",
    options: { json, recap: { type: "boolean" } },
    async run(recap, { positionals, values }, io) {
      const [url] = positionals;
      if (!url) return usageError(io, "add");
      io.stderr(`Adding ${url}…\n`);
      const result = await addFeed(url, { via: "cli" }, recap.deps, { isRecapFeed: values.recap === true });
      if (values.json) {
        print(io, result);
        return result.status === "failed" ? 1 : 0;
      }
      if (result.status === "failed") return fail(io, `Could not add ${url}: ${result.error}\n`);
      if (result.status === "exists") return say(io, `Already following ${label(result.feed)} (${result.feed.id}).\n`);
      const outcome = result.outcome;
      io.stdout(
        `Added ${label(result.feed)} (${result.feed.id}): ${outcome.status === "ok" ? `${outcome.created} posts stored as backfill` : outcome.error}.\n`,
      );
      return 0;
    },
  },
  remove: {
    usage: "remove <url|id> [--json]",
    summary: "Stop following a feed (its posts stay searchable)",
    options: { json },
    async run(recap, { positionals, values }, io) {
      const feed = await requireFeed(recap, positionals[0], io, "remove");
      if (!feed) return 1;
      await recap.deps.store.feeds.remove(feed.id);
      if (values.json) return print(io, { removed: feed.id, url: feed.url });
      io.stdout(`No longer following ${label(feed)}.\n`);
      return 0;
    },
  },
  feeds: {
    usage: "feeds [--json]",
    summary: "List followed feeds with their state, last poll, last error and post count",
    options: { json },
    async run(recap, { values }, io) {
      const feeds = await recap.deps.store.feeds.list();
      const rows = await Promise.all(feeds.map(async (feed) => ({ feed, postCount: await recap.deps.store.posts.countItems(feed.id) })));
      if (values.json) {
        return (
          print(
            io,
            rows.map(({ feed, postCount }) => ({
              id: feed.id,
              url: feed.url,
              title: feed.title ?? null,
              status: feedState(feed),
              lastPolledAt: feed.lastPolledAt ?? null,
              lastSuccessAt: feed.lastSuccessAt ?? null,
              lastError: feed.lastError ?? null,
              consecutiveErrors: feed.consecutiveErrors,
              nextPollAt: feed.status === "active" ? feed.nextPollAt : null,
              postCount,
            })),
          ),
          0
        );
      }
      if (rows.length === 0) return say(io, "No feeds yet. Add one: recap add <url>\n");
      for (const { feed, postCount } of rows) {
        io.stdout(`${feed.id}  ${feedState(feed).padEnd(7)}  ${String(postCount).padStart(5)} posts  ${label(feed)}\n`);
        io.stdout(`              ${feed.url}\n`);
        io.stdout(`              last poll: ${feed.lastPolledAt ?? "never"}${feed.lastError ? `  error: ${feed.lastError}` : ""}\n`);
      }
      return 0;
    },
  },
  poll: {
    usage: "poll [--feed <url|id>] [--all] [--json]",
    summary: "Poll the feeds that are due now (--all: every active feed; --feed: just that one)",
    options: { json, feed: { type: "string" }, all: { type: "boolean" } },
    async run(recap, { values }, io) {
      const progress: PollProgress = (done, total, outcome) => io.stderr(`[${done}/${total}] ${describeOutcome(outcome)}\n`);
      let outcomes: RefreshOutcome[];
      if (typeof values.feed === "string") {
        const feed = await requireFeed(recap, values.feed, io, "poll");
        if (!feed) return 1;
        outcomes = await pollFeeds([feed], recap.deps, { claim: false, onProgress: progress });
      } else if (values.all) {
        const active = (await recap.deps.store.feeds.list()).filter((feed) => feed.status === "active");
        if (active.length === 0 && !values.json) return say(io, "No active feeds to poll. Add one: recap add <url>\n");
        outcomes = await pollFeeds(active, recap.deps, { claim: false, onProgress: progress });
      } else {
        // Polled here rather than through `pollDueFeeds`, which hands large sets to the bus in batches:
        // the command reports every feed it polls. Claims keep a running `npm start` off the same feeds.
        const due = await recap.deps.store.feeds.due(recap.deps.clock());
        if (due.length === 0) {
          if (values.json) return print(io, []);
          return say(io, "No feeds are due. Use --all to poll every feed now.\n");
        }
        outcomes = await pollFeeds(due, recap.deps, { claim: true, onProgress: progress });
        const elsewhere = due.length - outcomes.length;
        if (elsewhere > 0) io.stderr(`${elsewhere} due feed(s) were already being polled by another Recap process.\n`);
      }
      if (values.json) return print(io, outcomes);
      const failed = outcomes.filter((outcome) => outcome.status === "failed").length;
      const created = outcomes.reduce((sum, outcome) => sum + (outcome.status === "ok" ? outcome.created : 0), 0);
      io.stdout(`Polled ${outcomes.length} feed(s): ${created} new post(s), ${failed} failed.\n`);
      return 0;
    },
  },
  posts: {
    usage: "posts [--topic <topic>] [--since <date>] [--limit <n>] [--json]",
    summary: "Show stored posts, newest first",
    options: { json, topic: { type: "string" }, since: { type: "string" }, limit: { type: "string" } },
    async run(recap, { values }, io) {
      const limit = values.limit === undefined ? 20 : Number(values.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000) return fail(io, "--limit takes a whole number from 1 to 1000\n");
      const since = values.since === undefined ? undefined : new Date(String(values.since));
      if (since && Number.isNaN(since.getTime())) return fail(io, `--since takes a date such as 2026-11-01 (got "${values.since}")\n`);
      let topic: string | undefined;
      if (typeof values.topic === "string") {
        topic = findTopic(values.topic, recap.deps.taxonomy)?.id;
        if (!topic) {
          const suggestions = suggestTopics(values.topic, recap.deps.taxonomy).map((t) => t.id);
          io.stderr(`Unknown topic "${values.topic}".${suggestions.length ? ` Did you mean: ${suggestions.join(", ")}?` : ""}\n`);
          return 1;
        }
      }
      const posts = await findPosts(recap.deps.store.posts, { topic, since, limit }, recap.deps.clock());
      if (values.json)
        return print(
          io,
          posts.map((post) => ({ ...post, author: post.author ?? null })),
        );
      if (posts.length === 0) return say(io, "No posts found.\n");
      for (const post of posts) {
        io.stdout(`${post.publishedAt.slice(0, 10)}  ${post.title}\n            ${post.url}\n`);
        if (post.topics.length > 0) io.stdout(`            topics: ${post.topics.join(", ")}\n`);
      }
      return 0;
    },
  },
  import: {
    usage: "import <file.opml> [--no-poll] [--json]",
    summary: "Follow every feed in an OPML file, then poll the new ones",
    options: { json, "no-poll": { type: "boolean" } },
    async run(recap, { positionals, values }, io) {
      const [file] = positionals;
      if (!file) return usageError(io, "import");
      let entries;
      try {
        entries = parseOpml(await readFile(file, "utf8"));
      } catch (error) {
        return fail(io, `Could not read ${file}: ${error instanceof Error ? error.message : String(error)}\n`);
      }
      const result = await importFeeds(entries, { via: "import" }, recap.deps);
      io.stderr(`Imported ${result.added.length} new feed(s); ${result.existing} already followed; ${result.invalid.length} invalid.\n`);
      const outcomes = values["no-poll"]
        ? []
        : await pollFeeds(result.added, recap.deps, {
            claim: false,
            onProgress: (done, total, outcome) => io.stderr(`[${done}/${total}] ${describeOutcome(outcome)}\n`),
          });
      if (values.json) {
        return print(io, {
          added: result.added.map((feed) => feed.url),
          existing: result.existing,
          invalid: result.invalid,
          polled: outcomes,
        });
      }
      io.stdout(`Now following ${result.added.length} more feed(s).\n`);
      return 0;
    },
  },
  resume: {
    usage: "resume <url|id> [--json]",
    summary: "Resume a paused feed; it is polled at the next run",
    options: { json },
    async run(recap, { positionals, values }, io) {
      const feed = await requireFeed(recap, positionals[0], io, "resume");
      if (!feed) return 1;
      const resumed = await resumeFeed(feed, recap.deps);
      if (values.json) return print(io, { id: resumed.id, url: resumed.url, status: resumed.status });
      io.stdout(`Resumed ${label(resumed)}; it will be polled at the next run (or now: recap poll --feed ${resumed.id}).\n`);
      return 0;
    },
  },
  export: {
    usage: "export [--output <file>]",
    summary: "Write the followed feeds as OPML (to stdout, or a file)",
    options: { json, output: { type: "string" } },
    async run(recap, { values }, io) {
      const feeds = await recap.deps.store.feeds.list();
      const opml = buildOpml(
        feeds.map((feed) => ({ url: feed.url, title: feed.title, siteUrl: feed.siteUrl })),
        "Feeds followed by Recap",
      );
      if (typeof values.output === "string") {
        await writeFile(values.output, opml);
        io.stderr(`Wrote ${feeds.length} feed(s) to ${values.output}\n`);
      } else io.stdout(opml);
      return 0;
    },
  },
};

export async function runCli(
  argv: string[],
  io: CliIo,
  open: () => Promise<LocalRecap> = () => openLocalRecap({ log: quietLogger }),
): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "help" || name === "--help" || name === "-h") return say(io, helpText());
  const command = COMMANDS[name];
  if (!command) return fail(io, `Unknown command "${name}".\n\n${helpText()}`);

  let args: ParsedArgs;
  try {
    // No option is declared `multiple`, so every value is a string or a boolean.
    args = parseArgs({ args: rest, options: command.options, allowPositionals: true, strict: true }) as ParsedArgs;
  } catch (error) {
    return fail(io, `${error instanceof Error ? error.message : String(error)}\nUsage: recap ${command.usage}\n`);
  }
  const recap = await open();
  try {
    return await command.run(recap, args, io);
  } finally {
    await recap.close();
  }
}

function helpText(): string {
  const width = Math.max(...Object.values(COMMANDS).map((command) => command.usage.length));
  return [
    "Usage: recap <command> [options]",
    "",
    ...Object.values(COMMANDS).map((command) => `  ${command.usage.padEnd(width)}  ${command.summary}`),
    "",
    "Data lives in .recap/ (RECAP_DATA_DIR to change). Works whether or not `npm start` is running.",
    "",
  ].join("\n");
}

function usageError(io: CliIo, name: string): number {
  io.stderr(`Usage: recap ${COMMANDS[name]?.usage}\n`);
  return 1;
}

async function requireFeed(recap: LocalRecap, reference: string | undefined, io: CliIo, name: string): Promise<Feed | undefined> {
  if (!reference) {
    usageError(io, name);
    return undefined;
  }
  const feed = await findFeed(reference, recap.deps);
  if (!feed) io.stderr(`No followed feed matches "${reference}". See: recap feeds\n`);
  return feed;
}

function feedState(feed: Feed): "ok" | "failing" | "paused" | "new" {
  if (feed.status === "paused") return "paused";
  if (feed.consecutiveErrors > 0) return "failing";
  return feed.lastSuccessAt ? "ok" : "new";
}

const label = (feed: Feed) => feed.title ?? feed.url;

function describeOutcome(outcome: RefreshOutcome): string {
  if (outcome.status === "failed") return `${outcome.url}: ${outcome.error}${outcome.paused ? " (paused)" : ""}`;
  if (outcome.notModified) return `${outcome.url}: not modified`;
  return `${outcome.url}: ${outcome.items} items, ${outcome.created} new, ${outcome.edited} edited`;
}

/** Writes JSON output; a command that prints it has succeeded. */
function print(io: CliIo, value: unknown): 0 {
  io.stdout(`${JSON.stringify(value, null, 2)}\n`);
  return 0;
}

/** Writes a result for people; the command has succeeded. */
function say(io: CliIo, text: string): 0 {
  io.stdout(text);
  return 0;
}

/** Explains why a command failed, on stderr; the exit code is 1. */
function fail(io: CliIo, text: string): 1 {
  io.stderr(text);
  return 1;
}
