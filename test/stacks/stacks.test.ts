/**
 * The infrastructure program, run against a recording stand-in for SST's global components (the
 * real ones need `sst install`, which downloads cloud providers). It checks what we control: the
 * table comes from the shared schema, schedules and subscriptions from the shared definitions, and
 * every handler path points at a module that exports a two-argument handler.
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { sstDynamoArgs } from "@recap/core/store";
import { SCHEDULES, SUBSCRIPTIONS } from "@recap/core/runtime";
import { HANDLERS } from "../../stacks/handlers";

interface Created {
  component: string;
  name: string;
  args: Record<string, any>;
  subscriptions: { name: string; subscriber: Record<string, any>; args: Record<string, any> }[];
}

const created: Created[] = [];
const transforms: { target: unknown; transform: (args: Record<string, unknown>) => void }[] = [];

function component(kind: string) {
  return class {
    name = `${kind}-name`;
    url = `https://${kind.toLowerCase()}.lambda-url.example/`;
    record: Created;
    constructor(name: string, args: Record<string, any> = {}) {
      this.record = { component: kind, name, args, subscriptions: [] };
      created.push(this.record);
    }
    subscribe(name: string, subscriber: Record<string, any>, args: Record<string, any> = {}) {
      this.record.subscriptions.push({ name, subscriber, args });
    }
  };
}

const saved = { ...process.env };
beforeAll(() => {
  const sst = {
    Secret: component("Secret"),
    aws: { Dynamo: component("Dynamo"), Bus: component("Bus"), CronV2: component("CronV2"), Function: component("Function") },
  };
  Object.assign(globalThis, {
    sst,
    $interpolate: (strings: TemplateStringsArray, ...values: unknown[]) =>
      strings.reduce((out, part, i) => out + part + (values[i] ?? ""), ""),
    $config: (config: unknown) => config,
    $transform: (target: unknown, transform: (args: Record<string, unknown>) => void) => transforms.push({ target, transform }),
  });
  process.env.RECAP_POLL_BATCH_SIZE = "25";
});
afterAll(() => {
  process.env = saved;
});

describe("sst.config.ts and stacks/", () => {
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
      slackRequestUrl: "https://function.lambda-url.example/slack/events",
    });

    const table = created.find((entry) => entry.component === "Dynamo");
    expect(table?.args).toMatchObject(sstDynamoArgs());
    expect(created.filter((entry) => entry.component === "Bus")).toHaveLength(1);

    // Every function defaults to the Node 24 runtime (which rejects callback-style handlers).
    const functionArgs: Record<string, unknown> = {};
    for (const { transform } of transforms) transform(functionArgs);
    expect(functionArgs).toMatchObject({ runtime: "nodejs24.x" });
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
    expect(poll?.args.function.link).toHaveLength(2);
    // The digest posts to Slack: it alone among the schedules gets the Slack secrets.
    const digest = crons.find((cron) => cron.args.function.handler === HANDLERS.digest);
    expect(digest?.args.schedule).toBe("cron(0/15 * * * ? *)");
    expect(digest?.args.function.link).toHaveLength(4);
  });

  it("serves Slack from one function with a URL, linked to the table, bus and Slack secrets", async () => {
    const secrets = created.filter((entry) => entry.component === "Secret").map((entry) => entry.name);
    expect(secrets.sort()).toEqual(["SlackBotToken", "SlackSigningSecret"]);
    const http = created.find((entry) => entry.component === "Function" && entry.name === "RecapHttp");
    expect(http?.args).toMatchObject({ handler: HANDLERS.http, url: true, environment: { RECAP_POLL_BATCH_SIZE: "25" } });
    expect(http?.args.link).toHaveLength(4);
  });

  it("subscribes each bus subscriber to its detail types, with Slack secrets only where needed", async () => {
    const bus = created.find((entry) => entry.component === "Bus");
    expect(bus?.subscriptions.map((subscription) => subscription.args.pattern)).toEqual(
      Object.values(SUBSCRIPTIONS).map((subscription) => ({ detailType: [...subscription.detailTypes] })),
    );
    expect(bus?.subscriptions.map((subscription) => subscription.subscriber.handler)).toEqual(
      Object.keys(SUBSCRIPTIONS).map((name) => HANDLERS[name as keyof typeof SUBSCRIPTIONS]),
    );
    expect(bus?.subscriptions.map((subscription) => subscription.subscriber.link.length)).toEqual(
      Object.values(SUBSCRIPTIONS).map((subscription) => (subscription.slack ? 4 : 2)),
    );
  });

  it("points every handler at a module exporting an (event, context) function", async () => {
    // Module-level wiring reads the linked resources; no request is made by importing.
    Object.assign(process.env, {
      SST_RESOURCE_RecapTable: JSON.stringify({ name: "recap-table" }),
      SST_RESOURCE_RecapBus: JSON.stringify({ name: "recap-bus" }),
      SST_RESOURCE_SlackSigningSecret: JSON.stringify({ value: "secret" }),
      SST_RESOURCE_SlackBotToken: JSON.stringify({ value: "xoxb-test" }),
      // Else importing the HTTP function would ask Slack (auth.test) which workspace it serves.
      RECAP_SLACK_TEAM_IDS: "T0001",
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
