/**
 * slack — Recap in Slack: request verification, the Bolt app and its Hono receiver, the HTTP
 * surface, Block Kit rendering with escaping and limits, and messages sent on Recap's own.
 */
export { verifySlackSignature, signSlackRequest, type VerifyResult } from "./verify";
export { escapeMrkdwn, slackLink, truncate } from "./escape";
export { renderOutcome, renderPausedNotice, ACTION_MORE, ACTION_SHARE, type RenderedMessage } from "./render";
export { SlackRequestReceiver, type SlackReceiverOptions, type SlackHttpRequest, type SlackHttpAnswer } from "./receiver";
export { createSlackApp, type SlackAppOptions } from "./app";
export { createHttpApp, SLACK_PATH } from "./http";
export { slackOutbound, CHANNEL_GONE_ERRORS, type SlackOutbound, type PostResult } from "./outbound";
export { renderFollowAlert, renderFollowRollup } from "./follow-render";
export { renderAlarm } from "./alarm";
export { checkLimits, SLACK_LIMITS } from "./limits";
export { renderDigest, type DigestMessages } from "./digest-render";
export { slackRenderers } from "./renderers";
