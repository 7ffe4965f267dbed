/** The CLI's commands, over the same core functions the Lambda handlers use. */
import { readFile, writeFile } from "node:fs/promises";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { COMMAND_KEYWORDS, COMMAND_USAGE, helpText, MAX_PAGE, parseCommand, runCommand, type Outcome } from "@recap/core/commands";
import {
  buildOpml,
  findFeed,
  importFeeds,
  MAX_IMPORTED_FEEDS,
  parseOpml,
  pollFeeds,
  recountItems,
  type Feed,
  type PollProgress,
  type RefreshOutcome,
} from "@recap/core/feeds";
import type { BusEvent, DeadLetter } from "@recap/core/events";
import { findPosts, refreshTopicCounts, reindexPosts } from "@recap/core/posts";
import { editDistance, messageOf, plural, quietLogger, truncate } from "@recap/core/shared";
import { connectTable, openStore, type Store } from "@recap/core/store";
import { explainTopics, findTopic, storedPostFocus, suggestTopics, type TopicEvidence, type TopicScore } from "@recap/core/topics";
import { teamTaxonomy, topicEvidence } from "@recap/core/topics";
import { listQueuedLetters, replayQueuedLetters } from "./aws-dead-letters";
import { openLocalRecap, type LocalRecap } from "./environment";
import { failed, outcomeJson, pageJson, postLines, terminalText } from "./terminal";

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

interface Operation {
  usage: string;
  summary: string;
  options: NonNullable<ParseArgsConfig["options"]>;
  run(recap: LocalRecap, args: ParsedArgs, io: CliIo): Promise<number>;
  /** Runs without this machine's Recap when the arguments say so (`dlq --queue-url`); undefined otherwise. */
  standalone?(args: ParsedArgs, io: CliIo): Promise<number> | undefined;
}

interface ParsedArgs {
  positionals: string[];
  values: Record<string, string | boolean | string[] | undefined>;
}

const json = { type: "boolean" } as const;

