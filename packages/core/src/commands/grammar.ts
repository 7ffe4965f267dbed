/**
 * The command grammar: text → Command, for Slack (`/recap <text>`) and the CLI (`recap <words…>`),
 * and back (`formatCommand`, for Share buttons and "more" links).
 *
 *   help | ? | -h | --help               help (so is empty text)
 *   topic <words…> [page <n>]            a topic; so is any text that doesn't start with a keyword
 *   topic add <id> <label> [aliases…]    a team topic (quote a label or alias of several words)
 *   topic alias <id> <words…>            one more name for a topic
 *   topic cues <topic…>                  what corrections taught about a topic
 *   topic forget <topic> <cue-id>        unlearn one of them
 *   correct <post-id> not|also|undo <topic…>   the team's word on one topic of one post (--not, --also, --undo too)
 *   retag [--since <YYYY-MM-DD>]         re-tag stored posts
 *   search <words…> [page <n>]           words as typed, de-duplicated case-insensitively
 *   topics | feeds [all]
 *   latest [page <n>]
 *   add <url> [recap | --recap]
 *   remove <url|id> | resume <url|id>
 *   subscribe [words…]                   the channel's digest (time, zone, days, topics: read by the executor)
 *   unsubscribe | subscription | digest
 *   follow <words…> | unfollow <words…>  the channel's alerts on one topic (no page: `page` is a plain word)
 *   following
 *   share <any of the above>             the answer goes to the channel
 *
 * Reading the text, in order:
 * 1. Slack links `<https://x|label>` / `<https://x>` are taken out first (they use literal `<>`;
 *    text a person typed has `&lt;`/`&gt;`), then `&amp;` `&lt;` `&gt;` are decoded, once.
 * 2. Words are split on any whitespace (non-breaking spaces, newlines, zero-width spaces).
 *    A word starting with a quote ("…", “…”, '…', ‘…’, «…») runs to the first quote of the same
 *    kind followed by whitespace or the end, and is one literal word: never a keyword, so `"page"`
 *    and `"recap"` are plain words. Unmatched quotes and backticks around words are dropped.
 * 3. A link stands for its URL where an address is expected (add, remove, resume) and for its label
 *    elsewhere: Slack links `k8s.io` into `<http://k8s.io|k8s.io>`, and the person typed the label.
 * 4. Keywords are case-insensitive and only count first (after `share`); `page <n>` only counts
 *    last; `recap` / `--recap` anywhere after `add`. Topics are not resolved here (the executor
 *    does that with findTopic): a topic is the words as typed, joined by single spaces.
 *
 * Bad input never throws: it gives `help` with a `problem` in plain words, with an example.
 */
import type { Command, ParsedCommand } from "../model/command";

/** Commands that are one word and take nothing after it: parsed and written as just that word. */
const BARE_COMMANDS = ["topics", "unsubscribe", "subscription", "digest", "following"] as const;
type BareCommand = Extract<Command, { name: (typeof BARE_COMMANDS)[number] }>;
const isBareWord = (word: string | undefined): word is BareCommand["name"] => (BARE_COMMANDS as readonly string[]).includes(word ?? "");
const isBareCommand = (command: Command): command is BareCommand => isBareWord(command.name);

/**
 * Words that start a command: `/recap <word>` never looks a topic up by them, so a topic must not
 * be named one (its "more" hints say `/recap <topic id>`).
 */
export const COMMAND_KEYWORDS: readonly string[] = [
  ...BARE_COMMANDS,
  "feeds",
  "help",
  "topic",
  "retag",
  "correct",
  "search",
  "latest",
  "add",
  "remove",
  "resume",
  "subscribe",
  "follow",
  "unfollow",
  "page",
  "share",
];

/** Longer text is refused (as is text whose command would format longer than this). */
export const MAX_COMMAND_LENGTH = 2000;
/** The highest `page <n>` accepted. */
export const MAX_PAGE = 1000;

const DOUBLE_QUOTES = '"“”„‟«»＂';
const SINGLE_QUOTES = "'‘’‚‛‹›＇";
/** Dropped from both ends of every word: quotes, and backticks (people copy examples such as `search argo`). */
const EDGE_CHARS = DOUBLE_QUOTES + SINGLE_QUOTES + "`";
const WS = "\\s\\u200b\\u2060";
const WS_RUN = new RegExp(`[${WS}]+`, "g");
const IS_WS = new RegExp(`[${WS}]`);
const EDGES = new RegExp(`^[${WS}${EDGE_CHARS}]+|[${WS}${EDGE_CHARS}]+$`, "g");
/** A Slack link: `<url>` or `<url|label>`, with a scheme (mentions such as `<@U123>` are left alone). */
const SLACK_LINK = /<([a-z][a-z0-9+.-]*:[^\s<>|]*)(?:\|([^<>]*))?>/gi;
/** Stands for a link while the text is split into words; removed from the input beforehand. */
const LINK_MARK = "\uE000";
const ENTITIES: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">" };

