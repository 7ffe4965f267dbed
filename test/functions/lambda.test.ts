/**
 * The Lambda handlers as AWS runs them: module-level wiring from SST's linked resources
 * (SST_RESOURCE_* variables), the AWS SDK pointed at loopback endpoints through the standard
 * AWS_ENDPOINT_URL_* variables, invoked with (event, context).
 */
import type { Context, EventBridgeEvent } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { newFeed } from "@recap/core/feeds";
import { openStore, type TableRef } from "@recap/core/store";
import { startTestDynamo, type TestDynamo } from "../helpers/dynamo";
import { startFakeEventBridge, type FakeEventBridge } from "../helpers/eventbridge";
import { rss, startFeedServer, type FeedServer } from "../helpers/feed-server";
import { SIGNING_SECRET, slackHeaders, slashCommand } from "../helpers/slack";

let dynamo: TestDynamo;
let bridge: FakeEventBridge;
let feeds: FeedServer;
let table: TableRef;
const saved = { ...process.env };

beforeAll(async () => {
  [dynamo, bridge, feeds] = await Promise.all([startTestDynamo(), startFakeEventBridge(), startFeedServer()]);
  table = await dynamo.newTable();
  Object.assign(process.env, {
    SST_RESOURCE_RecapTable: JSON.stringify({ name: table.tableName, type: "sst.aws.Dynamo" }),
    SST_RESOURCE_RecapBus: JSON.stringify({
      name: "recap-bus",
      arn: "arn:aws:events:us-east-1:000000000000:event-bus/recap-bus",
      type: "sst.aws.Bus",
    }),
    SST_RESOURCE_SlackSigningSecret: JSON.stringify({ value: SIGNING_SECRET, type: "sst.sst.Secret" }),
    SST_RESOURCE_SlackBotToken: JSON.stringify({ value: "xoxb-test", type: "sst.sst.Secret" }),
    AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
    AWS_ENDPOINT_URL_EVENTBRIDGE: bridge.url,
    AWS_REGION: "us-east-1",
    AWS_ACCESS_KEY_ID: "test",
    AWS_SECRET_ACCESS_KEY: "test",
    RECAP_POLL_BATCH_SIZE: "2",
    // The workspace served, a stage setting; unset, the function would ask Slack itself (auth.test).
    SST_RESOURCE_RecapSlackTeamIds: JSON.stringify({ value: "T0001", type: "sst.sst.Secret" }),
    SST_RESOURCE_RecapSlackAdmins: JSON.stringify({ value: "-", type: "sst.sst.Secret" }),
    // Never read on Lambda: a setting in the deploying shell must not decide who is served.
    RECAP_SLACK_TEAM_IDS: "TSHELL",
    // Must be ignored on Lambda: private addresses are never fetched there.
    RECAP_ALLOW_PRIVATE_NETWORK: "true",
  });
  // The handlers wire themselves when first imported; another test file in this worker may have
  // imported them with other resources (test files share the module cache): load them afresh.
  vi.resetModules();
});

afterAll(async () => {
  process.env = saved;
  await Promise.all([dynamo.close(), bridge.close(), feeds.close()]);
});

const context = { functionName: "recap-test", awsRequestId: "req-1" } as Context;

