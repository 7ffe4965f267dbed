/**
 * `recap dlq --queue-url <url>`: the deployed stage's dead-letter queue (stacks/data.ts), read and
 * replayed from a terminal with the operator's AWS credentials. A message there is either Lambda's
 * on-failure record of an asynchronous invocation (the event under `requestPayload`, the function
 * under `requestContext.functionArn`) or EventBridge Scheduler's (the input as the body, the function
 * in the TARGET_ARN attribute). Replaying invokes that function again, asynchronously, with the same
 * event, and deletes the message once Lambda has taken it: every handler is idempotent.
 */
import type { DeadLetter } from "@recap/core/events";

/** A message of the queue as an operator needs it. */
export interface QueuedLetter extends DeadLetter {
  functionArn: string;
  payload: unknown;
}

const MAX_MESSAGES = 1_000;
/** While being replayed, a message is hidden from other readers this long. */
const REPLAY_VISIBILITY_SECONDS = 120;

export async function listQueuedLetters(queueUrl: string): Promise<QueuedLetter[]> {
  const { sqs, ReceiveMessageCommand } = await clients(queueUrl);
  const seen = new Map<string, QueuedLetter>();
  // Peeking (visibility 0) may return the same messages again: stop when a round brings nothing new.
  for (let round = 0; round < MAX_MESSAGES / 10; round++) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, VisibilityTimeout: 0, MessageAttributeNames: ["All"] }),
    );
    const fresh = Messages.filter((message) => message.MessageId && !seen.has(message.MessageId));
    if (fresh.length === 0) break;
    for (const message of fresh) seen.set(message.MessageId!, letterOf(message));
  }
  return [...seen.values()];
}

export async function replayQueuedLetters(queueUrl: string): Promise<{ replayed: number; failed: number }> {
  const { sqs, lambda, ReceiveMessageCommand, DeleteMessageCommand, ChangeMessageVisibilityCommand, InvokeCommand } =
    await clients(queueUrl);
  let replayed = 0;
  // Kept hidden while the replay goes on (so it is not received again), then put back at once.
  const failed: string[] = [];
  while (replayed + failed.length < MAX_MESSAGES) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 10,
        VisibilityTimeout: REPLAY_VISIBILITY_SECONDS,
        MessageAttributeNames: ["All"],
      }),
    );
    if (Messages.length === 0) break;
    for (const message of Messages) {
      const letter = letterOf(message);
      try {
        if (!letter.functionArn) throw new Error("the message names no function");
        await lambda.send(
          new InvokeCommand({ FunctionName: letter.functionArn, InvocationType: "Event", Payload: JSON.stringify(letter.payload) }),
        );
        await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle }));
        replayed++;
      } catch {
        if (message.ReceiptHandle) failed.push(message.ReceiptHandle);
      }
    }
  }
  for (const receiptHandle of failed) {
    await sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: queueUrl, ReceiptHandle: receiptHandle, VisibilityTimeout: 0 }));
  }
  return { replayed, failed: failed.length };
}

interface SqsMessage {
  MessageId?: string;
  Body?: string;
  MessageAttributes?: Record<string, { StringValue?: string }>;
}

/** What a message says, whichever of the two shapes it has. */
function letterOf(message: SqsMessage): QueuedLetter {
  let parsed: unknown = message.Body ?? "";
  try {
    parsed = JSON.parse(message.Body ?? "");
  } catch {
    // not JSON: Scheduler's input as it was, the payload below
  }
  const body = (typeof parsed === "object" && parsed !== null ? parsed : {}) as Record<string, unknown>;
  const context = body.requestContext as { functionArn?: string; approximateInvokeCount?: number } | undefined;
  const response = body.responseContext as { functionError?: string } | undefined;
  const attributes = message.MessageAttributes ?? {};
  const fromLambda = context?.functionArn !== undefined;
  const functionArn = (fromLambda ? context?.functionArn : attributes.TARGET_ARN?.StringValue) ?? "";
  const payload = fromLambda ? body.requestPayload : parsed;
  const event = (typeof payload === "object" && payload !== null ? payload : {}) as Record<string, unknown>;
  return {
    id: message.MessageId ?? "",
    // arn:aws:lambda:<region>:<account>:function:<name>[:<version>]
    subscriber: functionArn.split(":")[6] ?? functionArn,
    detailType: typeof event["detail-type"] === "string" ? event["detail-type"] : "schedule",
    detail: event.detail ?? payload,
    error: fromLambda
      ? `${response?.functionError ?? "error"}: ${JSON.stringify(body.responsePayload ?? null)}`
      : `${attributes.ERROR_CODE?.StringValue ?? "error"}: ${attributes.ERROR_MESSAGE?.StringValue ?? ""}`,
    attempts: context?.approximateInvokeCount ?? 0,
    failedAt: typeof body.timestamp === "string" ? body.timestamp : "",
    functionArn,
    payload,
  };
}

/** The SDK clients, loaded on first use (only this command needs them), in the queue's region. */
async function clients(queueUrl: string) {
  const [{ SQSClient, ...sqsCommands }, { LambdaClient, InvokeCommand }] = await Promise.all([
    import("@aws-sdk/client-sqs"),
    import("@aws-sdk/client-lambda"),
  ]);
  const region = /sqs[.-]([a-z0-9-]+)\.amazonaws\.com/.exec(queueUrl)?.[1];
  const config = region ? { region } : {};
  return {
    sqs: new SQSClient(config),
    lambda: new LambdaClient(config),
    ReceiveMessageCommand: sqsCommands.ReceiveMessageCommand,
    DeleteMessageCommand: sqsCommands.DeleteMessageCommand,
    ChangeMessageVisibilityCommand: sqsCommands.ChangeMessageVisibilityCommand,
    InvokeCommand,
  };
}