const PAGE_WORD = ' To use the word "page" itself, put it in quotes: `"page"`.';
const EXAMPLE_URL = "https://kubernetes.io/feed.xml";
const PROBLEMS = {
  tooLong: `That is too long for a command (the limit is ${MAX_COMMAND_LENGTH} characters). Try something shorter, e.g. \`search argo rollouts\`.`,
  shareAlone: "share needs a command after it, e.g. `share gitops` posts the GitOps news in the channel.",
  shareTwice: "share goes once, at the start, e.g. `share gitops`.",
  pageFirst: "page goes at the end of a list of posts, e.g. `gitops page 2` or `latest page 2`.",
  topic: "topic needs a topic name, e.g. `topic platform engineering` (or just `platform engineering`).",
  search: "search needs at least one word, e.g. `search argo rollouts`",
  addNone: `add needs the address of a feed or blog, e.g. \`add ${EXAMPLE_URL}\` (put \`recap\` after it for a conference-recap feed).`,
  addMany: `add takes one address at a time (and optionally \`recap\`), e.g. \`add ${EXAMPLE_URL} recap\`.`,
  latest: "latest takes nothing after it but a page, e.g. `latest` or `latest page 2`.",
  topicAdd:
    'topic add needs an id and a label, then any aliases, e.g. `topic add devrel "Developer relations" "developer advocacy"` (quote words that go together).',
  topicAlias: "topic alias needs a topic id and the new name, e.g. `topic alias gitops continuous reconciliation`.",
  retag: "retag takes nothing, or `--since` and a date, e.g. `retag --since 2026-11-01`.",
  correct:
    "correct needs a post id, then `not`, `also` or `undo`, then a topic, e.g. `correct 3f2a9c0d1e2b4a5c not kubernetes` (`search … --json` in the CLI shows ids).",
  topicCues: "topic cues needs a topic, e.g. `topic cues kubernetes`.",
  topicForget: "topic forget needs a topic and a cue id (`topic cues <topic>` lists them), e.g. `topic forget kubernetes 1a2b3c4d`.",
  follow: (name: string) => `${name} needs a topic, e.g. \`${name} gitops\` (\`topics\` lists them).`,
  pageNumber: (example: string) => `page needs a number after it, e.g. \`${example} page 2\`.${PAGE_WORD}`,
  pageRange: (example: string) => `page takes a whole number from 1 to ${MAX_PAGE}, e.g. \`${example} page 2\`.${PAGE_WORD}`,
  feeds: "feeds takes nothing after it, or `all` to list every feed in Slack too: `feeds` or `feeds all`.",
  nothingAfter: (name: string) => `${name} takes nothing after it: just \`${name}\`.`,
  feedNone: (name: string) => `${name} needs a feed's address or id (\`feeds\` lists them), e.g. \`${name} ${EXAMPLE_URL}\`.`,
  feedMany: (name: string) => `${name} takes one feed at a time, by address or id (\`feeds\` lists them), e.g. \`${name} ${EXAMPLE_URL}\`.`,
};

interface Token {
  /** The word as read: a link gives its label (what was typed before Slack linked it). */
  text: string;
  /** The word as an address: a link gives its URL. */
  target: string;
  /** Quoted or linked: never a keyword, flag or page number marker. */
  literal: boolean;
}

export function parseCommand(text: string): ParsedCommand {
  const input = typeof text === "string" ? text : "";
  if (input.length > MAX_COMMAND_LENGTH) return problem(PROBLEMS.tooLong);
  let tokens = tokenize(input);
  let share = false;
  if (keywordOf(tokens[0]) === "share") {
    tokens = tokens.slice(1);
    if (tokens.length === 0) return problem(PROBLEMS.shareAlone);
    if (keywordOf(tokens[0]) === "share") return problem(PROBLEMS.shareTwice);
    share = true;
  }
  const command = readCommand(tokens);
  if (typeof command === "string") return problem(command);
  // Escaping and quoting can make the canonical text longer than the input; it must parse too.
  if (command.name !== "help" && formatCommand(command).length > MAX_COMMAND_LENGTH) return problem(PROBLEMS.tooLong);
  return { command, share };
}

