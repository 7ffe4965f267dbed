import { describe, expect, it } from "vitest";
import { signSlackRequest, verifySlackSignature } from "../../packages/core/src/slack/verify";

// Slack's worked example (https://docs.slack.dev/authentication/verifying-requests-from-slack).
const SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
const TIMESTAMP = "1531420618";
const BODY =
  "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar" +
  "&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com" +
  "%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
const SIGNATURE = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

const at = (seconds: number) => new Date(seconds * 1000);
const base = { signingSecret: SECRET, rawBody: BODY, timestamp: TIMESTAMP, signature: SIGNATURE, now: at(Number(TIMESTAMP)) };

describe("verifySlackSignature", () => {
  it("accepts Slack's documented example", () => {
    expect(signSlackRequest(SECRET, TIMESTAMP, BODY)).toBe(SIGNATURE);
    expect(verifySlackSignature(base)).toEqual({ ok: true });
    expect(verifySlackSignature({ ...base, rawBody: Buffer.from(BODY) })).toEqual({ ok: true });
    expect(verifySlackSignature({ ...base, now: at(Number(TIMESTAMP) + 60) })).toEqual({ ok: true });
    expect(verifySlackSignature({ ...base, now: at(Number(TIMESTAMP) - 60) })).toEqual({ ok: true });
  });

  it("accepts the window's edges and refuses past them, both ways", () => {
    const t = Number(TIMESTAMP);
    expect(verifySlackSignature({ ...base, now: at(t + 300) }).ok).toBe(true);
    expect(verifySlackSignature({ ...base, now: at(t - 300) }).ok).toBe(true);
    for (const now of [at(t + 360), at(t - 360), at(t + 301), at(t - 301)]) {
      expect(verifySlackSignature({ ...base, now })).toEqual({ ok: false, reason: "timestamp outside the 5-minute window" });
    }
    expect(verifySlackSignature({ ...base, now: at(t + 100), toleranceSeconds: 60 })).toEqual({
      ok: false,
      reason: "timestamp outside the 1-minute window",
    });
  });

  it("refuses a body with one byte changed", () => {
    const tampered = BODY.replace("user_name=roadrunner", "user_name=roadrunnes");
    expect(verifySlackSignature({ ...base, rawBody: tampered })).toEqual({ ok: false, reason: "signature mismatch" });
    const bytes = Buffer.from(BODY);
    const last = bytes.length - 1;
    bytes.writeUInt8(bytes.readUInt8(last) ^ 1, last);
    expect(verifySlackSignature({ ...base, rawBody: bytes })).toEqual({ ok: false, reason: "signature mismatch" });
  });

  it("refuses another secret or a signature for another timestamp", () => {
    expect(verifySlackSignature({ ...base, signingSecret: `${SECRET}x` }).ok).toBe(false);
    const other = String(Number(TIMESTAMP) + 1);
    expect(verifySlackSignature({ ...base, timestamp: other })).toEqual({ ok: false, reason: "signature mismatch" });
  });

  it("names missing headers", () => {
    expect(verifySlackSignature({ ...base, signature: undefined })).toEqual({ ok: false, reason: "missing X-Slack-Signature header" });
    expect(verifySlackSignature({ ...base, signature: "" })).toEqual({ ok: false, reason: "missing X-Slack-Signature header" });
    expect(verifySlackSignature({ ...base, timestamp: undefined })).toEqual({
      ok: false,
      reason: "missing X-Slack-Request-Timestamp header",
    });
    expect(verifySlackSignature({ ...base, signingSecret: "" })).toEqual({ ok: false, reason: "no signing secret is configured" });
  });

  it("refuses malformed signatures and timestamps without throwing", () => {
    const malformed = [
      SIGNATURE.slice(3), // no "v0="
      `v1=${SIGNATURE.slice(3)}`,
      SIGNATURE.slice(0, -1), // 63 hex digits: different length
      `${SIGNATURE}00`,
      `${SIGNATURE.slice(0, -1)}g`,
      ` ${SIGNATURE}`,
      "v0=",
    ];
    for (const signature of malformed) {
      const result = verifySlackSignature({ ...base, signature });
      expect(result.ok).toBe(false);
      expect(result).toMatchObject({ reason: expect.stringMatching(/^malformed X-Slack-Signature header/) });
    }
    for (const timestamp of ["1531420618.5", "-1531420618", "0x5b47a2ca", "1531420618 ", "abc", "1".repeat(40)]) {
      const result = verifySlackSignature({ ...base, timestamp });
      expect(result).toMatchObject({ ok: false, reason: expect.stringMatching(/^malformed X-Slack-Request-Timestamp header/) });
    }
  });

  it("compares hex case-insensitively (the same 32 bytes)", () => {
    expect(verifySlackSignature({ ...base, signature: `v0=${SIGNATURE.slice(3).toUpperCase()}` })).toEqual({ ok: true });
  });

  it("hashes a non-ASCII Buffer body as the bytes it is", () => {
    const text = "payload=" + encodeURIComponent('{"text":"Grüße 👋 naïve café"}') + "&raw=Grüße 👋";
    const bytes = Buffer.from(text, "utf8");
    const timestamp = "1700000000";
    const now = at(1700000000);
    const signature = signSlackRequest("s3cret", timestamp, bytes);
    expect(signSlackRequest("s3cret", timestamp, text)).toBe(signature); // A string is taken as UTF-8.
    expect(verifySlackSignature({ signingSecret: "s3cret", rawBody: bytes, timestamp, signature, now })).toEqual({ ok: true });
    // Re-encoding the bytes (here as Latin-1) changes them, and the signature no longer matches.
    const reencoded = Buffer.from(bytes.toString("latin1"), "utf8");
    expect(verifySlackSignature({ signingSecret: "s3cret", rawBody: reencoded, timestamp, signature, now })).toEqual({
      ok: false,
      reason: "signature mismatch",
    });
    // Bytes that are not valid UTF-8 at all are still hashed exactly.
    const binary = Buffer.from([0xff, 0xfe, 0x00, 0x80, 0x41]);
    const binarySignature = signSlackRequest("s3cret", timestamp, binary);
    expect(verifySlackSignature({ signingSecret: "s3cret", rawBody: binary, timestamp, signature: binarySignature, now })).toEqual({
      ok: true,
    });
    expect(
      verifySlackSignature({ signingSecret: "s3cret", rawBody: binary.toString("utf8"), timestamp, signature: binarySignature, now }).ok,
    ).toBe(false);
  });

  it("refuses when the clock is unusable", () => {
    expect(verifySlackSignature({ ...base, now: new Date(Number.NaN) }).ok).toBe(false);
  });
});
