/** The domain's folders: what Recap does, apart from how it stores, fetches, talks to Slack and is deployed. */
const DOMAIN = { path: "^packages/core/src/(commands|digest|feeds|follow|posts|recaps|topics|shared|config|model)/" };

/**
 * The core's floor plan, bottom to top: a folder imports only from the floors below it, never from
 * a floor above or a neighbour on its own floor. So no two folders ever depend on each other, and
 * a reader can start at the bottom. docs/architecture.md walks it.
 */
const FLOORS = [
  ["shared"], // text, hashing, logging, validation
  ["model"], // the nouns: feeds, posts, topics, digests, follows, commands and their answers
  ["config"], // settings, read once at the edge
  ["ports"], // what the core needs from outside: store, bus, fetcher, Slack, and the deps bundle
  ["http", "store", "events"], // adapters behind the ports
  ["posts"], // normalize: items into posts, and the queries over them
  ["topics"], // tag: the taxonomy and the matcher
  ["recaps"], // a recap's talks and write-ups
  ["feeds"], // parse, plan, store and announce: a feed's refresh and the scheduled poll
  ["digest", "follow"], // what channels get
  ["commands"], // the grammar, and running a command into an Outcome
  ["slack"], // verify, receive, render, send
  ["runtime"], // the composition root and the handlers' table
];
const folders = (names) => `^packages/core/src/(${names.join("|")})/`;

/** A rule whose breach fails `npm test`. */
const forbid = (name, comment, from, to) => ({ name, severity: "error", comment, from, to });

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    forbid("no-cycles", "A module never reaches itself through its imports: the floor plan reads top to bottom.", {}, { circular: true }),
    forbid(
      "domain-without-platforms",
      "The domain's folders speak to AWS, Slack and HTTP frameworks only through the adapters (store, events, slack, runtime).",
      DOMAIN,
      { path: "node_modules/(@aws-sdk|@slack/bolt|@slack/web-api|hono|@hono)/" },
    ),
    forbid(
      "domain-without-network",
      "Fetching is an adapter (http/): the domain is handed a FeedFetcher and never opens a socket itself.",
      DOMAIN,
      { dependencyTypes: ["core"], path: "^(node:)?(http|https|http2|net|tls|dns|dgram)$" },
    ),
    ...FLOORS.map((floor, level) =>
      forbid(
        `floor-plan-${floor.join("-")}`,
        `${floor.join(", ")} import only from the floors below (${FLOORS.slice(0, level).flat().join(", ") || "none"}): see FLOORS.`,
        { path: folders(floor) },
        { path: folders([...floor, ...FLOORS.slice(level + 1).flat()]), pathNot: "^packages/core/src/$1/" },
      ),
    ),
    forbid(
      "every-folder-on-the-plan",
      "A new folder in the core gets a floor in FLOORS before anything may use it.",
      { path: "^(packages|functions|stacks|test|bench)/" },
      { path: "^packages/core/src/[^/]+/", pathNot: folders(FLOORS.flat()) },
    ),
    forbid(
      "domain-through-ports",
      "The domain's folders reach storage, Slack, fetching and the bus through ports/, never the adapters or the wiring.",
      DOMAIN,
      { path: "^packages/core/src/(slack|runtime|http|events|store)/" },
    ),
    forbid(
      "adapters-apart",
      "An adapter (slack, store, http, events) uses another only through its port, never its internals; runtime/ is the one place that wires them together.",
      { path: "^packages/core/src/(slack|store|http|events)/" },
      { path: "^packages/core/src/(slack|store|http|events)/", pathNot: "^packages/core/src/$1/" },
    ),
    forbid(
      "core-without-shells",
      "The core is used by the Lambda handlers, the local runner and the infrastructure; it uses none of them.",
      { path: "^packages/core/" },
      { path: "^(packages/local|functions|stacks)/|^sst[.]config[.]ts$" },
    ),
    forbid(
      "handlers-without-local",
      "Lambda handlers never carry the one-machine runner (dynalite, the local bus, the CLI).",
      { path: "^functions/" },
      { path: "^packages/local/" },
    ),
    forbid(
      "no-test-code-in-production",
      "Shipped code never imports the tests, their helpers or test-only packages.",
      { path: "^(packages|functions|stacks)/" },
      { path: "^test/|node_modules/(vitest|@vitest)/" },
    ),
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    // SST's generated platform sources (npm run check:infra) are not ours to check.
    exclude: { path: "^[.]sst/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default", "types"] },
  },
};