describe("Lambda handlers", () => {
  it("the scheduled poll fans due feeds out to the bus in batches", async () => {
    const store = openStore(table);
    const due = new Date(Date.now() - 60_000);
    // Feeds polled before: a run's first polls would travel in one batch of their own (feeds/poll.ts).
    const created = Array.from({ length: 3 }, (_, index) => ({
      ...newFeed(feeds.at(`/lambda-${index}.xml`), { via: "cli" }, due),
      lastSuccessAt: new Date(due.getTime() - 86_400_000).toISOString(),
    }));
    for (const feed of created) await store.feeds.create(feed);

    const { handler } = await import("../../functions/poll");
    await handler({}, context);

    const batches = bridge.details<{ feedIds: string[] }>("feeds.poll.requested");
    expect(batches.map((batch) => batch.feedIds.length)).toEqual([2, 1]);
    expect(bridge.accepted.every((entry) => entry.EventBusName === "recap-bus" && entry.Source === "recap")).toBe(true);
  });

  it("a poll batch refuses feeds on private addresses", async () => {
    feeds.route("/lambda-0.xml", { body: rss([{ title: "Intranet only", link: "https://intranet.example.com/a", guid: "a" }]) });
    const [batch] = bridge.details<{ feedIds: string[] }>("feeds.poll.requested");
    const event: EventBridgeEvent<"feeds.poll.requested", { feedIds: string[] }> = {
      version: "0",
      id: "evt-1",
      "detail-type": "feeds.poll.requested",
      source: "recap",
      account: "000000000000",
      time: new Date().toISOString(),
      region: "us-east-1",
      resources: [],
      detail: { feedIds: batch?.feedIds ?? [] },
    };
    const { handler } = await import("../../functions/poll-batch");
    // What the function writes: JSON log lines and EMF metric lines, tied to the bus event.
    const written: string[] = [];
    const write = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
    process.env.RECAP_LOG_LEVEL = "info";
    try {
      await handler(event, context);
    } finally {
      write.mockRestore();
      process.env.RECAP_LOG_LEVEL = "error";
    }
    const lines = written
      .join("")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const logged = lines.filter((line) => !("_aws" in line));
    expect(logged.length).toBeGreaterThan(0);
    for (const line of logged)
      expect(line).toMatchObject({ level: expect.any(String), message: expect.any(String), correlationId: "evt-1" });
    const metrics = lines.filter((line) => "_aws" in line);
    expect(metrics).toEqual([expect.objectContaining({ FeedsPolled: 2, FeedsFailed: 2, PostsIngested: 0 })]);

    const store = openStore(table);
    const polled = await Promise.all((batch?.feedIds ?? []).map((id) => store.feeds.get(id)));
    expect(polled).toHaveLength(2);
    for (const feed of polled) {
      expect(feed).toMatchObject({ consecutiveErrors: 1, lastError: expect.stringMatching(/private or reserved address 127\.0\.0\.1/) });
    }
    expect(feeds.hits("/lambda-0.xml")).toBe(0);
  });

  it("a malformed bus event is rejected, not half-processed", async () => {
    const { handler } = await import("../../functions/poll-batch");
    await expect(
      handler(
        { "detail-type": "feeds.poll.requested", detail: { feedIds: "not-a-list" } } as unknown as EventBridgeEvent<string, unknown>,
        context,
      ),
    ).rejects.toThrow();
  });

  it("the Function URL handler verifies and answers a base64-encoded slash command", async () => {
    const { handler } = await import("../../functions/http");
    const body = slashCommand("help");
    const functionUrlEvent = (headers: Record<string, string>, method = "POST", path = "/slack/events", payload: string | null = body) =>
      ({
        version: "2.0",
        routeKey: "$default",
        rawPath: path,
        rawQueryString: "",
        headers: { host: "abc.lambda-url.us-east-1.on.aws", ...headers },
        requestContext: {
          accountId: "anonymous",
          apiId: "abc",
          domainName: "abc.lambda-url.us-east-1.on.aws",
          domainPrefix: "abc",
          http: { method, path, protocol: "HTTP/1.1", sourceIp: "203.0.113.9", userAgent: "Slackbot 1.0" },
          requestId: "r-1",
          routeKey: "$default",
          stage: "$default",
          time: "25/Nov/2026:12:00:00 +0000",
          timeEpoch: Date.now(),
        },
        // Function URLs base64-encode form bodies.
        ...(payload === null ? { isBase64Encoded: false } : { body: Buffer.from(payload).toString("base64"), isBase64Encoded: true }),
      }) as unknown as Parameters<typeof handler>[0];

    const answered = await handler(functionUrlEvent(slackHeaders(body, new Date())), context);
    expect(answered.statusCode).toBe(200);
    expect(JSON.parse(answered.body as string)).toMatchObject({ response_type: "ephemeral" });
    expect(answered.body).toMatch(/search (&lt;|<)words/);

    const now = Date.now();
    const refused = {
      "bad signature": functionUrlEvent({ ...slackHeaders(body, new Date(now)), "x-slack-signature": `v0=${"a".repeat(64)}` }),
      "missing headers": functionUrlEvent({ "content-type": "application/x-www-form-urlencoded" }),
      "6 minutes old": functionUrlEvent(slackHeaders(body, new Date(now - 6 * 60_000))),
      "6 minutes ahead": functionUrlEvent(slackHeaders(body, new Date(now + 6 * 60_000))),
      "altered after signing": functionUrlEvent(slackHeaders(body, new Date(now)), "POST", "/slack/events", body.replace("help", "feeds")),
    };
    for (const [name, event] of Object.entries(refused)) {
      expect({ name, status: (await handler(event, context)).statusCode }).toEqual({ name, status: 401 });
    }

    // The same request through API Gateway's REST (v1) event shape, body not base64-encoded.
    const restEvent = {
      resource: "/{proxy+}",
      path: "/slack/events",
      httpMethod: "POST",
      headers: { host: "api.example.com", ...slackHeaders(body, new Date(now)) },
      multiValueHeaders: {},
      queryStringParameters: null,
      multiValueQueryStringParameters: null,
      pathParameters: { proxy: "slack/events" },
      stageVariables: null,
      requestContext: {
        httpMethod: "POST",
        path: "/prod/slack/events",
        stage: "prod",
        requestId: "r-2",
        identity: { sourceIp: "203.0.113.9" },
      },
      body,
      isBase64Encoded: false,
    } as unknown as Parameters<typeof handler>[0];
    const viaRest = await handler(restEvent, context);
    expect(viaRest.statusCode).toBe(200);
    expect(viaRest.body).toMatch(/search (&lt;|<)words/);

    const health = await handler(functionUrlEvent({}, "GET", "/health", null), context);
    expect(JSON.parse(health.body as string)).toEqual({ ok: true, slack: "configured" });
  });
});
