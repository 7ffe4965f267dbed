/**
 * The infrastructure program, run against a recording stand-in for SST's global components (the
 * real ones need `sst install`, which downloads cloud providers). It checks what we control: the
 * table comes from the shared schema, schedules and subscriptions from the shared definitions, and
 * every handler path points at a module that exports a two-argument handler.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { sstDynamoArgs } from "@recap/core/store";
import { SCHEDULES, SUBSCRIPTIONS } from "@recap/core/runtime";
import { METRICS_NAMESPACE } from "../../functions/lib/metrics";
import { HANDLERS } from "../../stacks/handlers";

interface Created {
  component: string;
  name: string;
  args: Record<string, any>;
  subscriptions: { name: string; subscriber: Record<string, any>; args: Record<string, any> }[];
}

const created: Created[] = [];
const transforms: { target: unknown; transform: (args: Record<string, unknown>) => void }[] = [];
/** What each linkable kind grants a function linked to it (sst.Linkable.wrap). */
const linkGrants = new Map<string, (resource: unknown) => { include?: { actions: string[]; resources: unknown[] }[] }>();

function component(kind: string) {
  return class {
    name: string;
    arn: string;
    url = `https://${kind.toLowerCase()}.lambda-url.example/`;
    record: Created;
    nodes: Record<string, { name: string }>;
    constructor(name: string, args: Record<string, any> = {}) {
      this.name = `${kind}-name`;
      this.arn = `arn:${kind}:${name}`;
      this.nodes = { function: { name: `${name}-function` }, queue: { name: `${name}-queue` } };
      this.record = { component: kind, name, args, subscriptions: [] };
      created.push(this.record);
    }
    subscribe(name: string, subscriber: Record<string, any>, args: Record<string, any> = {}) {
      this.record.subscriptions.push({ name, subscriber, args });
      return { nodes: { function: { name: `${name}-function` } } };
    }
  };
}

const saved = { ...process.env };
beforeAll(() => {
  const aws = { Dynamo: component("Dynamo"), Bus: component("Bus"), CronV2: component("CronV2"), Function: component("Function") };
  const sst = {
    Secret: component("Secret"),
    Linkable: {
      wrap: (cls: unknown, grant: (resource: unknown) => { include?: { actions: string[]; resources: unknown[] }[] }) => {
        const kind = Object.entries(aws).find(([, value]) => value === cls)?.[0] ?? "unknown";
        linkGrants.set(kind, grant);
      },
    },
    aws: {
      ...aws,
      Queue: component("Queue"),
      SnsTopic: component("SnsTopic"),
      permission: (input: Record<string, unknown>) => ({ type: "aws.permission", ...input }),
    },
  };
  Object.assign(globalThis, {
    sst,
    aws: {
      lambda: { FunctionEventInvokeConfig: component("FunctionEventInvokeConfig") },
      cloudwatch: { MetricAlarm: component("MetricAlarm") },
    },
    $app: { stage: "dev" },
    $interpolate: (strings: TemplateStringsArray, ...values: unknown[]) =>
      strings.reduce((out, part, i) => out + part + (values[i] ?? ""), ""),
    $config: (config: unknown) => config,
    $transform: (target: unknown, transform: (args: Record<string, unknown>) => void) => transforms.push({ target, transform }),
  });
  process.env.RECAP_POLL_BATCH_SIZE = "25";
  process.env.RECAP_OTHER_SETTING = "kept"; // any other RECAP_* setting of the deploying shell reaches the functions
  process.env.RECAP_OPS_CHANNEL = "C0OPS";
});
afterAll(() => {
  process.env = saved;
});

const linked = (args: Record<string, any> | undefined) =>
  (args?.link as { record: Created }[]).map((resource) => resource.record.name).sort();
const ofKind = (kind: string) => created.filter((entry) => entry.component === kind);
const DEAD_LETTERS = "arn:Queue:RecapDeadLetters";

