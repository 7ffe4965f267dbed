/**
 * An in-process bus with EventBridge's delivery shape: events are delivered asynchronously, as
 * EventBridge envelopes, to every subscriber of their detail type; a failing delivery is retried
 * a few times and then logged, as an asynchronous Lambda invocation would be.
 */
import { randomUUID } from "node:crypto";
import type { EventBridgeEvent } from "aws-lambda";
import type { Logger } from "../shared/log";
import { EVENT_SOURCE, type BusEvent, type EventPublisher } from "./types";

export interface LocalSubscriber {
  name: string;
  detailTypes: readonly string[];
  handle(event: EventBridgeEvent<string, unknown>): Promise<unknown>;
}

export interface LocalBus extends EventPublisher {
  subscribe(subscriber: LocalSubscriber): void;
  /** Resolves when every delivery so far (and those they caused) has finished. */
  idle(): Promise<void>;
}

const ATTEMPTS = 3;

export function localBus(log: Logger): LocalBus {
  const subscribers: LocalSubscriber[] = [];
  const inFlight = new Set<Promise<void>>();

  async function deliver(subscriber: LocalSubscriber, envelope: EventBridgeEvent<string, unknown>) {
    for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        await subscriber.handle(envelope);
        return;
      } catch (error) {
        if (attempt === ATTEMPTS) {
          log.error(`Bus subscriber ${subscriber.name} failed on ${envelope["detail-type"]}`, {
            error: error instanceof Error ? error.message : String(error),
          });
        }
      }
    }
  }

  return {
    subscribe(subscriber) {
      subscribers.push(subscriber);
    },
    async publish(events: BusEvent[]) {
      for (const event of events) {
        const envelope: EventBridgeEvent<string, unknown> = {
          version: "0",
          id: randomUUID(),
          "detail-type": event.detailType,
          source: EVENT_SOURCE,
          account: "local",
          time: new Date().toISOString(),
          region: "local",
          resources: [],
          // A copy, as a real bus would deliver: subscribers never share the publisher's objects.
          detail: JSON.parse(JSON.stringify(event.detail)),
        };
        for (const subscriber of subscribers.filter((s) => s.detailTypes.includes(event.detailType))) {
          const delivery = new Promise<void>((resolve) => setImmediate(resolve)).then(() => deliver(subscriber, envelope));
          inFlight.add(delivery);
          void delivery.finally(() => inFlight.delete(delivery));
        }
      }
      return { failed: [] };
    },
    async idle() {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
  };
}