/** Terminal-only operations, with flags. Everything else is the command language shared with Slack. */
const OPERATIONS: Record<string, Operation> = {
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
        if (elsewhere > 0)
          io.stderr(
            `${plural(elsewhere, "due feed")} ${elsewhere === 1 ? "was" : "were"} already being polled by another Recap process.\n`,
          );
      }
      await recountTopics(recap, outcomes, io);
      if (values.json) return print(io, outcomes);
      const failed = outcomes.filter((outcome) => outcome.status === "failed").length;
      const created = outcomes.reduce((sum, outcome) => sum + (outcome.status === "ok" ? outcome.created : 0), 0);
      io.stdout(`Polled ${plural(outcomes.length, "feed")}: ${plural(created, "new post")}, ${failed} failed.\n`);
      return 0;
    },
  },
  posts: {
    usage: "posts [--topic <topic>] [--feed <url|id>] [--since <date>] [--limit <n>] [--page <n>] [--json]",
    summary: "Show stored posts, newest first (of one topic, or one feed), --limit to a page",
    options: {
      json,
      topic: { type: "string" },
      feed: { type: "string" },
      since: { type: "string" },
      limit: { type: "string" },
      page: { type: "string" },
    },
    async run(recap, { values }, io) {
      const limit = values.limit === undefined ? 20 : Number(values.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000) return fail(io, "--limit takes a whole number from 1 to 1000\n");
      const page = pageOption(values.page);
      if (page === undefined) return fail(io, PAGE_PROBLEM);
      const since = values.since === undefined ? undefined : new Date(String(values.since));
      if (since && Number.isNaN(since.getTime())) return fail(io, `--since takes a date such as 2026-11-01 (got "${values.since}")\n`);
      let topic: string | undefined;
      if (typeof values.topic === "string") {
        const taxonomy = await recap.deps.taxonomy();
        topic = findTopic(values.topic, taxonomy)?.id;
        if (!topic) {
          const suggestions = suggestTopics(values.topic, taxonomy).map((t) => t.id);
          io.stderr(`Unknown topic "${values.topic}".${suggestions.length ? ` Did you mean: ${suggestions.join(", ")}?` : ""}\n`);
          return 1;
        }
      }
      let feedId: string | undefined;
      if (typeof values.feed === "string") {
        const feed = await requireFeed(recap, values.feed, io, "posts");
        if (!feed) return 1;
        feedId = feed.id;
      }
      // One post past the page says whether another page follows, without counting them all.
      const window = await findPosts(
        recap.deps.store.posts,
        { topic, since, limit: limit + 1, offset: (page - 1) * limit, ...(feedId ? { feedId } : {}) },
        recap.deps.clock(),
      );
      const posts = window.slice(0, limit);
      const hasMore = window.length > limit;
      if (values.json) return print(io, pageJson(page, hasMore, posts));
      if (posts.length === 0) return say(io, page > 1 ? `No more posts: page ${page} is past the last.\n` : "No posts found.\n");
      const more = hasMore ? [`More: recap posts ${postsOptions({ ...values, page: String(page + 1) })}`] : [];
      return say(io, `${[...posts.flatMap(postLines), ...more].join("\n")}\n`);
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
        return fail(io, `Could not read ${file}: ${messageOf(error)}\n`);
      }
      const result = await importFeeds(entries, { via: "import" }, recap.deps);
      io.stderr(
        `Imported ${plural(result.added.length, "new feed")}; ${result.existing} already followed; ${result.invalid.length} invalid.\n`,
      );
      if (result.overLimit > 0)
        io.stderr(
          `  ${result.overLimit} more ${result.overLimit === 1 ? "entry" : "entries"} not imported: one import adds at most ${MAX_IMPORTED_FEEDS.toLocaleString("en-US")}. Split the file and import the rest.\n`,
        );
      // Which entries were left out, so they can be fixed in the file (the first few of a long list).
      const shown = result.invalid.slice(0, 10);
      for (const entry of shown) io.stderr(`  not a feed address: ${JSON.stringify(entry)}\n`);
      if (result.invalid.length > shown.length) io.stderr(`  …and ${result.invalid.length - shown.length} more\n`);
      const outcomes = values["no-poll"]
        ? []
        : await pollFeeds(result.added, recap.deps, {
            claim: false,
            onProgress: (done, total, outcome) => io.stderr(`[${done}/${total}] ${describeOutcome(outcome)}\n`),
          });
      await recountTopics(recap, outcomes, io);
      if (values.json) {
        return print(io, {
          added: result.added.map((feed) => feed.url),
          existing: result.existing,
          invalid: result.invalid,
          overLimit: result.overLimit,
          polled: outcomes,
        });
      }
      io.stdout(`Now following ${plural(result.added.length, "more feed")}.\n`);
      return 0;
    },
  },
  tag: {
    usage:
      'tag "<title>" ["<summary>"] [--category <c>]… [--lead <text>] [--event <name>] [--org <name>]… [--explain] [--json]\n       recap tag --post <id> [--explain] [--json]',
    summary: "Show the topics a text (or a stored post) gets, and with --explain the evidence for each",
    options: {
      json,
      explain: { type: "boolean" },
      post: { type: "string" },
      category: { type: "string", multiple: true },
      lead: { type: "string" },
      event: { type: "string" },
      org: { type: "string", multiple: true },
    },
    async run(recap, { positionals, values }, io) {
      const evidence = await tagEvidence(recap, positionals, values, io);
      if (!evidence) return 1;
      const taxonomy = await recap.deps.taxonomy();
      const scores = explainTopics(evidence, taxonomy);
      const label = (id: string) => taxonomy.topics.find((topic) => topic.id === id)?.label ?? id;
      if (values.explain) {
        if (values.json)
          return print(
            io,
            scores.map((score) => ({ ...score, label: label(score.id) })),
          );
        return say(
          io,
          scores.length > 0 ? scores.map((score) => explanationLines(score, label(score.id))).join("") : "No evidence for any topic.\n",
        );
      }
      const tagged = taxonomy.topics.filter((topic) => scores.some((score) => score.id === topic.id && score.tagged));
      const topics = tagged.map((topic) => ({ id: topic.id, label: topic.label }));
      if (values.json) return print(io, topics);
      return say(io, topics.length > 0 ? `${topics.map((topic) => `${topic.id}  (${topic.label})`).join("\n")}\n` : "No topic.\n");
    },
  },
  export: {
    usage: "export [--output <file>] [--json]",
    summary: "Write the followed feeds as OPML (to stdout, or a file); --json lists them as JSON",
    options: { json, output: { type: "string" } },
    async run(recap, { values }, io) {
      const feeds = await recap.deps.store.feeds.list();
      if (values.json && typeof values.output !== "string") {
        return print(
          io,
          feeds.map((feed) => ({
            url: feed.url,
            title: feed.title ?? null,
            siteUrl: feed.siteUrl ?? null,
            recap: feed.isRecapFeed === true,
          })),
        );
      }
      const opml = buildOpml(
        feeds.map((feed) => ({ url: feed.url, title: feed.title, siteUrl: feed.siteUrl })),
        "Feeds followed by Recap",
      );
      if (typeof values.output !== "string") return say(io, opml);
      try {
        await writeFile(values.output, opml);
      } catch (error) {
        return fail(io, `Could not write ${values.output}: ${(error as NodeJS.ErrnoException).code ?? String(error)}\n`);
      }
      io.stderr(`Wrote ${plural(feeds.length, "feed")} to ${values.output}\n`);
      return values.json ? print(io, { output: values.output, feeds: feeds.length }) : 0;
    },
  },
  reindex: {
    usage: "reindex [--table <name>] [--json]",
    summary:
      "Make what is kept at ingest exact again from what is stored — each feed's item count, each post's topic and word index rows, the posts per topic `topics` shows (safe to run any time; --table: a deployed stage's table)",
    options: { json, table: { type: "string" } },
    standalone({ values }, io) {
      if (typeof values.table !== "string") return undefined;
      // A deployed stage's table, with the AWS credentials and region of this shell.
      return reindex({ store: openStore(connectTable(values.table)) }, () => new Date(), values.json === true, io);
    },
    run: (recap, { values }, io) => reindex(recap.deps, recap.deps.clock, values.json === true, io),
  },
  dlq: {
    usage: "dlq [replay] [--queue-url <url>] [--json]",
    summary: "Events the bus gave up on after three attempts; replay publishes them again (--queue-url: a deployed stage's queue)",
    options: { json, "queue-url": { type: "string" } },
    standalone({ positionals, values }, io) {
      const queueUrl = values["queue-url"];
      if (typeof queueUrl !== "string") return undefined;
      const action = dlqAction(positionals, io);
      return action === "bad" ? Promise.resolve(1) : awsDlq(queueUrl, action === "replay", values.json === true, io);
    },
    async run(recap, { positionals, values }, io) {
      const action = dlqAction(positionals, io);
      if (action === "bad") return 1;
      if (action === "list") return showLetters(recap.deadLetters.list(), values.json === true, "recap dlq replay", io);
      // Every subscriber is idempotent (claims, conditional writes): replaying an event that half
      // succeeded sends nothing twice. Each event type has one subscriber, so publishing it again is
      // delivering it to the one that failed.
      // Without a server, this process delivers them itself: without a bot token it would only print
      // Slack's messages here, and the letters would be gone.
      if (!recap.handsEventsTo && !recap.config.slack.botToken && recap.deadLetters.list().length > 0)
        return fail(
          io,
          "Nothing reaches Slack from this terminal: start Recap (npm start) with Slack configured, or set SLACK_BOT_TOKEN, then replay.\n",
        );
      const { letters, done } = recap.deadLetters.take();
      const events = new Map(letters.map((letter) => [{ detailType: letter.detailType, detail: letter.detail } as BusEvent, letter]));
      const { failed } = events.size > 0 ? await recap.deps.publisher.publish([...events.keys()]) : { failed: [] };
      // Those not handed on are letters again; the rest are delivered (or, failing, new letters).
      for (const event of failed) {
        const letter = events.get(event);
        if (letter) recap.deadLetters.add(letter);
      }
      await recap.bus.idle(); // handled here when no server runs: a delivery that fails again is a dead letter again
      done();
      const waiting = recap.deadLetters.list().length;
      const replayed = letters.length - failed.length;
      const where = recap.handsEventsTo ? " (handed to the running server)" : "";
      io.stderr(`Replayed ${plural(replayed, "event")}${where}; ${plural(waiting, "event")} waiting.\n`);
      return values.json ? print(io, { replayed, waiting }) : 0;
    },
  },
};

