/**
 * `recap dlq --queue-url`: a deployed stage's dead-letter queue, listed and replayed against
 * loopback stand-ins of SQS (its JSON protocol) and Lambda's Invoke API, as the SDK talks to them.
 */
import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recapAgainstAws } from "../helpers/aws-cli";

interface Queued {
  id: string;
  body: string;
  attributes?: Record<string, { DataType: string; StringValue: string }>;
  hidden: boolean;
}
const queue: Queued[] = [];
const invoked: { fn: string; type: string; payload: unknown }[] = [];
const saved = { ...process.env };
let sqs: Server;
let lambda: Server;

const read = async (request: IncomingMessage) => {
  let text = "";
  for await (const chunk of request) text += String(chunk);
  return text;
};
const url = (server: Server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

beforeAll(async () => {
  sqs = createServer(async (request, response) => {
    const input = JSON.parse(await read(request)) as Record<string, unknown>;
    const operation = String(request.headers["x-amz-target"]).replace("AmazonSQS.", "");
    const answer = (body: unknown) => {
      response.writeHead(200, { "content-type": "application/x-amz-json-1.0" });
      response.end(JSON.stringify(body));
    };
    if (operation === "ReceiveMessage") {
      const visible = queue.filter((message) => !message.hidden).slice(0, Number(input.MaxNumberOfMessages ?? 1));
      if (Number(input.VisibilityTimeout) > 0) for (const message of visible) message.hidden = true;
      return answer({
        Messages: visible.map((m) => ({
          MessageId: m.id,
          ReceiptHandle: m.id,
          Body: m.body,
          MD5OfBody: createHash("md5").update(m.body).digest("hex"), // the SDK checks it
          MessageAttributes: m.attributes,
        })),
      });
    }
    const message = queue.find((m) => m.id === input.ReceiptHandle);
    if (operation === "DeleteMessage" && message) queue.splice(queue.indexOf(message), 1);
    if (operation === "ChangeMessageVisibility" && message) message.hidden = Number(input.VisibilityTimeout) > 0;
    answer({});
  });
  lambda = createServer(async (request, response) => {
    const fn = decodeURIComponent(/functions\/([^/]+)\/invocations/.exec(request.url ?? "")?.[1] ?? "");
    const payload = JSON.parse(await read(request)) as unknown;
    if (fn.endsWith("recap-prod-gone")) {
      response.writeHead(404, { "content-type": "application/json", "x-amzn-errortype": "ResourceNotFoundException" });
      return response.end(JSON.stringify({ message: "Function not found" }));
    }
    invoked.push({ fn, type: String(request.headers["x-amz-invocation-type"]), payload });
    response.writeHead(202);
    response.end();
  });
  await Promise.all([sqs, lambda].map((server) => new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))));
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_LAMBDA: url(lambda),
    AWS_REGION: "eu-west-1",
    AWS_ACCESS_KEY_ID: "test",
    AWS_SECRET_ACCESS_KEY: "test",
  });
});
afterAll(async () => {
  process.env = saved;
  await Promise.all([sqs, lambda].map((server) => new Promise((resolve) => server.close(resolve))));
});

const arn = (name: string) => `arn:aws:lambda:eu-west-1:123456789012:function:${name}`;
const alertEvent = { id: "evt-1", "detail-type": "post.ingested", source: "recap", detail: { postId: "p1", title: "Argo CD 3.0" } };

const recap = recapAgainstAws;

describe("recap dlq --queue-url", () => {
  it("lists both kinds of dead letter, replays each to its function once, and keeps what Lambda would not take", async () => {
    queue.push(
      {
        id: "m1",
        hidden: false,
        body: JSON.stringify({
          timestamp: "2026-12-03T10:00:00.000Z",
          requestContext: { functionArn: `${arn("recap-prod-followAlerts")}:$LATEST`, approximateInvokeCount: 3 },
          requestPayload: alertEvent,
          responseContext: { functionError: "Unhandled" },
          responsePayload: { errorMessage: "Follow alerts failed in C1 (invalid_auth); retry" },
        }),
      },
      {
        id: "m2",
        hidden: false,
        body: "{}",
        attributes: {
          TARGET_ARN: { DataType: "String", StringValue: arn("recap-prod-digest") },
          ERROR_CODE: { DataType: "String", StringValue: "AWS.Lambda.TooManyRequestsException" },
          ERROR_MESSAGE: { DataType: "String", StringValue: "Rate exceeded" },
        },
      },
      {
        id: "m3",
        hidden: false,
        body: JSON.stringify({ requestContext: { functionArn: arn("recap-prod-gone") }, requestPayload: alertEvent }),
      },
    );
    // The SDK sends to the queue URL's own host: here, the stand-in.
    const queueUrl = `${url(sqs)}/123456789012/recap-prod-RecapDeadLetters`;

    const listed = await recap("dlq", "--queue-url", queueUrl, "--json");
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout)).toEqual([
      expect.objectContaining({
        id: "m1",
        detailType: "post.ingested",
        subscriber: "recap-prod-followAlerts",
        attempts: 3,
        error: expect.stringMatching(/invalid_auth/),
      }),
      expect.objectContaining({
        id: "m2",
        detailType: "schedule",
        subscriber: "recap-prod-digest",
        error: expect.stringMatching(/Rate exceeded/),
      }),
      expect.objectContaining({ id: "m3", detailType: "post.ingested" }),
    ]);
    expect(queue.every((message) => !message.hidden)).toBe(true); // listing takes nothing away

    const replayed = await recap("dlq", "replay", "--queue-url", queueUrl, "--json");
    expect(JSON.parse(replayed.stdout)).toEqual({ replayed: 2, waiting: 1 });
    expect(invoked).toEqual([
      { fn: `${arn("recap-prod-followAlerts")}:$LATEST`, type: "Event", payload: alertEvent },
      { fn: arn("recap-prod-digest"), type: "Event", payload: {} },
    ]);
    expect(queue.map((message) => [message.id, message.hidden])).toEqual([["m3", false]]);
  });
});