/**
 * The canonical text of a command, such that parseCommand(formatCommand(c)).command deep-equals c
 * (page included) for every command parseCommand returns. A topic is always written `topic …`, so
 * the text keeps its meaning if a keyword is added later. Commands parseCommand never returns (an
 * empty topic, page 0, a word with surrounding spaces) get a best-effort text.
 */
export function formatCommand(command: Command): string {
  let text: string;
  if (command.name === "help" || isBareCommand(command)) return command.name;
  switch (command.name) {
    case "feeds":
      return command.all ? "feeds all" : "feeds";
    case "follow":
    case "unfollow":
      text = `${command.name} ${formatWords(command.topic, [])}`;
      break;
    case "subscribe":
      text = ["subscribe", ...command.words.map((word) => formatWord(word, []))].join(" ");
      break;
    case "topic":
      // A topic named like a subcommand is quoted so it stays a topic.
      text = `topic ${formatWords(command.topic, ["page", ...TOPIC_SUBCOMMANDS])}${pageSuffix(command.page)}`;
      break;
    case "topic-add":
      text = ["topic add", ...[command.id, command.label, ...command.aliases].map((word) => formatWord(word, []))].join(" ");
      break;
    case "topic-alias":
      text = `topic alias ${formatWord(command.id, [])} ${formatWords(command.alias, [])}`;
      break;
    case "topic-cues":
      text = `topic cues ${formatWords(command.topic, [])}`;
      break;
    case "topic-forget":
      text = `topic forget ${formatWord(command.topic, [])} ${formatWord(command.cueId, [])}`;
      break;
    case "correct":
      text = `correct ${formatWord(command.postId, [])} ${command.verdict} ${formatWords(command.topic, [])}`;
      break;
    case "retag":
      return command.since ? `retag --since ${command.since}` : "retag";
    case "search":
      text = `search ${command.words.map((word) => formatWord(word, ["page"])).join(" ")}${pageSuffix(command.page)}`;
      break;
    case "latest":
      return `latest${pageSuffix(command.page)}`;
    case "add":
      text = `add ${formatWord(command.url, ["recap", "--recap"])}${command.recap ? " recap" : ""}`;
      break;
    case "remove":
    case "resume":
      text = `${command.name} ${formatWord(command.target, [])}`;
      break;
  }
  return escapeEntities(text);
}

function problem(text: string): ParsedCommand {
  return { command: { name: "help" }, share: false, problem: text };
}

function readCommand(tokens: Token[]): Command | string {
  const [first, ...args] = tokens;
  if (!first) return { name: "help" };
  const keyword = keywordOf(first);
  if (isBareWord(keyword)) return args.length > 0 ? PROBLEMS.nothingAfter(keyword) : { name: keyword };
  switch (keyword) {
    case "help":
    case "?":
    case "-h":
    case "--help":
      return { name: "help" };
    case "feeds":
      if (args.length === 0) return { name: "feeds" };
      return args.length === 1 && keywordOf(args[0]) === "all" ? { name: "feeds", all: true } : PROBLEMS.feeds;
    case "topic":
      return readTopicCommand(args);
    case "retag":
      return readRetag(args);
    case "correct": {
      const [post, verdict, ...topic] = args;
      // `--not` too: the terminal's flag style (`recap correct <id> --not kubernetes`).
      const word = keywordOf(verdict)?.replace(/^--/, "");
      if (!post || topic.length === 0 || (word !== "not" && word !== "also" && word !== "undo")) return PROBLEMS.correct;
      return { name: "correct", postId: post.text, verdict: word, topic: topic.map((token) => token.text).join(" ") };
    }
    case "search": {
      const paged = splitPage(args, "search argo rollouts");
      if (typeof paged === "string") return paged;
      const seen = new Set<string>();
      const words: string[] = [];
      for (const { text } of paged.words) {
        const key = text.normalize("NFKC").toLowerCase();
        if (seen.has(key)) continue;
        seen.add(key);
        words.push(text);
      }
      if (words.length === 0) return PROBLEMS.search;
      return { name: "search", words, page: paged.page };
    }

    case "follow":
    case "unfollow":
      if (args.length === 0) return PROBLEMS.follow(keyword);
      return { name: keyword, topic: args.map((token) => token.text).join(" ") };
    case "subscribe":
      return { name: "subscribe", words: args.map((token) => token.text) };
    case "latest": {
      const paged = splitPage(args, "latest");
      if (typeof paged === "string") return paged;
      return paged.words.length > 0 ? PROBLEMS.latest : { name: "latest", page: paged.page };
    }
    case "add": {
      let recap = false;
      const urls: string[] = [];
      for (const token of args) {
        const flag = keywordOf(token);
        if (flag === "recap" || flag === "--recap") recap = true;
        else urls.push(token.target);
      }
      const [url, ...more] = urls;
      if (url === undefined) return PROBLEMS.addNone;
      if (more.length > 0) return PROBLEMS.addMany;
      return { name: "add", url, recap };
    }
    case "remove":
    case "resume": {
      const [target, ...more] = args;
      if (!target) return PROBLEMS.feedNone(keyword);
      if (more.length > 0) return PROBLEMS.feedMany(keyword);
      return { name: keyword, target: target.target };
    }
    case "page":
      return PROBLEMS.pageFirst;
    default:
      return readTopic(tokens);
  }
}

