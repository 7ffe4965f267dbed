/** What the in-memory repositories share: copies in and out, and a write whose target must exist. */

/**
 * A value as a store keeps it: a deep copy without undefined fields (as DynamoDB's document client
 * drops them), so nothing a caller later changes reaches the store, and nothing read changes it.
 */
export function stored<T>(value: T): T {
  return strip(structuredClone(value)) as T;
}

function strip(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(strip);
  if (value instanceof Set || value instanceof Map || value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value).flatMap(([key, field]) => (field === undefined ? [] : [[key, strip(field)]])));
}

/** A write to something that is not there (DynamoDB's failed `attribute_exists` condition). */
export function missing(what: string): Error {
  return new Error(`${what} does not exist`);
}

/** Ascending by `key`, as a sort key orders rows. */
export function byKey<T>(key: (value: T) => string): (a: T, b: T) => number {
  return (a, b) => {
    const ka = key(a);
    const kb = key(b);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  };
}

/** A kept value as the record readers of store/records.ts take (they accept what the table returns). */
export const asRecord = (value: object) => value as unknown as Record<string, unknown>;
