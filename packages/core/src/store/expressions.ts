import type { UpdateCommandInput } from "@aws-sdk/lib-dynamodb";

type PatchExpression = Pick<UpdateCommandInput, "UpdateExpression" | "ExpressionAttributeNames" | "ExpressionAttributeValues">;

/**
 * The update expression for a patch: SET each attribute given a value, REMOVE each given as
 * undefined. Every name is aliased (DynamoDB reserves hundreds of words, and a bare one fails the
 * request); `undefined` when there is nothing to write.
 */
export function patchExpression(patch: Record<string, unknown>): PatchExpression | undefined {
  const entries = Object.entries(patch);
  const set = entries.filter(([, value]) => value !== undefined);
  const remove = entries.filter(([, value]) => value === undefined).map(([name]) => name);
  if (entries.length === 0) return undefined;
  const clauses = [
    set.length > 0 ? `SET ${set.map(([name]) => `#${name} = :${name}`).join(", ")}` : "",
    remove.length > 0 ? `REMOVE ${remove.map((name) => `#${name}`).join(", ")}` : "",
  ];
  return {
    UpdateExpression: clauses.filter(Boolean).join(" "),
    ExpressionAttributeNames: Object.fromEntries(entries.map(([name]) => [`#${name}`, name])),
    ...(set.length > 0 ? { ExpressionAttributeValues: Object.fromEntries(set.map(([name, value]) => [`:${name}`, value])) } : {}),
  };
}
