/** The Slack renderers the domain is given (ports/slack.ts): digests and follow alerts as Block Kit. */
import type { SlackRenderers } from "../ports/slack";
import { renderDigest } from "./digest-render";
import { renderFollowAlert, renderFollowRollup } from "./follow-render";

export const slackRenderers: SlackRenderers = {
  digest: renderDigest,
  followAlert: renderFollowAlert,
  followRollup: renderFollowRollup,
};