describe("sst.config.ts and stacks/", () => {
  it("refuses to deploy from a shell that still sets admins or workspaces, which are stage secrets now", async () => {
    const config = (await import(/* @vite-ignore */ pathToFileURL(resolve("sst.config.ts")).href)).default as { run(): Promise<unknown> };
    process.env.RECAP_SLACK_ADMINS = "U012AB3CD";
    try {
      await expect(config.run()).rejects.toThrow(/npx sst secret set RecapSlackAdmins "U012AB3CD" --stage dev/);
    } finally {
      delete process.env.RECAP_SLACK_ADMINS;
      // The failed program left its half-made state behind: start the next test from nothing.
      created.length = 0;
      linkGrants.clear();
      vi.resetModules();
    }
  });

  it("builds the table from the shared schema and the bus", async () => {
    // Imported by path: the type checker must not follow it into SST's generated platform types.
    const config = (await import(/* @vite-ignore */ pathToFileURL(resolve("sst.config.ts")).href)).default as {
      app(input: { stage: string }): Record<string, unknown>;
      run(): Promise<Record<string, unknown>>;
    };
    expect(config.app({ stage: "prod" })).toMatchObject({ name: "recap", home: "aws", removal: "retain", protect: true });
    expect(config.app({ stage: "dev" })).toMatchObject({ removal: "remove", protect: false });
    const outputs = await config.run();
    expect(outputs).toEqual({
      table: "Dynamo-name",
      bus: "Bus-name",
      deadLetters: "https://queue.lambda-url.example/",
      alarmTopic: "arn:SnsTopic:RecapAlarms",
      slackRequestUrl: "https://function.lambda-url.example/slack/events",
    });

    const table = created.find((entry) => entry.component === "Dynamo");
    expect(table?.args).toMatchObject(sstDynamoArgs());
    const tableArgs: Record<string, unknown> = {};
    table?.args.transform.table(tableArgs);
    // Deletion protection on prod only: other stages are removed with their table.
    expect(tableArgs).toEqual({ pointInTimeRecovery: { enabled: true }, deletionProtectionEnabled: false });
    expect(created.filter((entry) => entry.component === "Bus")).toHaveLength(1);

    // Every function defaults to the Node 24 runtime (which rejects callback-style handlers).
    const functionArgs: Record<string, unknown> = {};
    for (const { transform } of transforms) transform(functionArgs);
    expect(functionArgs).toMatchObject({ runtime: "nodejs24.x", logging: { format: "json" } });
  });

  it("creates one schedule per shared definition, linked, with RECAP_* settings", async () => {
    const crons = created.filter((entry) => entry.component === "CronV2");
    expect(crons).toHaveLength(Object.keys(SCHEDULES).length);
    const [poll] = crons;
    expect(poll?.args.schedule).toBe(`cron(0/${SCHEDULES.poll.everyMinutes} * * * ? *)`);
    expect(poll?.args.function).toMatchObject({
      handler: HANDLERS.poll,
      timeout: `${SCHEDULES.poll.timeoutSeconds} seconds`,
      environment: { RECAP_POLL_BATCH_SIZE: "25" },
    });
    expect(linked(poll?.args.function)).toEqual(["RecapBus", "RecapTable"]);
    // The digest posts to Slack: it alone among the schedules gets the bot token.
    const digest = crons.find((cron) => cron.args.function.handler === HANDLERS.digest);
    expect(digest?.args.schedule).toBe("cron(0/15 * * * ? *)");
    // It posts and never publishes: the bot token, no bus.
    expect(linked(digest?.args.function)).toEqual(["RecapTable", "SlackBotToken"]);
  });

  it("serves Slack from one function with a URL, linked to the table, bus and Slack secrets", async () => {
    const secrets = created.filter((entry) => entry.component === "Secret").map((entry) => entry.name);
    expect(secrets.sort()).toEqual(["RecapSlackAdmins", "RecapSlackTeamIds", "SlackBotToken", "SlackSigningSecret"]);
    for (const setting of created.filter((entry) => entry.name.startsWith("RecapSlack"))) expect(setting.args).toBe("-");
    const http = created.find((entry) => entry.component === "Function" && entry.name === "RecapHttp");
    expect(http?.args).toMatchObject({ handler: HANDLERS.http, url: { cors: false }, environment: { RECAP_POLL_BATCH_SIZE: "25" } });
    expect(linked(http?.args)).toEqual([
      "RecapBus",
      "RecapSlackAdmins",
      "RecapSlackTeamIds",
      "RecapTable",
      "SlackBotToken",
      "SlackSigningSecret",
    ]);
    expect(http?.args.environment).toMatchObject({ RECAP_OTHER_SETTING: "kept" });
  });

  it("subscribes each bus subscriber to its detail types, with Slack secrets only where needed", async () => {
    const bus = created.find((entry) => entry.component === "Bus");
    expect(bus?.subscriptions.map((subscription) => subscription.args.pattern)).toEqual(
      Object.values(SUBSCRIPTIONS).map((subscription) => ({ detailType: [...subscription.detailTypes] })),
    );
    expect(bus?.subscriptions.map((subscription) => subscription.subscriber.handler)).toEqual(
      Object.keys(SUBSCRIPTIONS).map((name) => HANDLERS[name as keyof typeof SUBSCRIPTIONS]),
    );
    // The bus only for those that publish, the bot token only for those that post to Slack.
    expect(bus?.subscriptions.map((subscription) => linked(subscription.subscriber))).toEqual(
      Object.values(SUBSCRIPTIONS).map((subscription) =>
        [...(subscription.publishes ? ["RecapBus"] : []), "RecapTable", ...(subscription.slack ? ["SlackBotToken"] : [])].sort(),
      ),
    );
    expect(bus?.subscriptions.map((subscription) => linked(subscription.subscriber))).toContainEqual(["RecapTable", "SlackBotToken"]);
  });

  it("gives every asynchronous job retries and then the dead-letter queue, which raises an alarm", async () => {
    const crons = ofKind("CronV2");
    const subscriptions = ofKind("Bus").flatMap((bus) => bus.subscriptions);
    for (const cron of crons) expect(cron.args).toMatchObject({ retries: 2, dlq: DEAD_LETTERS });
    // Each schedule's and subscriber's function: Lambda retries twice, then hands the event on.
    const onFailure = ofKind("FunctionEventInvokeConfig");
    expect(onFailure.map((config) => config.args.functionName).sort()).toEqual(
      [...crons.map((cron) => `${cron.name}-function`), ...subscriptions.map((subscription) => `${subscription.name}-function`)].sort(),
    );
    for (const config of onFailure)
      expect(config.args).toEqual({
        functionName: expect.any(String),
        maximumRetryAttempts: 2,
        destinationConfig: { onFailure: { destination: DEAD_LETTERS } },
      });
    // Sending to the destination is the function role's right, and only that.
    for (const fn of [...crons.map((cron) => cron.args.function), ...subscriptions.map((subscription) => subscription.subscriber)])
      expect(fn.permissions).toEqual([{ actions: ["sqs:SendMessage"], resources: [DEAD_LETTERS] }]);

    const alarms = ofKind("MetricAlarm");
    const dlq = alarms.find((alarm) => alarm.name === "DeadLettersWaiting");
    expect(dlq?.args).toMatchObject({
      namespace: "AWS/SQS",
      metricName: "ApproximateNumberOfMessagesVisible",
      dimensions: { QueueName: "RecapDeadLetters-queue" },
      threshold: 0,
      comparisonOperator: "GreaterThanThreshold",
      alarmActions: ["arn:SnsTopic:RecapAlarms"],
    });
  });

  it("posts every alarm in the operators' channel when RECAP_OPS_CHANNEL is set", async () => {
    const [topic] = ofKind("SnsTopic");
    expect(topic?.subscriptions).toEqual([
      {
        name: "AlarmsToSlack",
        subscriber: expect.objectContaining({ handler: HANDLERS.alarms, environment: { RECAP_OPS_CHANNEL: "C0OPS" } }),
        args: {},
      },
    ]);
    expect(linked(topic?.subscriptions[0]?.subscriber)).toEqual(["SlackBotToken"]);
  });

  it("alarms on what an operator must act on: failed digests, every feed failing, a refused token, 5xx, throttles, dropped events", async () => {
    const alarms = new Map(ofKind("MetricAlarm").map((alarm) => [alarm.name, alarm.args]));
    expect([...alarms.keys()].sort()).toEqual(
      [
        "AllFeedsFailing",
        "AsyncEventsDropped",
        "DeadLettersWaiting",
        "DigestsFailed",
        "LambdaThrottles",
        "SlackAuthFailures",
        "SlackEndpoint5xx",
      ].sort(),
    );
    for (const args of alarms.values())
      expect(args).toMatchObject({ alarmActions: ["arn:SnsTopic:RecapAlarms"], treatMissingData: "notBreaching" });
    // Recap's own counts are alarmed on by the names the functions emit them under.
    for (const name of ["DigestsFailed", "SlackAuthFailures"])
      expect(alarms.get(name)).toMatchObject({ namespace: METRICS_NAMESPACE, metricName: name, dimensions: { Stage: "dev" } });
    // Every feed failing is judged on the stage's sums over half an hour, not one job's feeds.
    const allFailing = alarms.get("AllFeedsFailing");
    expect(allFailing?.metricQueries).toEqual([
      expect.objectContaining({
        id: "polled",
        metric: expect.objectContaining({ metricName: "FeedsPolled", stat: "Sum", dimensions: { Stage: "dev" } }),
      }),
      expect.objectContaining({ id: "failed", metric: expect.objectContaining({ metricName: "FeedsFailed", stat: "Sum" }) }),
      expect.objectContaining({ id: "allFailing", expression: "IF(polled >= 3 AND failed >= polled, 1, 0)", returnData: true }),
    ]);
    // Lambda's own counts are summed over Recap's functions, each by name, never the account's.
    const asyncFunctions = [
      ...Object.keys(SCHEDULES).map((name) => `Schedule${name.charAt(0).toUpperCase()}${name.slice(1)}-function`),
      ...Object.keys(SUBSCRIPTIONS).map((name) => `On${name.charAt(0).toUpperCase()}${name.slice(1)}-function`),
    ].sort();
    const summed = (alarm: string) => {
      const queries = alarms.get(alarm)?.metricQueries as { metric?: Record<string, any>; expression?: string; returnData: boolean }[];
      for (const { metric } of queries.filter((query) => query.metric))
        expect(metric).toMatchObject({ namespace: "AWS/Lambda", metricName: queries[0]?.metric?.metricName, stat: "Sum" });
      expect(queries.filter((query) => query.returnData)).toEqual([expect.objectContaining({ expression: "SUM(FILL(METRICS(), 0))" })]);
      return queries.flatMap((query) => (query.metric ? [query.metric.dimensions.FunctionName] : [])).sort();
    };
    expect(summed("AsyncEventsDropped")).toEqual(asyncFunctions);
    expect(alarms.get("AsyncEventsDropped")?.metricQueries[0].metric.metricName).toBe("AsyncEventsDropped");
    expect(summed("LambdaThrottles")).toEqual([...asyncFunctions, "RecapHttp-function"].sort());
    expect(alarms.get("LambdaThrottles")?.metricQueries[0].metric.metricName).toBe("Throttles");
    expect(alarms.get("SlackEndpoint5xx")).toMatchObject({
      namespace: "AWS/Lambda",
      metricName: "Url5xxCount",
      dimensions: { FunctionName: "RecapHttp-function" },
    });
  });

  it("grants linked functions exactly the table operations the store performs and only PutEvents on the bus", async () => {
    const tableGrant = linkGrants.get("Dynamo")?.({ name: "t", arn: "arn:table" });
    const busGrant = linkGrants.get("Bus")?.({ name: "b", arn: "arn:bus" });
    const statements = [...(tableGrant?.include ?? []), ...(busGrant?.include ?? [])];
    expect(statements.length).toBeGreaterThan(0);
    for (const statement of [...statements, ...ofKind("CronV2").flatMap((cron) => cron.args.function.permissions ?? [])])
      for (const action of statement.actions) expect(action).not.toContain("*");
    expect(busGrant?.include).toEqual([expect.objectContaining({ actions: ["events:PutEvents"], resources: ["arn:bus"] })]);
    expect(tableGrant?.include?.[0]?.resources).toEqual(["arn:table", "arn:table/index/*"]);

    // The store's DynamoDB commands, read from its sources, each need their action; no more is granted.
    const ACTION_OF: Record<string, string> = {
      GetCommand: "dynamodb:GetItem",
      PutCommand: "dynamodb:PutItem",
      UpdateCommand: "dynamodb:UpdateItem",
      DeleteCommand: "dynamodb:DeleteItem",
      QueryCommand: "dynamodb:Query",
      ScanCommand: "dynamodb:Scan",
      BatchGetCommand: "dynamodb:BatchGetItem",
      BatchWriteCommand: "dynamodb:BatchWriteItem",
      TransactWriteCommand: "dynamodb:TransactWriteItems",
      TransactGetCommand: "dynamodb:TransactGetItems",
    };
    const used = new Set<string>();
    for (const file of readdirSync("packages/core/src/store", { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".ts")))
      for (const [, command] of readFileSync(join("packages/core/src/store", file), "utf8").matchAll(/new (\w+Command)\(/g))
        used.add(ACTION_OF[command ?? ""] ?? `unknown ${command}`);
    expect([...used].sort()).toEqual([...(tableGrant?.include?.[0]?.actions ?? [])].sort());
  });

  it("reserves concurrency for every asynchronous job only when the deploy asks for it", async () => {
    for (const cron of ofKind("CronV2")) expect(cron.args.function).not.toHaveProperty("concurrency");
    process.env.RECAP_RESERVE_CONCURRENCY = "true";
    created.length = 0;
    vi.resetModules();
    try {
      const config = (await import(/* @vite-ignore */ pathToFileURL(resolve("sst.config.ts")).href)).default as { run(): Promise<unknown> };
      await config.run();
      const reserved = [
        ...ofKind("CronV2").map((cron) => [cron.args.function.handler, cron.args.function.concurrency?.reserved]),
        ...ofKind("Bus").flatMap((bus) => bus.subscriptions.map((s) => [s.subscriber.handler, s.subscriber.concurrency?.reserved])),
      ];
      expect(Object.fromEntries(reserved)).toEqual(
        Object.fromEntries(
          [...Object.entries(SCHEDULES), ...Object.entries(SUBSCRIPTIONS)].map(([name, definition]) => [
            HANDLERS[name as keyof typeof HANDLERS],
            definition.reserved,
          ]),
        ),
      );
      // The Slack function is never capped: what is reserved is kept from the jobs, for it.
      expect(ofKind("Function").find((entry) => entry.name === "RecapHttp")?.args).not.toHaveProperty("concurrency");
    } finally {
      delete process.env.RECAP_RESERVE_CONCURRENCY;
      vi.resetModules();
    }
  });

  it("points every handler at a module exporting an (event, context) function", async () => {
    // Module-level wiring reads the linked resources; no request is made by importing.
    Object.assign(process.env, {
      SST_RESOURCE_RecapTable: JSON.stringify({ name: "recap-table" }),
      SST_RESOURCE_RecapBus: JSON.stringify({ name: "recap-bus" }),
      SST_RESOURCE_SlackSigningSecret: JSON.stringify({ value: "secret" }),
      SST_RESOURCE_SlackBotToken: JSON.stringify({ value: "xoxb-test" }),
      // Else importing the HTTP function would ask Slack (auth.test) which workspace it serves.
      SST_RESOURCE_RecapSlackTeamIds: JSON.stringify({ value: "T0001" }),
      AWS_REGION: "us-east-1",
    });
    try {
      const handlers = Object.values(HANDLERS);
      for (const handler of handlers) {
        const [file, exported] = handler.split(".") as [string, string];
        expect(existsSync(`${file}.ts`)).toBe(true);
        const module = (await import(/* @vite-ignore */ pathToFileURL(resolve(`${file}.ts`)).href)) as Record<string, unknown>;
        expect(typeof module[exported]).toBe("function");
        expect((module[exported] as (...args: unknown[]) => unknown).length).toBe(2);
      }
    } finally {
      // They wired themselves to made-up resources: leave no such module behind for other test files.
      vi.resetModules();
    }
  });
});
