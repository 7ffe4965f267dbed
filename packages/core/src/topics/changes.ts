/** A retag's changes by topic, for Slack and the terminal alike: " (+3 security, −1 kubernetes)". */
export function describeTopicChanges(byTopic: readonly { id: string; added: number; removed: number }[]): string {
  const parts = byTopic.flatMap(({ id, added, removed }) => [
    ...(added > 0 ? [`+${added} ${id}`] : []),
    ...(removed > 0 ? [`−${removed} ${id}`] : []),
  ]);
  return parts.length > 0 ? ` (${parts.join(", ")})` : "";
}
