import { describe, expect, it } from "vitest";
import { COMMAND_KEYWORDS, formatCommand, MAX_COMMAND_LENGTH, MAX_PAGE, parseCommand } from "../../packages/core/src/commands/grammar";
import type { Command, ParsedCommand } from "../../packages/core/src/model/command";

const command = (text: string) => parseCommand(text).command;
const ok = (text: string, expected: Command, share = false) => expect(parseCommand(text)).toEqual({ command: expected, share });
const topic = (name: string, page = 1): Command => ({ name: "topic", topic: name, page });
const search = (words: string[], page = 1): Command => ({ name: "search", words, page });

/** Throws unless `parsed` is a ParsedCommand parseCommand may return. */
function assertValid(parsed: ParsedCommand): void {
  expect(typeof parsed.share).toBe("boolean");
  if (parsed.problem !== undefined) {
    expect(parsed.command).toEqual({ name: "help" });
    expect(parsed.share).toBe(false);
    expect(parsed.problem.length).toBeGreaterThan(10);
  }
  const c = parsed.command;
  const validPage = (page: number) => Number.isInteger(page) && page >= 1 && page <= MAX_PAGE;
  const validWord = (word: string) => word.length > 0 && word === word.trim();
  switch (c.name) {
    case "help":
    case "topics":
      expect(Object.keys(c)).toEqual(["name"]);
      break;
    case "feeds":
      expect(c.all === undefined || c.all === true).toBe(true);
      break;
    case "topic":
      expect(validWord(c.topic) && validPage(c.page)).toBe(true);
      expect(c.topic).not.toMatch(/\s\s|[\t\n\u00a0]/);
      break;
    case "search":
      expect(c.words.length).toBeGreaterThan(0);
      expect(c.words.every(validWord) && validPage(c.page)).toBe(true);
      expect(new Set(c.words.map((w) => w.toLowerCase())).size).toBe(c.words.length);
      break;
    case "latest":
      expect(validPage(c.page)).toBe(true);
      break;
    case "add":
      expect(validWord(c.url) && typeof c.recap === "boolean").toBe(true);
      break;
    case "remove":
    case "resume":
      expect(validWord(c.target)).toBe(true);
      break;
    case "topic-add":
      expect([c.id, c.label, ...c.aliases].every(validWord)).toBe(true);
      break;
    case "topic-alias":
      expect(validWord(c.id) && validWord(c.alias)).toBe(true);
      break;
    case "topic-cues":
      expect(validWord(c.topic)).toBe(true);
      break;
    case "topic-forget":
      expect(validWord(c.topic) && validWord(c.cueId)).toBe(true);
      break;
    case "correct":
      expect(validWord(c.postId) && validWord(c.topic) && ["not", "also", "undo"].includes(c.verdict)).toBe(true);
      break;
    case "retag":
      if (c.since !== undefined) expect(c.since).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      break;
    case "follow":
    case "unfollow":
      expect(validWord(c.topic)).toBe(true);
      expect(c.topic).not.toMatch(/\s\s|[\t\n\u00a0]/);
      break;
    case "following":
      expect(Object.keys(c)).toEqual(["name"]);
      break;
    default:
      throw new Error(`unexpected command ${JSON.stringify(c)}`);
  }
}