function showLetters(letters: DeadLetter[], asJson: boolean, replay: string, io: CliIo): number {
  if (asJson) return print(io, letters);
  if (letters.length === 0) return say(io, "No dead letters: every event was handled.\n");
  for (const letter of letters) io.stdout(`${letter.failedAt}  ${letter.detailType} → ${letter.subscriber}: ${letter.error}\n`);
  return say(io, `${plural(letters.length, "event")} waiting. Once the cause is fixed: ${replay}\n`);
}

function dlqAction(positionals: string[], io: CliIo): "list" | "replay" | "bad" {
  const [action, ...more] = positionals;
  if (more.length === 0 && (action === undefined || action === "replay")) return action ?? "list";
  fail(
    io,
    `recap dlq: ${JSON.stringify(positionals.join(" "))} is not an action.\nUsage: recap dlq [replay] [--queue-url <url>] [--json]\n`,
  );
  return "bad";
}

/**
 * After a poll from the terminal stored posts, `topics` should count them at once rather than when
 * its snapshot next ages out (the scheduled poll recounts every run; this poll is not one).
 */
async function recountTopics(recap: LocalRecap, outcomes: readonly RefreshOutcome[], io: CliIo) {
  if (!outcomes.some((outcome) => outcome.status === "ok" && outcome.created > 0)) return;
  try {
    await refreshTopicCounts(recap.deps.store.posts, await recap.deps.taxonomy(), recap.deps.clock);
  } catch (error) {
    // The poll is done and reported all the same; `topics` counts again when its snapshot ages out.
    io.stderr(`Could not count posts per topic for \`topics\`: ${messageOf(error)}\n`);
  }
}

