/**
 * A CloudWatch alarm's change of state, as SNS delivers it, told to the operators' channel
 * (RECAP_OPS_CHANNEL). Its names and reasons are AWS's words about Recap, but shown as data all the
 * same: nothing in them becomes a mention or a link.
 */
import * as z from "../shared/validation";
import type { RenderedMessage } from "./blocks";
import { data, emoji, sentence, words } from "./sentence";

const ALARM = z.object({
  AlarmName: z.string(),
  AlarmDescription: z.optional(z.nullable(z.string())),
  NewStateValue: z.string(),
  NewStateReason: z.optional(z.string()),
});

/** The message for one alarm notification, or undefined for a message that is no alarm's (SNS's own confirmations and tests). */
export function renderAlarm(snsMessage: string): RenderedMessage | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(snsMessage);
  } catch {
    return undefined;
  }
  const alarm = ALARM.safeParse(parsed);
  if (!alarm.success) return undefined;
  const { AlarmName, AlarmDescription, NewStateValue, NewStateReason } = alarm.data;
  const firing = NewStateValue === "ALARM";
  return sentence([
    emoji(firing ? "rotating_light" : "white_check_mark"),
    words(firing ? " Recap alarm " : " Recap alarm cleared: "),
    data(AlarmName, 200, { bold: true }),
    ...(firing && AlarmDescription ? [words(" — "), data(AlarmDescription, 500)] : []),
    ...(firing && NewStateReason ? [words(" ("), data(NewStateReason, 500), words(")")] : []),
  ]);
}