/** After `topic`: the subcommands, else a topic to look up. */
const TOPIC_SUBCOMMANDS = ["add", "alias", "cues", "forget"];

function readTopicCommand(args: Token[]): Command | string {
  const [sub, ...rest] = args;
  switch (keywordOf(sub)) {
    case "add": {
      const [id, label, ...aliases] = rest.map((token) => token.text);
      if (id === undefined || label === undefined) return PROBLEMS.topicAdd;
      return { name: "topic-add", id, label, aliases };
    }
    case "alias": {
      const [id, ...alias] = rest.map((token) => token.text);
      if (id === undefined || alias.length === 0) return PROBLEMS.topicAlias;
      return { name: "topic-alias", id, alias: alias.join(" ") };
    }
    case "cues":
      if (rest.length === 0) return PROBLEMS.topicCues;
      return { name: "topic-cues", topic: rest.map((token) => token.text).join(" ") };
    case "forget": {
      const [topic, cueId, ...more] = rest.map((token) => token.text);
      if (topic === undefined || cueId === undefined || more.length > 0) return PROBLEMS.topicForget;
      return { name: "topic-forget", topic, cueId };
    }
    default:
      return readTopic(args);
  }
}

/** `retag`, `retag --since <date>` (also `since <date>`): a calendar date, checked to exist. */
function readRetag(args: Token[]): Command | string {
  if (args.length === 0) return { name: "retag" };
  const [flag, date, ...more] = args;
  const isSince = ["--since", "since"].includes(keywordOf(flag) ?? "");
  if (!isSince || !date || more.length > 0 || !isCalendarDate(date.text)) return PROBLEMS.retag;
  return { name: "retag", since: date.text };
}

function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

function readTopic(args: Token[]): Command | string {
  const paged = splitPage(args, "gitops");
  if (typeof paged === "string") return paged;
  if (paged.words.length === 0) return PROBLEMS.topic;
  return { name: "topic", topic: paged.words.map((token) => token.text).join(" "), page: paged.page };
}

/** Takes a trailing `page <n>` off the arguments. */
function splitPage(args: Token[], example: string): { words: Token[]; page: number } | string {
  const last = args.at(-1);
  if (keywordOf(last) === "page") return PROBLEMS.pageNumber(example);
  if (last && keywordOf(args.at(-2)) === "page") {
    if (!/^[0-9]+$/.test(last.text)) return PROBLEMS.pageRange(example);
    const page = Number(last.text);
    if (page < 1 || page > MAX_PAGE) return PROBLEMS.pageRange(example);
    return { words: args.slice(0, -2), page };
  }
  return { words: args, page: 1 };
}

function keywordOf(token: Token | undefined): string | undefined {
  return token && !token.literal ? asKeyword(token.text) : undefined;
}

/** Lower case; a leading en/em dash reads as `--` (phones and macOS turn `--help` into `—help`). */
function asKeyword(word: string): string {
  return word.toLowerCase().replace(/^[\u2013\u2014]/, "--");
}

/** Collapses whitespace and drops whitespace, quotes and backticks from both ends. */
function clean(word: string): string {
  return word.replace(WS_RUN, " ").replace(EDGES, "");
}

function decodeEntities(text: string): string {
  return text.replace(/&(?:amp|lt|gt);/g, (entity) => ENTITIES[entity] ?? entity);
}

function escapeEntities(text: string): string {
  return text.replace(/&(?=(?:amp|lt|gt);)/g, "&amp;").replace(/</g, "&lt;");
}

