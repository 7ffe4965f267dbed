/** Topic follows: a channel that follows a topic gets each new post on it as it is ingested. */

export interface Follow {
  channelId: string;
  /** A taxonomy topic id. */
  topicId: string;
  createdAt: string;
  createdBy?: string;
  status: "active" | "disabled";
  /** Why alerts stopped (a Slack error such as "channel_not_found"); set with status "disabled". */
  disabledReason?: string;
}

/** Alerts a channel gets per UTC clock hour before the rest go into one roll-up message. */
export const DEFAULT_FOLLOW_MAX_PER_HOUR = 6;
