/** Reading rendered Slack messages in tests. */

/** Every mrkdwn and plain_text text object's text in `blocks`: what Slack parses (only our own words may be there). */
export function parsedTexts(blocks: unknown): string[] {
  const out: string[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (typeof value === "object" && value !== null) {
      const record = value as Record<string, unknown>;
      if ((record.type === "mrkdwn" || record.type === "plain_text") && typeof record.text === "string") out.push(record.text);
      else Object.values(record).forEach(visit);
    }
  };
  visit(blocks);
  return out;
}