function tokenize(input: string): Token[] {
  const links: { url: string; label?: string }[] = [];
  const source = decodeEntities(
    input.replaceAll(LINK_MARK, "").replace(SLACK_LINK, (_match, url: string, label: string | undefined) => {
      links.push({ url: decodeEntities(url), ...(label === undefined ? {} : { label: decodeEntities(label) }) });
      return LINK_MARK;
    }),
  );

  const tokens: Token[] = [];
  let nextLink = 0;
  const push = (raw: string, quoted: boolean) => {
    const [head = "", ...rest] = raw.split(LINK_MARK);
    let text = head;
    let target = head;
    for (const piece of rest) {
      const link = links[nextLink++];
      const url = clean(link?.url ?? "");
      const label = clean(link?.label ?? "");
      text += (label && !IS_WS.test(label) ? label : url) + piece;
      target += url + piece;
    }
    text = clean(text);
    if (text) tokens.push({ text, target: clean(target), literal: quoted || rest.length > 0 });
  };

  const isWs = (i: number) => i < source.length && IS_WS.test(source[i]!);
  // Where a quote of each kind can end a word (before whitespace or the end), searched left to right
  // once: an unmatched quote does not send every later word on a scan to the end of the input.
  const closers = new Map<string, number>();
  const closerFrom = (quotes: string, from: number) => {
    let at = closers.get(quotes) ?? -1;
    if (at < from) {
      at = from;
      while (at < source.length && !(quotes.includes(source[at]!) && (at + 1 === source.length || isWs(at + 1)))) at++;
      closers.set(quotes, at);
    }
    return at;
  };
  let i = 0;
  while (i < source.length) {
    if (isWs(i)) {
      i++;
      continue;
    }
    const quotes = quoteKind(source[i]!);
    if (quotes) {
      const end = closerFrom(quotes, i + 1);
      if (end < source.length) {
        push(source.slice(i + 1, end), true);
        i = end + 1;
        continue;
      }
    }
    let end = i;
    while (end < source.length && !isWs(end)) end++;
    push(source.slice(i, end), false);
    i = end;
  }
  return tokens;
}

function quoteKind(char: string): string | undefined {
  if (DOUBLE_QUOTES.includes(char)) return DOUBLE_QUOTES;
  if (SINGLE_QUOTES.includes(char)) return SINGLE_QUOTES;
  return undefined;
}

function pageSuffix(page: number): string {
  return page === 1 ? "" : ` page ${page}`;
}

/** A word that reads back as itself without quotes. */
function isBare(word: string, reserved: readonly string[]): boolean {
  return word !== "" && !IS_WS.test(word) && clean(word) === word && !reserved.includes(asKeyword(word));
}

/** `word` in quotes that read back as exactly `word`, if there are such quotes. */
function quote(word: string): string | undefined {
  if (word === "" || clean(word) !== word) return undefined;
  // Inside quotes, a quote of the same kind followed by whitespace would end the word early.
  const endsEarly = (quotes: string) => [...word.matchAll(/(.) /g)].some((m) => quotes.includes(m[1]!));
  if (!endsEarly(DOUBLE_QUOTES)) return `"${word}"`;
  if (!endsEarly(SINGLE_QUOTES)) return `'${word}'`;
  return undefined;
}

function formatWord(word: string, reserved: readonly string[]): string {
  return isBare(word, reserved) ? word : (quote(word) ?? word);
}

/**
 * Words joined by spaces (a topic), written with as few quotes as possible. A quoted group can't
 * start or end with a quote (it would be dropped), nor hold quotes of both kinds before a space
 * (one would end it early), so the grouping is searched for, from the end, in O(words²).
 */
function formatWords(text: string, reserved: readonly string[]): string {
  const parts = text.split(" ");
  const plans: (string | undefined)[] = [];
  plans[parts.length] = "";
  const then = (i: number) => (plans[i] ? ` ${plans[i]}` : "");
  const edge = (char: string | undefined) => char === undefined || EDGE_CHARS.includes(char);
  for (let i = parts.length - 1; i >= 0; i--) {
    const part = parts[i]!;
    if (plans[i + 1] !== undefined && isBare(part, reserved)) {
      plans[i] = part + then(i + 1);
      continue;
    }
    if (edge(part[0])) continue;
    let double = false;
    let single = false;
    for (let j = i; j < parts.length; j++) {
      const last = parts[j]!;
      if (last === "" || IS_WS.test(last)) break;
      if (plans[j + 1] !== undefined && !edge(last.at(-1))) {
        const group = parts.slice(i, j + 1).join(" ");
        plans[i] = (double ? `'${group}'` : `"${group}"`) + then(j + 1);
        break;
      }
      double ||= DOUBLE_QUOTES.includes(last.at(-1)!);
      single ||= SINGLE_QUOTES.includes(last.at(-1)!);
      if (double && single) break;
    }
  }
  return plans[0] ?? text;
}
