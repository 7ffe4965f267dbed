/**
 * An in-process bus with EventBridge's delivery shape: events are delivered asynchronously, as
 * EventBridge envelopes, to every subscriber of their detail type; a failing delivery is retried
 * twice, as an asynchronous Lambda invocation is, and then handed to `onDeadLetter` (the local
 * runner keeps it in a file that `recap dlq` lists and replays: Lambda's dead-letter queue here).
 *
 * Unlike EventBridge, everything here shares one machine: each subscriber handles at most a few
 * deliveries at once (like a Lambda function with reserved concurrency) and the rest wait their
 * turn, in order. A scheduled poll that fans out many batches thus polls a few at a time instead of
 * fetching every due feed at once.
 */
import { randomUUID } from "node:crypto";
import type { EventBridgeEvent } from "aws-lambda";
import type { Logger } from "../shared/log";
import { EVENT_SOURCE, type BusEvent, type EventPublisher } from "../ports/events";
import { messageOf } from "../shared/errors";

export interface LocalSubscriber {
  name: string;
  detailTypes: readonly string[];
  handle(event: EventBridgeEvent<string, unknown>): Promise<unknown>;
}

export interface LocalBus extends EventPublisher {
  subscribe(subscriber: LocalSubscriber): void;
  /** Resolves when every delivery so far (queued or running, and those they caused) has finished. */
  idle(): Promise<void>;
}

export interface LocalBusOptions {
  /** Deliveries each subscriber handles at once; the rest are queued, first in first out. Default 2. */
  concurrency?: number;
  /** Where a delivery goes after its last failed attempt. */
  onDeadLetter?: (letter: DeadLetter) => void | Promise<void>;
}

/** A delivery that failed every attempt: enough to say what failed and to publish it again. */
export interface DeadLetter {
  /** The envelope's id. */
  id: string;
  subscriber: string;
  detailType: string;
  detail: unknown;
  error: string;
  attempts: number;
  failedAt: string;
}

const ATTEMPTS = 3;
const DEFAULT_CONCURRENCY = 2;

type Envelope = EventBridgeEvent<string, unknown>;

interface Subscription {
  subscriber: LocalSubscriber;
  queue: Envelope[];
  running: number;
}

export function localBus(log: Logger, options: LocalBusOptions = {}): LocalBus {
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? DEFAULT_CONCURRENCY));
  const subscriptions: Subscription[] = [];
  /** Deliveries queued or running; `idle()` waits for this to reach zero. */
  let pending = 0;
  let idleWaiters: (() => void)[] = [];

  async function deliver(subscriber: LocalSubscriber, envelope: Envelope): Promise<void> {
    for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        await subscriber.handle(envelope);
        return;
      } catch (error) {
        if (attempt === ATTEMPTS) {
          const message = messageOf(error);
          log.error(`Bus subscriber ${subscriber.name} failed on ${envelope["detail-type"]}`, {
            error: message,
            attempts: ATTEMPTS,
            eventId: envelope.id,
          });
          await options.onDeadLetter?.({
            id: envelope.id,
            subscriber: subscriber.name,
            detailType: envelope["detail-type"],
            detail: envelope.detail,
            error: message,
            attempts: ATTEMPTS,
            failedAt: new Date().toISOString(),
          });
        }
      }
    }
  }

  /** Starts queued deliveries while the subscription has room. */
  function pump(subscription: Subscription): void {
    while (subscription.running < concurrency && subscription.queue.length > 0) {
      const envelope = subscription.queue.shift() as Envelope;
      subscription.running++;
      const finished = () => {
        subscription.running--;
        settle();
        pump(subscription);
      };
      // `deliver` catches its handler's failures; this also covers a logger that throws.
      deliver(subscription.subscriber, envelope).then(finished, finished);
    }
  }

  function settle(): void {
    pending--;
    if (pending > 0) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  return {
    subscribe(subscriber) {
      subscriptions.push({ subscriber, queue: [], running: 0 });
    },
    async publish(events: BusEvent[]) {
      const touched = new Set<Subscription>();
      for (const event of events) {
        // Serialized once; each subscriber gets its own copy, as a real bus would deliver:
        // subscribers never share the publisher's objects, nor each other's.
        const detail = JSON.stringify(event.detail);
        const envelope = {
          version: "0",
          id: randomUUID(),
          "detail-type": event.detailType,
          source: EVENT_SOURCE,
          account: "local",
          time: new Date().toISOString(),
          region: "local",
          resources: [] as string[],
        };
        for (const subscription of subscriptions) {
          if (!subscription.subscriber.detailTypes.includes(event.detailType)) continue;
          subscription.queue.push({ ...envelope, resources: [], detail: JSON.parse(detail) as unknown });
          pending++;
          touched.add(subscription);
        }
      }
      // Delivered later, never during `publish`: the publisher carries on first, as with EventBridge.
      if (touched.size > 0) setImmediate(() => touched.forEach(pump));
      return { failed: [] };
    },
    idle() {
      if (pending === 0) return Promise.resolve();
      return new Promise<void>((resolve) => idleWaiters.push(resolve));
    },
  };
}
