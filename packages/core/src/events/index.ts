/** events — the bus: event types and schemas, the EventBridge publisher, and the in-process bus. */
export * from "../ports/events";
export { eventBridgePublisher, type EventBridgeOptions } from "./eventbridge";
export { localBus, type DeadLetter, type LocalBus, type LocalBusOptions, type LocalSubscriber } from "./local-bus";
