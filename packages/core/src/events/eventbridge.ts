/**
 * EventBridge publisher: PutEvents in calls of ≤ 10 entries; when a call partly fails
 * (FailedEntryCount), only the failed entries are sent again, with backoff.
 */
import { EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from "@aws-sdk/client-eventbridge";
import { EVENT_SOURCE, type BusEvent, type EventPublisher } from "../ports/events";
import { messageOf } from "../shared/errors";

const MAX_ENTRIES_PER_CALL = 10;

export interface EventBridgeOptions {
  busName: string;
  client?: EventBridgeClient;
  /** Attempts per entry, the first included. */
  maxAttempts?: number;
  /** Base delay between attempts; doubled each time. */
  retryDelayMs?: number;
  log?: (message: string) => void;
}

export function eventBridgePublisher(options: EventBridgeOptions): EventPublisher {
  const client = options.client ?? new EventBridgeClient({});
  const maxAttempts = options.maxAttempts ?? 4;
  const retryDelayMs = options.retryDelayMs ?? 200;

  const toEntry = (event: BusEvent): PutEventsRequestEntry => ({
    EventBusName: options.busName,
    Source: EVENT_SOURCE,
    DetailType: event.detailType,
    Detail: JSON.stringify(event.detail),
  });

  /** Sends one call's worth of events; returns those still failing after the last attempt. */
  async function putWithRetries(events: BusEvent[]): Promise<BusEvent[]> {
    let pending = events;
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      if (attempt > 1) await sleep(retryDelayMs * 2 ** (attempt - 2));
      const response = await client.send(new PutEventsCommand({ Entries: pending.map(toEntry) }));
      if (!response.FailedEntryCount) return [];
      // Result entries line up with request entries; a failed one carries an ErrorCode.
      const failed = pending.filter((_, index) => response.Entries?.[index]?.ErrorCode);
      const firstError = response.Entries?.find((entry) => entry.ErrorCode);
      options.log?.(
        `EventBridge rejected ${failed.length} of ${pending.length} event(s) (attempt ${attempt}/${maxAttempts}): ${firstError?.ErrorCode} ${firstError?.ErrorMessage ?? ""}`,
      );
      pending = failed;
    }
    return pending;
  }

  return {
    async publish(events) {
      const failed: BusEvent[] = [];
      for (let start = 0; start < events.length; start += MAX_ENTRIES_PER_CALL) {
        const chunk = events.slice(start, start + MAX_ENTRIES_PER_CALL);
        try {
          failed.push(...(await putWithRetries(chunk)));
        } catch (error) {
          // The call itself failed (network, throttling past the SDK's retries): this chunk is
          // reported failed, the chunks already accepted are not.
          options.log?.(`PutEvents failed for ${chunk.length} event(s): ${messageOf(error)}`);
          failed.push(...chunk);
        }
      }
      return { failed };
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