/** `recap dlq --queue-url`: the deployed stage's queue, with the operator's AWS credentials. */
/**
 * `reindex` on a store: feeds' item counts, then every post's index rows, then the topic-count
 * snapshot `topics` reads (counted from the rows just rebuilt), with progress on stderr.
 */
async function reindex(deps: { store: Store }, clock: () => Date, asJson: boolean, io: CliIo): Promise<number> {
  const now = clock();
  const feeds = await recountItems(deps, (done, total, feed) =>
    io.stderr(
      `[${done}/${total}] ${feed.url}: ${plural(feed.to, "item")}${feed.from === feed.to ? "" : ` (was ${feed.from ?? "not counted"})`}\n`,
    ),
  );
  const posts = await reindexPosts(deps.store.posts, now, (done, corrected) =>
    io.stderr(`Reindexed ${plural(done, "post")} (${corrected} corrected)\n`),
  );
  // Counted when the rows are right, at the time it is counted (a reindex can take long).
  const taxonomy = await teamTaxonomy(() => deps.store.topics.knowledge())();
  const counted = await refreshTopicCounts(deps.store.posts, taxonomy, clock);
  io.stderr(
    counted.saved
      ? `Counted posts per topic for \`topics\` (${plural(taxonomy.topics.length, "topic")})\n`
      : "Posts per topic: a later count is saved already (kept)\n",
  );
  if (asJson)
    return print(io, {
      feeds: { total: feeds.feeds, corrected: feeds.corrected },
      posts: { total: posts.posts, corrected: posts.corrected },
    });
  io.stdout(
    `Recounted ${plural(feeds.feeds, "feed")}: ${feeds.corrected} corrected. Reindexed ${plural(posts.posts, "post")}: ${posts.corrected} corrected.\n`,
  );
  return 0;
}

async function awsDlq(queueUrl: string, replay: boolean, asJson: boolean, io: CliIo): Promise<number> {
  if (!replay) return showLetters(await listQueuedLetters(queueUrl), asJson, `recap dlq replay --queue-url ${queueUrl}`, io);
  const { replayed, failed } = await replayQueuedLetters(queueUrl);
  io.stderr(`Replayed ${plural(replayed, "event")}; ${failed} could not be handed to Lambda and stay in the queue.\n`);
  return asJson ? print(io, { replayed, waiting: failed }) : failed > 0 ? 1 : 0;
}

