/** ports — what the core needs from outside, as interfaces; adapters in store/, events/, http/, slack/ and the shells implement them. */
export type { RecapDeps, RefreshDeps, PollDeps } from "./deps";
export { noMetrics, type Metrics } from "./metrics";
export type { FeedParser } from "./parse";
export { AUTH_ERRORS, CHANNEL_GONE_ERRORS } from "./slack";
