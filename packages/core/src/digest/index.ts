/**
 * digest — the daily digest: subscriptions and their commands, the due-time rule (in each
 * channel's own time zone, DST-correct), composing a channel's digest, and the dispatcher that
 * posts each one exactly once per local day.
 */
export type * from "../model/digest";
export { DEFAULT_DIGEST_LIMITS, waitingNote } from "../model/digest";
export { dueDigest, nextDigestAt, parseTime, parseTimeZone, localParts } from "./schedule";
export { composeDigest, recapTalkCount } from "./compose";
export { subscribe, unsubscribe, showSubscription, previewDigest, digestFor, type DigestCommandContext, type DigestDeps } from "./commands";
export { dispatchDigests, type Delivery, type DispatchDeps } from "./dispatch";