export async function runCli(
  argv: string[],
  io: CliIo,
  open: () => Promise<LocalRecap> = () => openLocalRecap({ log: quietLogger }),
): Promise<number> {
  if (!argv.includes("--json")) return dispatchSafely(argv, io, open);
  // --json: stdout is the answer as JSON and nothing else. Progress and remarks go to stderr as
  // they happen; a command that fails without an answer answers {"error": "…"}.
  let answer = "";
  let remarks = "";
  const code = await dispatchSafely(
    argv,
    {
      stdout: (text) => void (answer += text),
      stderr: (text) => {
        remarks += text;
        io.stderr(text);
      },
    },
    open,
  );
  io.stdout(code !== 0 && answer === "" ? `${JSON.stringify({ error: remarks.trim() || "The command failed." }, null, 2)}\n` : answer);
  return code;
}

/**
 * An unexpected failure (a data directory that cannot be opened, a bug) is one line and a hint,
 * not a stack trace; RECAP_DEBUG=1 shows the stack.
 */
async function dispatchSafely(argv: string[], io: CliIo, open: () => Promise<LocalRecap>): Promise<number> {
  try {
    return await dispatch(argv, io, open);
  } catch (error) {
    const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
    const debug = process.env.RECAP_DEBUG === "1" && error instanceof Error && error.stack ? `\n${error.stack}` : "";
    io.stderr(`recap ${argv[0] ?? ""}: ${message}${debug}\n${debug ? "" : "(RECAP_DEBUG=1 shows where it failed.)\n"}`);
    return 1;
  }
}

async function dispatch(argv: string[], io: CliIo, open: () => Promise<LocalRecap>): Promise<number> {
  const [name, ...rest] = argv;
  // `recap posts --help`, `recap search -h`, `recap help posts`: that command's usage.
  const asked = usageAskedFor(name, rest);
  if (asked) {
    const usage = usageOf(asked);
    if (usage) return argv.includes("--json") ? print(io, usage) : say(io, `Usage: recap ${usage.usage}\n  ${usage.summary}\n`);
    if (name === "help") return fail(io, `No command ${JSON.stringify(asked)}. ${nearCommands(asked)}\n`);
  }
  const operation = name === undefined ? undefined : OPERATIONS[name];
  if (!operation) return runLanguage(argv, io, open);

  let args: ParsedArgs;
  try {
    // A value is a string or a boolean, or a list of strings for an option declared `multiple`.
    args = parseArgs({ args: rest, options: operation.options, allowPositionals: true, strict: true }) as ParsedArgs;
  } catch (error) {
    return fail(io, `${optionProblem(error, name!)}\nUsage: recap ${operation.usage}\n`);
  }
  const standalone = operation.standalone?.(args, io);
  if (standalone) return standalone;
  const recap = await open();
  try {
    return await operation.run(recap, args, io);
  } finally {
    await recap.close();
  }
}

