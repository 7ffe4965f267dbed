/** runtime — what runs when (schedules, subscriptions), their handlers, and how to build their dependencies. */
export { SCHEDULES, SUBSCRIPTIONS, HTTP_FUNCTION, scheduleExpression, type ScheduleName, type SubscriptionName } from "./definitions";
export { createDeps, type RecapDeps } from "./deps";
export { feedReader, type FeedReader } from "./feed-reader";
export { depsFor, scheduleHandlers, subscriptionHandlers, type BusEnvelope } from "./handlers";
