/** An alarm's change of state, as SNS delivers it, rendered for the operators' channel. */
import { describe, expect, it } from "vitest";
import { renderAlarm } from "../../packages/core/src/slack/alarm";
import { checkLimits } from "../../packages/core/src/slack/limits";

const notification = (fields: Record<string, unknown>) =>
  JSON.stringify({ AWSAccountId: "123456789012", Region: "eu-west-1", OldStateValue: "OK", ...fields });

describe("renderAlarm", () => {
  it("says which alarm fired, what it means and why, and when it cleared", () => {
    const firing = renderAlarm(
      notification({
        AlarmName: "DigestsFailed",
        AlarmDescription: "Recap: a digest run could not post a channel's digest.",
        NewStateValue: "ALARM",
        NewStateReason: "Threshold Crossed: 1 datapoint [2.0] was greater than the threshold (0.0).",
      }),
    );
    expect(firing?.text).toMatch(/Recap alarm .*DigestsFailed.*could not post.*Threshold Crossed/);
    expect(checkLimits(firing!)).toEqual([]);
    const cleared = renderAlarm(notification({ AlarmName: "DigestsFailed", NewStateValue: "OK", NewStateReason: "back" }));
    expect(cleared?.text).toMatch(/alarm cleared: .*DigestsFailed/);
    expect(cleared?.text).not.toMatch(/back/);
  });

  it("keeps whatever the alarm's words hold inert, and ignores SNS messages that are no alarm's", () => {
    const hostile = renderAlarm(notification({ AlarmName: "<!channel> *bold* <https://evil.example|click>", NewStateValue: "ALARM" }));
    expect(hostile?.text).not.toMatch(/<!channel>|<https:/);
    expect(JSON.stringify(hostile?.blocks)).not.toMatch(/"type":"(link|broadcast)"/);
    expect(renderAlarm("not json")).toBeUndefined();
    expect(renderAlarm(JSON.stringify({ Type: "SubscriptionConfirmation" }))).toBeUndefined();
  });
});