/** `recap <words>`: the same words as `/recap <words>` in Slack, answered in the terminal. */
async function runLanguage(argv: string[], io: CliIo, open: () => Promise<LocalRecap>): Promise<number> {
  const asJson = argv.includes("--json");
  // `--channel <id>`: which channel `subscribe`, `digest`, `follow` and the like are about (Slack knows it).
  const channelAt = argv.indexOf("--channel");
  const channelId = channelAt >= 0 ? argv[channelAt + 1] : undefined;
  if (channelAt >= 0 && !channelId) return fail(io, "--channel takes a Slack channel id, e.g. --channel C0123456789\n");
  // `--page <n>`: the terminal's spelling of `page <n>` for a topic, search or latest.
  const pageAt = argv.indexOf("--page");
  const pageValue = pageAt >= 0 ? argv[pageAt + 1] : undefined;
  const page = pageValue === undefined ? undefined : pageOption(pageValue);
  if (pageAt >= 0 && page === undefined) return fail(io, PAGE_PROBLEM);
  const flagged = new Set<number>();
  for (const at of [channelAt, pageAt]) if (at >= 0) flagged.add(at).add(at + 1);
  // The shell already split the words; keep a word with spaces in it as one (a quoted phrase).
  const text = argv
    .filter((word, index) => word !== "--json" && !flagged.has(index))
    .map((word) => (/\s/.test(word) ? `"${word}"` : word))
    .join(" ");
  const parsed = parseCommand(text);
  if (page !== undefined && !parsed.problem) {
    if (!("page" in parsed.command)) return fail(io, "--page goes with a topic, search or latest, e.g. recap gitops --page 2\n");
    parsed.command = { ...parsed.command, page };
  }
  if (parsed.command.name === "help" && asJson && !parsed.problem) return print(io, commandList());
  if (parsed.command.name === "help" && !asJson) {
    const problem = parsed.problem ? `${parsed.problem}\n\n` : "";
    return (parsed.problem ? fail : say)(io, `${problem}${helpText()}\n\n${operationsHelp()}`);
  }
  const recap = await open();
  try {
    const outcome: Outcome = parsed.problem
      ? { kind: "help", problem: parsed.problem }
      : await runCommand(parsed.command, { via: "cli", ...(channelId ? { channelId } : {}) }, recap.deps);
    if (outcome.kind === "added" || outcome.kind === "already-followed") await recap.bus.idle();
    // `recap serch argo`, `recap feed`: a mistyped command, not a topic nobody has.
    const word = outcome.kind === "unknown-topic" ? (outcome.query.split(/\s+/)[0] ?? "") : "";
    const commands = word ? closeCommands(word) : [];
    if (commands.length > 0) {
      if (asJson) print(io, { ...(outcomeJson(outcome) as object), commands });
      else io.stderr(`Unknown command or topic "${word}". ${nearCommands(word)}\n`);
      return 1;
    }
    if (asJson) {
      print(io, outcomeJson(outcome));
    } else {
      const text = terminalText(outcome);
      if (failed(outcome)) io.stderr(text);
      else io.stdout(text);
    }
    return failed(outcome) ? 1 : 0;
  } finally {
    await recap.close();
  }
}

/** The command whose usage is asked for, if any: `help <command>`, or `<command> --help` / `-h`. */
function usageAskedFor(name: string | undefined, rest: string[]): string | undefined {
  if (name === "help") return rest[0] && !rest[0].startsWith("-") ? rest[0] : undefined;
  return rest.some((word) => word === "--help" || word === "-h") ? name : undefined;
}

/** A command's usage line and summary: the terminal's own, or the shared grammar's. */
function usageOf(name: string): { usage: string; summary: string } | undefined {
  const operation = OPERATIONS[name];
  if (operation) return { usage: operation.usage, summary: operation.summary };
  const row = COMMAND_USAGE.find(([usage]) => usage.split(/[\s,]/)[0] === name);
  return row ? { usage: row[0], summary: row[1] } : undefined;
}

/** Node's parseArgs explains itself for programmers; say what went wrong with this command. */
function optionProblem(error: unknown, command: string): string {
  const code = (error as NodeJS.ErrnoException).code;
  const option = /'(-[^']*)'/.exec(error instanceof Error ? error.message : "")?.[1] ?? "an option";
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") return `recap ${command} has no option ${option.split(/[ ,]/)[0]}.`;
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") return `${option.split(/[ ,]/)[0]} needs a value here (recap ${command}).`;
  return `recap ${command}: ${error instanceof Error ? error.message.split(".")[0] : String(error)}.`;
}

/** Every command word the terminal knows: its own commands and the shared grammar's. */
const COMMAND_NAMES = [...new Set([...Object.keys(OPERATIONS), ...COMMAND_KEYWORDS])];

/** Command names one edit from `word` (two for longer names). */
function closeCommands(word: string): string[] {
  return COMMAND_NAMES.filter((name) => editDistance(word.toLowerCase(), name) <= (name.length > 4 ? 2 : 1));
}

/** "Did you mean `recap search`?" for a word close to command names, and where the list is. */
function nearCommands(word: string): string {
  const near = closeCommands(word);
  return `${near.length > 0 ? `Did you mean ${near.map((n) => `\`recap ${n}\``).join(" or ")}? ` : ""}\`recap help\` lists every command.`;
}

