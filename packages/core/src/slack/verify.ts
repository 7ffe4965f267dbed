/**
 * Slack request signing, version 0 (https://docs.slack.dev/authentication/verifying-requests-from-slack):
 * `X-Slack-Signature: v0=<hex HMAC-SHA256(signing secret, "v0:" + X-Slack-Request-Timestamp + ":" + raw body)>`.
 *
 * The HMAC covers the exact bytes Slack sent: hand over the raw body before any parsing (a Buffer stays
 * bytes; a string is taken as UTF-8). The timestamp is used exactly as the header gave it.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

export type VerifyResult = { ok: true } | { ok: false; reason: string };

/** Slack's own window: a request more than five minutes away from our clock (either way) is refused. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

const TIMESTAMP_PATTERN = /^\d{1,15}$/;
const SIGNATURE_PATTERN = /^v0=([0-9a-fA-F]{64})$/;

/** The `X-Slack-Signature` value Slack would send for this body: for tests and local tools. */
export function signSlackRequest(secret: string, timestamp: string | number, rawBody: Buffer | string): string {
  return `v0=${hmacHex(secret, String(timestamp), rawBody)}`;
}

/** Whether a request really comes from Slack, and recently. Never throws. */
export function verifySlackSignature(input: {
  signingSecret: string;
  rawBody: Buffer | string;
  timestamp: string | undefined;
  signature: string | undefined;
  now: Date;
  toleranceSeconds?: number;
}): VerifyResult {
  const { signingSecret, rawBody, timestamp, signature, now } = input;
  const tolerance = input.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;

  if (!signingSecret) return fail("no signing secret is configured");
  if (timestamp === undefined || timestamp === "") return fail("missing X-Slack-Request-Timestamp header");
  if (signature === undefined || signature === "") return fail("missing X-Slack-Signature header");
  if (!TIMESTAMP_PATTERN.test(timestamp)) return fail("malformed X-Slack-Request-Timestamp header (expected whole seconds since 1970)");
  const hex = SIGNATURE_PATTERN.exec(signature)?.[1];
  if (hex === undefined) return fail('malformed X-Slack-Signature header (expected "v0=" and 64 hex characters)');

  const nowSeconds = Math.floor(now.getTime() / 1000);
  if (!Number.isFinite(nowSeconds) || !Number.isFinite(tolerance) || tolerance < 0)
    return fail("no usable clock to check the timestamp against");
  if (Math.abs(nowSeconds - Number(timestamp)) > tolerance) return fail(`timestamp outside the ${describeWindow(tolerance)} window`);

  const expected = Buffer.from(hmacHex(signingSecret, timestamp, rawBody), "hex");
  const given = Buffer.from(hex, "hex");
  // Both are 32 bytes once the format check passed; the length test keeps timingSafeEqual from throwing regardless.
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return fail("signature mismatch");
  return { ok: true };
}

function hmacHex(secret: string, timestamp: string, rawBody: Buffer | string): string {
  const hmac = createHmac("sha256", secret);
  hmac.update(`v0:${timestamp}:`, "utf8");
  if (typeof rawBody === "string") hmac.update(rawBody, "utf8");
  else hmac.update(rawBody);
  return hmac.digest("hex");
}

function describeWindow(seconds: number): string {
  return seconds % 60 === 0 ? `${seconds / 60}-minute` : `${seconds}-second`;
}

function fail(reason: string): VerifyResult {
  return { ok: false, reason };
}
