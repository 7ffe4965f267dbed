/** The domain's folders: what Recap does, apart from how it stores, fetches, talks to Slack and is deployed. */
const DOMAIN = { path: "^packages/core/src/(commands|digest|feeds|follow|posts|recaps|topics|shared|config)/" };

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
    forbid(
      "domain-through-ports",
      "The domain's folders reach storage, Slack and the bus through their ports (store/ports.ts, ports/, events/types.ts), never the adapters or the wiring.",
      DOMAIN,
      { path: "^packages/core/src/(slack/|runtime/|http/|events/(eventbridge|local-bus)[.]ts$|store/(?!ports[.]ts$))" },
    ),
    forbid(
      "adapters-apart",
      "An adapter (slack, store, http) uses another only through its port, never its internals; runtime/ is the one place that wires them together.",
      { path: "^packages/core/src/(slack|store|http)/" },
      { path: "^packages/core/src/(slack|store|http)/", pathNot: ["^packages/core/src/$1/", "^packages/core/src/store/ports[.]ts$"] },
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
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default", "types"] },
  },
};