/** `help --json`: every command, the shared ones (Slack and terminal) and the terminal's own. */
function commandList() {
  return [
    ...COMMAND_USAGE.map(([usage, summary]) => ({ usage, summary, in: ["slack", "terminal"] })),
    ...Object.values(OPERATIONS).map(({ usage, summary }) => ({ usage, summary, in: ["terminal"] })),
  ];
}

function operationsHelp(): string {
  const width = Math.max(...Object.values(OPERATIONS).map((operation) => operation.usage.length));
  return [
    "In the terminal also:",
    ...Object.values(OPERATIONS).map((operation) => `  ${operation.usage.padEnd(width)}  ${operation.summary}`),
    "",
    "subscribe, subscription, unsubscribe, digest, follow, unfollow and following take --channel <Slack channel id>.",
    "Add --json to any command for machine-readable output, --help for one command's usage. Data lives in",
    "the project's .recap/ (RECAP_DATA_DIR to change); commands work whether or not `npm start` is running.",
    "",
  ].join("\n");
}

/** What `tag` weighs: a stored post (as retag would see it), or the text and context given. */
async function tagEvidence(
  recap: LocalRecap,
  positionals: string[],
  values: ParsedArgs["values"],
  io: CliIo,
): Promise<TopicEvidence | undefined> {
  const list = (value: ParsedArgs["values"][string]) => (Array.isArray(value) ? value : []);
  const text = (value: ParsedArgs["values"][string]) => (typeof value === "string" ? value : undefined);
  if (typeof values.post === "string") {
    const post = await recap.deps.store.posts.getWithLead(values.post);
    if (!post) {
      fail(io, `No stored post ${values.post} (recap search <words> --json shows post ids).\n`);
      return undefined;
    }
    return topicEvidence(post, await storedPostFocus(post, recap.deps));
  }
  const [title, summary] = positionals;
  if (!title) {
    usageError(io, "tag");
    return undefined;
  }
  return {
    title,
    ...(summary ? { summary } : {}),
    categories: list(values.category),
    ...(text(values.lead) ? { lead: text(values.lead) } : {}),
    ...(text(values.event) ? { event: text(values.event) } : {}),
    organizations: list(values.org),
  };
}

/** "security  3.5  tagged" and one indented line per piece of evidence. */
function explanationLines(score: TopicScore, label: string): string {
  const head = `${score.id}  (${label})  ${plural(score.score, "point")}, ${score.tagged ? "tagged" : "not tagged"}\n`;
  return head + score.evidence.map((e) => `    +${e.points}  ${e.source}: ${JSON.stringify(e.text)} (${e.strength})\n`).join("");
}

const PAGE_PROBLEM = `--page takes a whole number from 1 to ${MAX_PAGE}\n`;

/** `--page <n>`: 1 when absent, undefined when it is not a page number. */
function pageOption(value: ParsedArgs["values"][string]): number | undefined {
  if (value === undefined) return 1;
  const page = Number(value);
  return Number.isInteger(page) && page >= 1 && page <= MAX_PAGE ? page : undefined;
}

/** The options of a `posts` command, written back as the user would type them. */
function postsOptions(values: ParsedArgs["values"]): string {
  return ["topic", "feed", "since", "limit", "page"]
    .filter((name) => typeof values[name] === "string")
    .map((name) => {
      const value = String(values[name]);
      return `--${name} ${/^[\w:/.@-]+$/.test(value) ? value : JSON.stringify(value)}`;
    })
    .join(" ");
}

function usageError(io: CliIo, name: string): number {
  io.stderr(`Usage: recap ${OPERATIONS[name]?.usage}\n`);
  return 1;
}

async function requireFeed(recap: LocalRecap, reference: string | undefined, io: CliIo, name: string): Promise<Feed | undefined> {
  if (!reference) {
    usageError(io, name);
    return undefined;
  }
  const feed = await findFeed(reference, recap.deps);
  if (!feed) io.stderr(`No followed feed matches "${truncate(reference, 120)}". See: recap feeds\n`);
  return feed;
}

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
