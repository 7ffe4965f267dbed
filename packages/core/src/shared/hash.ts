import { createHash } from "node:crypto";

/** A short, stable, URL-safe id for a string (64 bits of SHA-256, hex). */
export function stableId(input: string): string {
  return createHash("sha256").update(input).digest("hex").slice(0, 16);
}

/** A stable number in [0, 1) for a string: spreads schedules without randomness. */
export function stableFraction(input: string): number {
  return createHash("sha256").update(input).digest().readUInt32BE(0) / 2 ** 32;
}
