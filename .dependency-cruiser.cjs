/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-cycles",
      severity: "error",
      comment: "A module never reaches itself through its imports: the floor plan reads top to bottom.",
      from: {},
      to: { circular: true },
    },
    {
      name: "domain-without-platforms",
      severity: "error",
      comment: "The domain's folders speak to AWS, Slack and HTTP frameworks only through the adapters (store, events, slack, runtime).",
      from: { path: "^packages/core/src/(commands|digest|feeds|follow|posts|recaps|topics|shared|config)/" },
      to: { path: "node_modules/(@aws-sdk|@slack/bolt|@slack/web-api|hono|@hono)/" },
    },
    {
      name: "domain-without-network",
      severity: "error",
      comment: "Fetching is an adapter (http/): the domain is handed a FeedFetcher and never opens a socket itself.",
      from: { path: "^packages/core/src/(commands|digest|feeds|follow|posts|recaps|topics|shared|config)/" },
      to: { dependencyTypes: ["core"], path: "^(node:)?(http|https|http2|net|tls|dns|dgram)$" },
    },
    {
      name: "domain-through-ports",
      severity: "error",
      comment:
        "The domain's folders reach storage, Slack and the bus through their ports (store/ports.ts, ports/, events/types.ts), never the adapters or the wiring.",
      from: { path: "^packages/core/src/(commands|digest|feeds|follow|posts|recaps|topics|shared|config)/" },
      to: {
        path: "^packages/core/src/(slack/|runtime/|http/|events/(eventbridge|local-bus)[.]ts$|store/(?!ports[.]ts$))",
      },
    },
    {
      name: "adapters-apart",
      severity: "error",
      comment:
        "An adapter (slack, store, http, the buses) uses another only through its port, never its internals; runtime/ is the one place that wires them together.",
      from: { path: "^packages/core/src/(slack|store|http)/" },
      to: {
        path: "^packages/core/src/(slack|store|http)/",
        pathNot: ["^packages/core/src/$1/", "^packages/core/src/store/ports[.]ts$"],
      },
    },
    {
      name: "core-without-shells",
      severity: "error",
      comment: "The core is used by the Lambda handlers, the local runner and the infrastructure; it uses none of them.",
      from: { path: "^packages/core/" },
      to: { path: "^(packages/local|functions|stacks)/|^sst[.]config[.]ts$" },
    },
    {
      name: "handlers-without-local",
      severity: "error",
      comment: "Lambda handlers never carry the one-machine runner (dynalite, the local bus, the CLI).",
      from: { path: "^functions/" },
      to: { path: "^packages/local/" },
    },
    {
      name: "no-test-code-in-production",
      severity: "error",
      comment: "Shipped code never imports the tests, their helpers or test-only packages.",
      from: { path: "^(packages|functions|stacks)/" },
      to: { path: "^test/|node_modules/(vitest|@vitest)/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default", "types"] },
  },
};
