/// <reference path="./.sst/platform/config.d.ts" />

export default $config({
  app(input) {
    return {
      name: "recap",
      home: "aws",
      // Keep the production table (and everything else) if the stage is ever removed.
      removal: input?.stage === "prod" ? "retain" : "remove",
      protect: input?.stage === "prod",
    };
  },
  async run() {
    // Node 24 runtimes reject callback-style handlers; ours are all (event, context) => Promise.
    $transform(sst.aws.Function, (args) => {
      args.runtime ??= "nodejs24.x";
      args.architecture ??= "arm64";
      // Lambda's own records (start, end, timeouts) as JSON too, like ours (functions/lib/aws.ts
      // writes JSON lines to stdout itself, which Lambda leaves as they are). Retention: SST's month.
      args.logging ??= { format: "json" };
    });
    const { table, bus, deadLetters } = await import("./stacks/data");
    await import("./stacks/ingest");
    const { http } = await import("./stacks/http");
    const { alarmTopic } = await import("./stacks/monitoring");
    return {
      table: table.name,
      bus: bus.name,
      deadLetters: deadLetters.url,
      alarmTopic: alarmTopic.arn,
      slackRequestUrl: $interpolate`${http.url}slack/events`,
    };
  },
});
