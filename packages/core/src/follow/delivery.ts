/** What delivering a follow alert needs and how it ends, shared by the alert and its hour's roll-up. */
import type { FollowLimits } from "../config";
import type { SlackOutbound, SlackRenderers } from "../ports/slack";
import type { Logger } from "../shared/log";
import type { Store } from "../ports/store";
import type { Taxonomy } from "../model/topic";

export interface AlertDeps {
  store: Store;
  clock: () => Date;
  taxonomy: () => Promise<Taxonomy>;
  slack: SlackOutbound;
  render: SlackRenderers;
  log: Logger;
  follow: FollowLimits;
}

export type AlertDelivery =
  | { channelId: string; result: "posted"; ts: string }
  | { channelId: string; result: "rolled-up" | "taken" }
  | { channelId: string; result: "disabled" | "uncertain" | "failed"; error: string };

/** Slack will not post in the channel until a person acts: its follows stop, and `following` says why. */
export async function disable(channelId: string, reason: string, deps: AlertDeps): Promise<void> {
  await deps.store.follows.disableChannel(channelId, reason);
  deps.log.warn("Follows disabled", { channelId, reason });
}