/** mulberry32: a small seeded generator, so failures reproduce. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("parseCommand: help", () => {
  it.each(["", "   ", "\n\t", "help", "HELP", "  Help  ", "?", "-h", "--help", "—help", "help search", "“”", '""'])(
    "%j is help",
    (text) => {
      ok(text, { name: "help" });
    },
  );
});

describe("parseCommand: topics", () => {
  it("reads `topic <words…>`, joining the words with single spaces and keeping their case", () => {
    ok("topic platform engineering", topic("platform engineering"));
    ok("  TOPIC \u00a0Platform\n\tEngineering  ", topic("Platform Engineering"));
    ok("Topic gitops", topic("gitops"));
  });

  it("reads text that doesn't start with a keyword as a topic", () => {
    ok("gitops", topic("gitops"));
    ok("k8s", topic("k8s"));
    ok("platform engineering", topic("platform engineering"));
    ok("platform\u00a0\u00a0engineering\n", topic("platform engineering"));
    ok("AI/ML", topic("AI/ML"));
  });

  it("takes the words after `topic` literally, even keywords", () => {
    ok("topic search", topic("search"));
    ok("topic share", topic("share"));
    ok("topic help me", topic("help me"));
    ok("gitops share", topic("gitops share"));
  });

  it("drops quotes and backticks around words", () => {
    ok("“gitops”", topic("gitops"));
    ok("topic “platform engineering”", topic("platform engineering"));
    ok("‘service mesh’", topic("service mesh"));
    ok("`gitops`", topic("gitops"));
    ok('"gitops', topic("gitops"));
  });

  it("reads quoted words literally: a quoted keyword is a topic", () => {
    ok('"search" tools', topic("search tools"));
    ok("“latest”", topic("latest"));
  });

  it("uses a Slack link's label: what the person typed before Slack linked it", () => {
    ok("<http://k8s.io|k8s.io>", topic("k8s.io"));
    ok("topic <http://asp.net|asp.net> core", topic("asp.net core"));
  });
});

describe("parseCommand: search", () => {
  it("keeps words as typed, trimmed, and drops case-insensitive repeats", () => {
    ok("search argo rollouts", search(["argo", "rollouts"]));
    ok("SEARCH  Argo\u00a0Rollouts  argo ROLLOUTS canary", search(["Argo", "Rollouts", "canary"]));
    ok("search\nkubecon\n", search(["kubecon"]));
  });

  it("reads quoted phrases, straight or smart, as one word", () => {
    ok('search "argo rollouts" canary', search(["argo rollouts", "canary"]));
    ok("search “argo   rollouts” “Argo Rollouts”", search(["argo rollouts"]));
    ok("search ‘service mesh’ istio", search(["service mesh", "istio"]));
    ok("search “argo rollouts", search(["argo", "rollouts"]));
    ok("search don't panic", search(["don't", "panic"]));
  });

  it("takes keywords after `search` as words", () => {
    ok("search search topics add", search(["search", "topics", "add"]));
    ok("search front page design news", search(["front", "page", "design", "news"]));
  });

  it("decodes Slack's entities once", () => {
    ok("search q&amp;a", search(["q&a"]));
    ok("search &lt;init&gt;", search(["<init>"]));
    ok("search &amp;lt;", search(["&lt;"]));
  });
});

describe("parseCommand: topics, feeds, latest", () => {
  it("reads them in any case", () => {
    ok("topics", { name: "topics" });
    ok(" TOPICS\n", { name: "topics" });
    ok("feeds", { name: "feeds" });
    ok("Feeds", { name: "feeds" });
    ok("feeds all", { name: "feeds", all: true });
    ok("FEEDS All", { name: "feeds", all: true });
    ok("latest", { name: "latest", page: 1 });
    ok("LATEST", { name: "latest", page: 1 });
  });
});

describe("parseCommand: add, remove, resume", () => {
  it("reads `add <url> [recap]`, the flag in any case and place", () => {
    ok("add https://kubernetes.io/feed.xml", { name: "add", url: "https://kubernetes.io/feed.xml", recap: false });
    ok("ADD  https://kubecon.example/recaps  Recap", { name: "add", url: "https://kubecon.example/recaps", recap: true });
    ok("add https://kubecon.example/recaps --recap", { name: "add", url: "https://kubecon.example/recaps", recap: true });
    ok("add recap https://kubecon.example/recaps", { name: "add", url: "https://kubecon.example/recaps", recap: true });
    ok("add https://kubecon.example/recaps —recap", { name: "add", url: "https://kubecon.example/recaps", recap: true });
    ok("add kubernetes.io", { name: "add", url: "kubernetes.io", recap: false });
    ok('add "recap"', { name: "add", url: "recap", recap: false });
  });

  it("unwraps Slack links to their URL", () => {
    ok("add <https://blog.example.com/feed|blog.example.com/feed>", { name: "add", url: "https://blog.example.com/feed", recap: false });
    ok("add <https://blog.example.com/feed> recap", { name: "add", url: "https://blog.example.com/feed", recap: true });
    ok("add <http://blog.example.com|blog.example.com>", { name: "add", url: "http://blog.example.com", recap: false });
    ok("remove <https://blog.example.com/feed|blog.example.com/feed>", { name: "remove", target: "https://blog.example.com/feed" });
  });

  it("decodes &amp; in URLs, wrapped or not", () => {
    ok("add https://x.example/feed?a=1&amp;b=2", { name: "add", url: "https://x.example/feed?a=1&b=2", recap: false });
    ok("add <https://x.example/feed?a=1&amp;b=2|x.example/feed?a=1&amp;b=2>", {
      name: "add",
      url: "https://x.example/feed?a=1&b=2",
      recap: false,
    });
    ok("add https://x.example/feed?a=1&b=2", { name: "add", url: "https://x.example/feed?a=1&b=2", recap: false });
  });

  it("reads `remove` and `resume` with one URL or id", () => {
    ok("remove 3f2a9c1b7d4e", { name: "remove", target: "3f2a9c1b7d4e" });
    ok("Remove https://kubernetes.io/feed.xml", { name: "remove", target: "https://kubernetes.io/feed.xml" });
    ok("resume 3f2a9c1b7d4e", { name: "resume", target: "3f2a9c1b7d4e" });
    ok("RESUME\u00a0<https://blog.example.com/feed>", { name: "resume", target: "https://blog.example.com/feed" });
  });
});

describe("parseCommand: topic add, topic alias, retag", () => {
  it("reads `topic add <id> <label> [aliases…]`, a quoted label or alias being one word", () => {
    ok("topic add finops FinOps", { name: "topic-add", id: "finops", label: "FinOps", aliases: [] });
    ok('TOPIC ADD finops "Cloud FinOps" cost “cloud bill”', {
      name: "topic-add",
      id: "finops",
      label: "Cloud FinOps",
      aliases: ["cost", "cloud bill"],
    });
  });

  it("reads `topic alias <id> <words…>`, the words joined into one alias", () => {
    ok("topic alias gitops continuous   reconciliation", { name: "topic-alias", id: "gitops", alias: "continuous reconciliation" });
    ok("topic alias ebpf BPF", { name: "topic-alias", id: "ebpf", alias: "BPF" });
  });

  it("reads `topic cues <topic>` and `topic forget <topic> <cue-id>`", () => {
    ok("topic cues platform engineering", { name: "topic-cues", topic: "platform engineering" });
    ok("TOPIC FORGET kubernetes 1a2b3c4d", { name: "topic-forget", topic: "kubernetes", cueId: "1a2b3c4d" });
  });

  it("reads `correct <post-id> not|also|undo <topic…>`", () => {
    ok("correct 3f2a9c0d1e2b4a5c not kubernetes", { name: "correct", postId: "3f2a9c0d1e2b4a5c", verdict: "not", topic: "kubernetes" });
    ok("Correct 3f2a9c0d1e2b4a5c ALSO platform engineering", {
      name: "correct",
      postId: "3f2a9c0d1e2b4a5c",
      verdict: "also",
      topic: "platform engineering",
    });
    ok("correct abc undo gitops", { name: "correct", postId: "abc", verdict: "undo", topic: "gitops" });
  });

  it("keeps a quoted `add` or `alias` a topic to look up", () => {
    ok('topic "add"', topic("add"));
    ok("topic 'alias' tools", topic("alias tools"));
  });

  it("reads `retag` and `retag --since <date>` with a real calendar date", () => {
    ok("retag", { name: "retag" });
    ok("retag --since 2026-11-01", { name: "retag", since: "2026-11-01" });
    ok("Retag since 2024-02-29", { name: "retag", since: "2024-02-29" });
    ok("retag —since 2026-01-31", { name: "retag", since: "2026-01-31" });
  });

  it.each([
    ["topic add", /topic add needs an id and a label/],
    ["topic add finops", /topic add needs an id and a label/],
    ["topic alias", /topic alias needs a topic id and the new name/],
    ["topic alias gitops", /topic alias needs a topic id and the new name/],
    ["retag --since", /retag takes nothing, or `--since` and a date/],
    ["retag --since yesterday", /retag takes nothing/],
    ["retag --since 2026-02-30", /retag takes nothing/],
    ["retag --since 2026-11-01 extra", /retag takes nothing/],
    ["retag everything", /retag takes nothing/],
    ["correct", /correct needs a post id, then `not`, `also` or `undo`/],
    ["correct abc", /correct needs a post id/],
    ["correct abc not", /correct needs a post id/],
    ["correct abc maybe gitops", /correct needs a post id/],
    ['correct abc "not" gitops', /correct needs a post id/],
    ["topic cues", /topic cues needs a topic/],
    ["topic forget kubernetes", /topic forget needs a topic and a cue id/],
    ["topic forget kubernetes a b", /topic forget needs a topic and a cue id/],
  ])("%j is a problem", (text, problem) => {
    const parsed = parseCommand(text);
    expect(parsed.command).toEqual({ name: "help" });
    expect(parsed.problem).toMatch(problem);
  });
});

describe("COMMAND_KEYWORDS", () => {
  it("holds words that never read as a topic", () => {
    for (const word of COMMAND_KEYWORDS) expect(parseCommand(word).command.name, word).not.toBe("topic");
    for (const word of ["gitops", "kubernetes", "recap", "alias", "tag"]) expect(parseCommand(word).command.name, word).toBe("topic");
  });

  it("holds the first word of every command formatCommand writes (but a topic's)", () => {
    // Every command but a topic, by name: a command added to the language must be added here.
    const examples: { [N in Exclude<Command["name"], "topic">]: Extract<Command, { name: N }> } = {
      help: { name: "help" },
      search: { name: "search", words: ["argo"], page: 1 },
      topics: { name: "topics" },
      feeds: { name: "feeds" },
      add: { name: "add", url: "https://x.example/feed", recap: false },
      remove: { name: "remove", target: "abc" },
      resume: { name: "resume", target: "abc" },
      latest: { name: "latest", page: 1 },
      subscribe: { name: "subscribe", words: [] },
      unsubscribe: { name: "unsubscribe" },
      subscription: { name: "subscription" },
      digest: { name: "digest" },
      follow: { name: "follow", topic: "gitops" },
      unfollow: { name: "unfollow", topic: "gitops" },
      following: { name: "following" },
      "topic-add": { name: "topic-add", id: "finops", label: "FinOps", aliases: [] },
      "topic-alias": { name: "topic-alias", id: "finops", alias: "cost" },
      "topic-cues": { name: "topic-cues", topic: "gitops" },
      "topic-forget": { name: "topic-forget", topic: "gitops", cueId: "1a2b3c4d" },
      correct: { name: "correct", postId: "3f2a9c0d1e2b4a5c", verdict: "not", topic: "gitops" },
      retag: { name: "retag" },
    };
    for (const example of Object.values(examples)) expect(COMMAND_KEYWORDS, example.name).toContain(formatCommand(example).split(" ")[0]);
  });
});

describe("parseCommand: share", () => {
  it("shares whatever follows", () => {
    ok("share gitops", topic("gitops"), true);
    ok("SHARE  topic platform engineering", topic("platform engineering"), true);
    ok("share search argo rollouts", search(["argo", "rollouts"]), true);
    ok("share latest page 2", { name: "latest", page: 2 }, true);
    ok("share topics", { name: "topics" }, true);
  });
});

describe("parseCommand: pages", () => {
  it("takes a trailing `page <n>` for topics, searches and latest", () => {
    ok("gitops page 2", topic("gitops", 2));
    ok("platform engineering PAGE 3", topic("platform engineering", 3));
    ok("topic gitops page 12", topic("gitops", 12));
    ok("search argo rollouts page 2", search(["argo", "rollouts"], 2));
    ok("latest page 4", { name: "latest", page: 4 });
    ok("latest  page\n2", { name: "latest", page: 2 });
    ok("gitops page 1", topic("gitops"));
    ok("gitops page 02", topic("gitops", 2));
    ok(`gitops page ${MAX_PAGE}`, topic("gitops", MAX_PAGE));
  });

  it("reads a quoted page, or page in the middle, as a word", () => {
    ok('search front "page"', search(["front", "page"]));
    ok('"page" 2', topic("page 2"));
    ok('search front "page" news', search(["front", "page", "news"]));
  });
});

describe("parseCommand: problems", () => {
  it.each([
    ["search", /search argo rollouts/],
    ["search   ", /search argo rollouts/],
    ['search "" “”', /search argo rollouts/],
    ["search page 2", /search argo rollouts/],
    ["topic", /topic platform engineering/],
    ["topic page 2", /topic/],
    ["topics gitops", /`topics`/],
    ["feeds everything", /`feeds all`/],
    ['feeds "all"', /`feeds all`/],
    ["feeds all now", /`feeds all`/],
    ["feeds --json", /`feeds`/],
    ["latest gitops", /latest page 2/],
    ["latest 2", /latest page 2/],
    ["topics page 2", /`topics`/],
    ["add", /add https:/],
    ["add recap", /add https:/],
    ["add --recap RECAP", /add https:/],
    ["add https://a.example/feed https://b.example/feed", /one address/],
    ["add argo cd", /one address/],
    ["add https://a.example/feed page 2", /one address/],
    ["remove", /remove https:/],
    ["remove a b", /one feed/],
    ["resume", /resume https:/],
    ["resume https://a.example/feed https://b.example/feed", /one feed/],
    ["share", /share gitops/],
    ["SHARE   ", /share gitops/],
    ["share share gitops", /share gitops/],
    ["share Share", /share gitops/],
    ["page 2", /gitops page 2/],
    ["page", /gitops page 2/],
    ["page one gitops", /gitops page 2/],
    ["search front page news", /in quotes/],
    ["gitops page", /gitops page 2/],
    ["search kubecon page", /search argo rollouts page 2/],
    ["latest page", /latest page 2/],
    ["gitops page 0", /1 to/],
    ["gitops page -1", /1 to/],
    ["gitops page 1.5", /1 to/],
    ["gitops page two", /1 to/],
    [`gitops page ${MAX_PAGE + 1}`, /1 to/],
    ["gitops page 99999999999999999999999", /1 to/],
    ["x".repeat(MAX_COMMAND_LENGTH + 1), /too long/],
  ])("%j → help with a problem", (text, example) => {
    const parsed = parseCommand(text);
    expect(parsed).toEqual({ command: { name: "help" }, share: false, problem: expect.any(String) });
    expect(parsed.problem).toMatch(example);
  });

  it("keeps the exact wording for a bare search", () => {
    expect(parseCommand("search").problem).toBe("search needs at least one word, e.g. `search argo rollouts`");
  });

  it("drops share when there is a problem", () => {
    expect(parseCommand("share search")).toEqual({ command: { name: "help" }, share: false, problem: expect.any(String) });
    expect(parseCommand("share topics now")).toEqual({ command: { name: "help" }, share: false, problem: expect.any(String) });
  });

  it("accepts text up to the limit", () => {
    const text = `search ${"x".repeat(MAX_COMMAND_LENGTH - "search ".length)}`;
    expect(text).toHaveLength(MAX_COMMAND_LENGTH);
    expect(command(text)).toEqual(search(["x".repeat(MAX_COMMAND_LENGTH - 7)]));
  });

  it("refuses a command whose canonical text would be over the limit", () => {
    // 2000 characters of topic: `topic ` makes its canonical text longer.
    expect(parseCommand("x".repeat(MAX_COMMAND_LENGTH)).problem).toMatch(/too long/);
  });

  it("never throws on odd input", () => {
    for (const text of [undefined, null, 42, {}] as unknown as string[]) expect(command(text)).toEqual({ name: "help" });
  });

  it("stays fast on pathological quoting", () => {
    const inputs = [
      '"'.repeat(MAX_COMMAND_LENGTH),
      "“a ".repeat(600),
      `'${'"a '.repeat(600)}'`,
      `search '${'"a '.repeat(600)}'`,
      "<https://x ".repeat(150),
    ];
    // How long they take is measured in `npm run bench` (hostile input), not here.
    for (const text of inputs) {
      const parsed = parseCommand(text);
      assertValid(parsed);
      expect(command(formatCommand(parsed.command))).toEqual(parsed.command);
    }
  });
});

describe("parseCommand: follows", () => {
  it("reads `follow` and `unfollow` with a topic of any number of words, and `following`", () => {
    ok("follow gitops", { name: "follow", topic: "gitops" });
    ok("Follow  Platform\u00a0Engineering", { name: "follow", topic: "Platform Engineering" });
    ok("unfollow k8s", { name: "unfollow", topic: "k8s" });
    ok("FOLLOWING", { name: "following" });
    ok("share following", { name: "following" }, true);
  });

  it("reads `page` as a plain word: a follow has no pages", () => {
    ok("follow front page", { name: "follow", topic: "front page" });
    ok("follow gitops page 2", { name: "follow", topic: "gitops page 2" });
  });

  it.each([
    ["follow", /follow gitops/],
    ["unfollow  ", /unfollow gitops/],
    ["following gitops", /following/],
  ])("%j → help with an example", (text, example) => {
    const parsed = parseCommand(text);
    expect(parsed).toEqual({ command: { name: "help" }, share: false, problem: expect.any(String) });
    expect(parsed.problem).toMatch(example);
  });
});

describe("formatCommand", () => {
  it.each<[Command, string]>([
    [{ name: "help" }, "help"],
    [topic("gitops"), "topic gitops"],
    [topic("platform engineering", 2), "topic platform engineering page 2"],
    [search(["argo rollouts", "canary"]), 'search "argo rollouts" canary'],
    [search(["argo"], 3), "search argo page 3"],
    [{ name: "topics" }, "topics"],
    [{ name: "feeds" }, "feeds"],
    [{ name: "feeds", all: true }, "feeds all"],
    [{ name: "latest", page: 1 }, "latest"],
    [{ name: "latest", page: 2 }, "latest page 2"],
    [{ name: "add", url: "https://kubernetes.io/feed.xml", recap: false }, "add https://kubernetes.io/feed.xml"],
    [{ name: "add", url: "https://kubecon.example/recaps", recap: true }, "add https://kubecon.example/recaps recap"],
    [{ name: "remove", target: "3f2a9c1b7d4e" }, "remove 3f2a9c1b7d4e"],
    [{ name: "resume", target: "https://x.example/feed?a=1&b=2" }, "resume https://x.example/feed?a=1&b=2"],
    [{ name: "topic-add", id: "finops", label: "Cloud FinOps", aliases: ["cost"] }, 'topic add finops "Cloud FinOps" cost'],
    [{ name: "topic-alias", id: "gitops", alias: "continuous reconciliation" }, "topic alias gitops continuous reconciliation"],
    [{ name: "retag", since: "2026-11-01" }, "retag --since 2026-11-01"],
    [{ name: "topic-cues", topic: "platform engineering" }, "topic cues platform engineering"],
    [{ name: "topic-forget", topic: "gitops", cueId: "1a2b3c4d" }, "topic forget gitops 1a2b3c4d"],
    [{ name: "correct", postId: "3f2a9c0d1e2b4a5c", verdict: "also", topic: "service mesh" }, "correct 3f2a9c0d1e2b4a5c also service mesh"],
    [topic("cues"), 'topic "cues"'],
    [{ name: "retag" }, "retag"],
    [topic("add"), 'topic "add"'],
    [{ name: "follow", topic: "platform engineering" }, "follow platform engineering"],
    [{ name: "unfollow", topic: "gitops" }, "unfollow gitops"],
    [{ name: "following" }, "following"],
  ])("%j → %j", (c, text) => {
    expect(formatCommand(c)).toBe(text);
  });

  const commands: Command[] = [
    { name: "help" },
    { name: "topic-add", id: "finops", label: "Cloud FinOps", aliases: ["cost", "page", "cloud bill"] },
    { name: "topic-alias", id: "gitops", alias: "page one" },
    { name: "topic-cues", topic: "page one" },
    { name: "topic-forget", topic: "not", cueId: "page" },
    { name: "correct", postId: "page", verdict: "undo", topic: "not page" },
    topic("forget"),
    { name: "retag", since: "2024-02-29" },
    { name: "retag" },
    topic("alias"),
    topic("add ons"),
    topic("gitops"),
    topic("k8s", 7),
    topic("platform engineering"),
    topic("Platform Engineering", MAX_PAGE),
    topic("search"),
    topic("share"),
    topic("help"),
    topic("?"),
    topic("page"),
    topic("page 2"),
    topic("front page"),
    topic("gitops page 2", 3),
    topic("--help"),
    topic("—recap"),
    topic("AI/ML & LLMs"),
    topic("a&amp;b"),
    topic("<https://x.example>"),
    topic("<@U123>"),
    topic("rock 'n roll"),
    topic('say "hi" now'),
    topic(`x" y a' b`),
    topic(`it's "quoted" and more`),
    topic("😀 emoji ✨"),
    search(["argo"]),
    search(["argo rollouts", "canary"], 2),
    search(["page"]),
    search(["front", "Page"]),
    search(["search", "topics", "add", "share", "help"]),
    search(["q&a", "&lt;", "<init>", "a < b"]),
    search(['say "hi" now', "it's", `can't "stop" me`]),
    search(["page 2"], 5),
    { name: "topics" },
    { name: "feeds" },
    { name: "feeds", all: true },
    { name: "latest", page: 1 },
    { name: "latest", page: 42 },
    { name: "add", url: "https://kubernetes.io/feed.xml", recap: false },
    { name: "add", url: "https://kubecon.example/recaps", recap: true },
    { name: "add", url: "https://x.example/feed?a=1&b=2&amp;c=3", recap: false },
    { name: "add", url: "recap", recap: true },
    { name: "add", url: "--RECAP", recap: false },
    { name: "add", url: "<https://x.example/feed>", recap: false },
    { name: "add", url: "kubernetes.io", recap: true },
    { name: "remove", target: "3f2a9c1b7d4e" },
    { name: "remove", target: "https://blog.example.com/feed" },
    { name: "remove", target: "page" },
    { name: "resume", target: "https://x.example/feed?a=1&b=2" },
    { name: "resume", target: "my feed" },
    { name: "follow", topic: "gitops" },
    { name: "follow", topic: "platform engineering page 2" },
    { name: "follow", topic: 'say "hi" & <@U1>' },
    { name: "follow", topic: "following" },
    { name: "unfollow", topic: "AI/ML" },
    { name: "unfollow", topic: 'it\'s "quoted" and more' },
    { name: "following" },
  ];

  it("round-trips every kind of command", () => {
    expect(new Set(commands.map((c) => c.name)).size).toBe(18);
    for (const c of commands) {
      const text = formatCommand(c);
      expect({ text, parsed: parseCommand(text) }).toEqual({ text, parsed: { command: c, share: false } });
      expect({ text, parsed: parseCommand(`share ${text}`) }).toEqual({ text, parsed: { command: c, share: true } });
    }
  });

  it("round-trips whatever parseCommand returns", () => {
    const next = random(7);
    const alphabet = [
      "a",
      "B",
      "k8s",
      " ",
      " ",
      "\u00a0",
      "\n",
      '"',
      "“",
      "”",
      "'",
      "’",
      "`",
      "&amp;",
      "&lt;",
      "<",
      ">",
      "|",
      "<https://x.io|x.io>",
      "page",
      "2",
    ];
    for (let i = 0; i < 500; i++) {
      const words = ["", "topic ", "search ", "add ", "remove ", "share ", "follow ", "unfollow "];
      let text = words[Math.floor(next() * words.length)]!;
      for (let n = Math.floor(next() * 12); n > 0; n--) text += alphabet[Math.floor(next() * alphabet.length)];
      const { command: c } = parseCommand(text);
      const formatted = formatCommand(c);
      expect({ text, formatted, parsed: command(formatted) }).toEqual({ text, formatted, parsed: c });
    }
  });
});

describe("parseCommand: fuzz", () => {
  it("never throws and always returns a valid ParsedCommand", () => {
    const next = random(42);
    const alphabet = [
      ..."ab?-—&<>|#@!/:.0123456789",
      " ",
      " ",
      "\u00a0",
      "\n",
      "\t",
      "\u200b",
      '"',
      "“",
      "”",
      "'",
      "‘",
      "’",
      "`",
      "«",
      "\uE000",
      "\ud83d",
      "😀",
      "&amp;",
      "&lt;",
      "&gt;",
      "https://x.io",
      "<https://a.example/feed|a.example/feed>",
      "<https://b.example>",
      "<@U1>",
      "help",
      "topic",
      "search",
      "topics",
      "feeds",
      "add",
      "remove",
      "resume",
      "latest",
      "follow",
      "unfollow",
      "following",
      "share",
      "page",
      "recap",
      "--recap",
      "alias",
      "retag",
      "--since",
      "2026-11-01",
    ];
    for (let i = 0; i < 500; i++) {
      let text = "";
      for (let n = Math.floor(next() * 16); n > 0; n--) text += alphabet[Math.floor(next() * alphabet.length)];
      let parsed: ParsedCommand | undefined;
      expect(() => (parsed = parseCommand(text)), JSON.stringify(text)).not.toThrow();
      assertValid(parsed!);
    }
  });
});
