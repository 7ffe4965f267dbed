/** events — the bus: event types and schemas, the EventBridge publisher, and the in-process bus. */
export * from "./types";
export { eventBridgePublisher, type EventBridgeOptions } from "./eventbridge";
export { localBus, type LocalBus, type LocalBusOptions, type LocalSubscriber } from "./local-bus";
