/**
 * follow — topic follows: the channel commands, and the bus subscriber that posts each new matching
 * post in the following channels, exactly once and within an hourly budget (the rest in one roll-up).
 */
export type * from "../model/follow";
export { DEFAULT_FOLLOW_MAX_PER_HOUR } from "../model/follow";
export { follow, unfollow, following, labelOf, type FollowCommandContext, type FollowDeps } from "./commands";
export { alertFollowers } from "./alerts";
export type { AlertDelivery, AlertDeps } from "./delivery";
