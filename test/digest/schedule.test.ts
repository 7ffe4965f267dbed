/**
 * The digest schedule: parsing times and zones, local wall time, the due rule and the next digest
 * time — in each subscription's own zone and across daylight-saving changes. Expected instants are
 * worked out by hand in the comments (offsets: Paris CET +01:00 / CEST +02:00, switching on the last
 * Sundays of March and October at 01:00Z; Los Angeles PST −08:00 / PDT −07:00, switching on the second
 * Sunday of March at 10:00Z and the first Sunday of November at 09:00Z; Kolkata +05:30 all year).
 */
import { describe, expect, it } from "vitest";
import { dueDigest, localParts, nextDigestAt, parseTime, parseTimeZone } from "../../packages/core/src/digest/schedule";
import type { DigestDays, Subscription } from "../../packages/core/src/model/digest";

type Schedule = Pick<Subscription, "time" | "timeZone" | "days" | "status" | "lastDigestDate">;

function sub(time: string, timeZone: string, extra: Partial<Schedule> = {}): Schedule {
  return { time, timeZone, days: "daily" as DigestDays, status: "active", ...extra };
}

const at = (iso: string) => new Date(iso);
const due = (date: string) => ({ due: true, date });
const NOT_DUE = { due: false };

describe("parseTime", () => {
  it.each([
    ["9", "09:00"],
    ["09", "09:00"],
    ["0", "00:00"],
    ["21", "21:00"],
    ["9:00", "09:00"],
    ["09:00", "09:00"],
    ["9:05", "09:05"],
    ["21:15", "21:15"],
    ["23:59", "23:59"],
    ["00:00", "00:00"],
    ["9am", "09:00"],
    ["9 AM", "09:00"],
    ["9a.m.", "09:00"],
    ["9:30pm", "21:30"],
    ["9:30 pm", "21:30"],
    ["9:30 P.M.", "21:30"],
    ["12am", "00:00"],
    ["12:15am", "00:15"],
    ["12pm", "12:00"],
    ["12:45 pm", "12:45"],
    ["1pm", "13:00"],
    ["noon", "12:00"],
    ["Midnight", "00:00"],
    ["  7:05  ", "07:05"],
  ])("reads %j as %s", (text, expected) => {
    expect(parseTime(text)).toBe(expected);
  });

  it.each([
    "",
    "   ",
    "24",
    "24:00",
    "9:60",
    "9:5",
    "930",
    "0930",
    "123:00",
    "13pm",
    "0am",
    "0:30am",
    "9:00:00",
    "-1",
    "9.30",
    "nine",
    "9 o'clock",
    "9pmx",
    "am",
    "9mm",
    "9:30 p m x",
  ])("refuses %j", (text) => {
    expect(parseTime(text)).toBeUndefined();
  });
});

describe("parseTimeZone", () => {
  it.each([
    ["Europe/Paris", "Europe/Paris"],
    ["europe/paris", "Europe/Paris"],
    ["EUROPE/PARIS", "Europe/Paris"],
    [" Europe/Paris ", "Europe/Paris"],
    ["america/los_angeles", "America/Los_Angeles"],
    ["america/port-au-prince", "America/Port-au-Prince"],
    ["antarctica/mcmurdo", "Antarctica/McMurdo"],
    ["america/argentina/buenos_aires", "America/Argentina/Buenos_Aires"],
    // The chosen name is kept (Node 20's ICU would resolve these to Asia/Calcutta and America/Los_Angeles).
    ["Asia/Kolkata", "Asia/Kolkata"],
    ["asia/kolkata", "Asia/Kolkata"],
    ["asia/calcutta", "Asia/Calcutta"],
    ["us/pacific", "US/Pacific"],
    ["UTC", "UTC"],
    ["utc", "UTC"],
    ["Etc/UTC", "UTC"],
    ["etc/utc", "UTC"],
    ["GMT", "UTC"],
    ["Etc/GMT+5", "Etc/GMT+5"],
  ])("reads %j as %s", (text, expected) => {
    expect(parseTimeZone(text)).toBe(expected);
  });

  it.each([
    "",
    "  ",
    "Europe/Nowhere",
    "Paris",
    "Mars/Olympus_Mons",
    "+05:30",
    "UTC+2",
    "EST",
    "PST",
    "CET",
    "../etc/passwd",
    "Europe/Paris/Extra",
    "Europe Paris",
  ])("refuses %j", (text) => {
    expect(parseTimeZone(text)).toBeUndefined();
  });

  it("gives names the zone computations accept", () => {
    // 03:30Z on Friday 2026-11-20: 09:00 in Kolkata, 19:30 on Thursday in Los Angeles, 04:30 in Paris.
    const instant = at("2026-11-20T03:30:00Z");
    expect(localParts(instant, parseTimeZone("asia/kolkata")!)).toEqual({ date: "2026-11-20", weekday: 5, minutes: 540 });
    expect(localParts(instant, parseTimeZone("us/pacific")!)).toEqual({ date: "2026-11-19", weekday: 4, minutes: 1170 });
    expect(localParts(instant, parseTimeZone("europe/paris")!)).toEqual({ date: "2026-11-20", weekday: 5, minutes: 270 });
    expect(localParts(instant, parseTimeZone("etc/utc")!)).toEqual({ date: "2026-11-20", weekday: 5, minutes: 210 });
  });
});

describe("localParts", () => {
  it("reads the local date, weekday and minutes in the zone", () => {
    // Friday 2026-11-20 03:30Z.
    const instant = at("2026-11-20T03:30:00Z");
    expect(localParts(instant, "UTC")).toEqual({ date: "2026-11-20", weekday: 5, minutes: 210 });
    expect(localParts(instant, "Europe/Paris")).toEqual({ date: "2026-11-20", weekday: 5, minutes: 270 }); // 04:30 CET
    expect(localParts(instant, "Asia/Kolkata")).toEqual({ date: "2026-11-20", weekday: 5, minutes: 540 }); // 09:00 IST
    expect(localParts(instant, "America/Los_Angeles")).toEqual({ date: "2026-11-19", weekday: 4, minutes: 1170 }); // Thu 19:30 PST
  });

  it("gives midnight as minute 0 of the new day and drops seconds", () => {
    expect(localParts(at("2026-11-20T23:00:00Z"), "Europe/Paris")).toEqual({ date: "2026-11-21", weekday: 6, minutes: 0 });
    expect(localParts(at("2026-11-22T23:59:59.999Z"), "UTC")).toEqual({ date: "2026-11-22", weekday: 7, minutes: 1439 });
  });

  it("follows daylight saving", () => {
    expect(localParts(at("2026-03-29T00:59:00Z"), "Europe/Paris")).toEqual({ date: "2026-03-29", weekday: 7, minutes: 119 }); // 01:59 CET
    expect(localParts(at("2026-03-29T01:00:00Z"), "Europe/Paris")).toEqual({ date: "2026-03-29", weekday: 7, minutes: 180 }); // 03:00 CEST
    expect(localParts(at("2026-10-25T00:30:00Z"), "Europe/Paris")).toEqual({ date: "2026-10-25", weekday: 7, minutes: 150 }); // 02:30 CEST
    expect(localParts(at("2026-10-25T01:30:00Z"), "Europe/Paris")).toEqual({ date: "2026-10-25", weekday: 7, minutes: 150 }); // 02:30 CET
  });

  it("throws for an unknown zone", () => {
    expect(() => localParts(at("2026-11-20T00:00:00Z"), "Europe/Nowhere")).toThrow(RangeError);
  });
});

describe("dueDigest", () => {
  describe("at, before and after the time in each zone", () => {
    it("Europe/Paris 09:00 in winter is 08:00Z", () => {
      const s = sub("09:00", "Europe/Paris");
      expect(dueDigest(s, at("2026-11-20T07:59:59Z"))).toEqual(NOT_DUE);
      expect(dueDigest(s, at("2026-11-20T08:00:00Z"))).toEqual(due("2026-11-20"));
      expect(dueDigest(s, at("2026-11-20T08:14:00Z"))).toEqual(due("2026-11-20"));
    });

    it("Europe/Paris 09:00 in summer is 07:00Z", () => {
      const s = sub("09:00", "Europe/Paris");
      expect(dueDigest(s, at("2026-07-01T06:59:00Z"))).toEqual(NOT_DUE);
      expect(dueDigest(s, at("2026-07-01T07:00:00Z"))).toEqual(due("2026-07-01"));
    });

    it("America/Los_Angeles 09:00 in winter is 17:00Z", () => {
      const s = sub("09:00", "America/Los_Angeles");
      expect(dueDigest(s, at("2026-11-20T16:59:00Z"))).toEqual(NOT_DUE);
      expect(dueDigest(s, at("2026-11-20T17:00:00Z"))).toEqual(due("2026-11-20"));
      expect(dueDigest(s, at("2026-11-20T22:30:00Z"))).toEqual(due("2026-11-20"));
    });

    it("Asia/Kolkata 09:00 is 03:30Z (a half-hour offset)", () => {
      const s = sub("09:00", "Asia/Kolkata");
      expect(dueDigest(s, at("2026-11-20T03:29:00Z"))).toEqual(NOT_DUE);
      expect(dueDigest(s, at("2026-11-20T03:30:00Z"))).toEqual(due("2026-11-20"));
      expect(dueDigest(s, at("2026-11-20T03:45:00Z"))).toEqual(due("2026-11-20"));
    });

    it("the local date wins over the UTC date", () => {
      // 21:00 in Los Angeles on Thursday 2026-11-19 is 05:00Z on Friday the 20th.
      expect(dueDigest(sub("21:00", "America/Los_Angeles"), at("2026-11-20T05:00:00Z"))).toEqual(due("2026-11-19"));
      // 01:00 in Kolkata on Friday 2026-11-20 is 19:30Z on Thursday the 19th.
      expect(dueDigest(sub("01:00", "Asia/Kolkata"), at("2026-11-19T19:30:00Z"))).toEqual(due("2026-11-20"));
    });

    it("reads a leniently written time and refuses an unreadable one or an unknown zone (never throws)", () => {
      expect(dueDigest(sub("9:00", "Europe/Paris"), at("2026-11-20T08:00:00Z"))).toEqual(due("2026-11-20"));
      expect(dueDigest(sub("nine", "Europe/Paris"), at("2026-11-20T12:00:00Z"))).toEqual(NOT_DUE);
      expect(dueDigest(sub("09:00", "Europe/Nowhere"), at("2026-11-20T12:00:00Z"))).toEqual(NOT_DUE);
    });
  });

  describe("weekdays, in local terms", () => {
    // 18:00 PST is 02:00Z the next UTC day.
    const s = sub("18:00", "America/Los_Angeles", { days: "weekdays" });

    it("a Friday evening in Los Angeles (Saturday in UTC) is due", () => {
      expect(dueDigest(s, at("2026-11-21T02:00:00Z"))).toEqual(due("2026-11-20"));
    });

    it("Saturday and Sunday evenings in Los Angeles (Sunday and Monday in UTC) are not", () => {
      expect(dueDigest(s, at("2026-11-22T02:00:00Z"))).toEqual(NOT_DUE);
      expect(dueDigest(s, at("2026-11-23T02:00:00Z"))).toEqual(NOT_DUE);
      expect(dueDigest({ ...s, days: "daily" }, at("2026-11-23T02:00:00Z"))).toEqual(due("2026-11-22"));
    });

    it("Monday evening in Los Angeles is due again", () => {
      expect(dueDigest(s, at("2026-11-24T02:00:00Z"))).toEqual(due("2026-11-23"));
    });

    it("a Monday morning in Kolkata that is still Sunday in UTC is due", () => {
      // 01:00 IST on Monday 2026-11-23 is 19:30Z on Sunday the 22nd.
      const kolkata = sub("01:00", "Asia/Kolkata", { days: "weekdays" });
      expect(dueDigest(kolkata, at("2026-11-22T19:30:00Z"))).toEqual(due("2026-11-23"));
      // 01:00 IST on Saturday 2026-11-21 is 19:30Z on Friday the 20th.
      expect(dueDigest(kolkata, at("2026-11-20T19:30:00Z"))).toEqual(NOT_DUE);
    });
  });

  describe("once a local day: catch-up, never twice", () => {
    const s = sub("09:00", "Europe/Paris");

    it("a run that comes late the same local day still finds it due", () => {
      expect(dueDigest(s, at("2026-11-20T16:00:00Z"))).toEqual(due("2026-11-20")); // 17:00 CET
      expect(dueDigest(s, at("2026-11-20T22:59:00Z"))).toEqual(due("2026-11-20")); // 23:59 CET
    });

    it("is not due again once today's digest is posted", () => {
      const posted = { ...s, lastDigestDate: "2026-11-20" };
      expect(dueDigest(posted, at("2026-11-20T08:15:00Z"))).toEqual(NOT_DUE);
      expect(dueDigest(posted, at("2026-11-20T22:59:00Z"))).toEqual(NOT_DUE);
      // Past local midnight (23:00Z is 00:00 CET on the 21st), but before 09:00.
      expect(dueDigest(posted, at("2026-11-20T23:00:00Z"))).toEqual(NOT_DUE);
      expect(dueDigest(posted, at("2026-11-21T07:59:00Z"))).toEqual(NOT_DUE);
    });

    it("is due again the next local day", () => {
      const posted = { ...s, lastDigestDate: "2026-11-20" };
      expect(dueDigest(posted, at("2026-11-21T08:00:00Z"))).toEqual(due("2026-11-21"));
      // A missed day is not made up: the digest is for the current local date.
      expect(dueDigest({ ...s, lastDigestDate: "2026-11-18" }, at("2026-11-20T08:00:00Z"))).toEqual(due("2026-11-20"));
    });

    it("the day in the digest's own zone counts, not UTC's", () => {
      // Los Angeles posted on Thursday the 19th at 09:00 PST (17:00Z); at 01:00Z on the 20th (UTC) it is still the 19th there.
      const la = sub("09:00", "America/Los_Angeles", { lastDigestDate: "2026-11-19" });
      expect(dueDigest(la, at("2026-11-20T01:00:00Z"))).toEqual(NOT_DUE);
      expect(dueDigest(la, at("2026-11-20T17:00:00Z"))).toEqual(due("2026-11-20"));
    });

    it("is not due when the last digest is dated later than today (the zone was moved westwards)", () => {
      // Posted for Saturday the 21st in Tokyo at 09:00 JST (00:00Z on the 21st), then moved to Los Angeles,
      // where at 01:00Z it is Friday the 20th, 17:00 PST: past 09:00, but the channel had its digest an hour ago.
      const moved = sub("09:00", "America/Los_Angeles", { lastDigestDate: "2026-11-21" });
      expect(dueDigest(moved, at("2026-11-21T01:00:00Z"))).toEqual(NOT_DUE);
      expect(dueDigest(moved, at("2026-11-21T17:00:00Z"))).toEqual(NOT_DUE); // Saturday the 21st, 09:00 PST

      expect(dueDigest(moved, at("2026-11-22T17:00:00Z"))).toEqual(due("2026-11-22"));
    });

    it("a disabled subscription is never due", () => {
      expect(dueDigest({ ...s, status: "disabled" }, at("2026-11-20T08:00:00Z"))).toEqual(NOT_DUE);
      expect(dueDigest({ ...s, status: "disabled" }, at("2026-11-20T20:00:00Z"))).toEqual(NOT_DUE);
    });
  });

  describe("daylight saving, Europe/Paris", () => {
    it("09:00 on the spring-forward day (2026-03-29) is 07:00Z", () => {
      const s = sub("09:00", "Europe/Paris");
      expect(dueDigest(s, at("2026-03-28T07:59:00Z"))).toEqual(NOT_DUE); // Sat 08:59 CET
      expect(dueDigest(s, at("2026-03-28T08:00:00Z"))).toEqual(due("2026-03-28")); // Sat 09:00 CET
      expect(dueDigest(s, at("2026-03-29T06:59:00Z"))).toEqual(NOT_DUE); // Sun 08:59 CEST
      expect(dueDigest(s, at("2026-03-29T07:00:00Z"))).toEqual(due("2026-03-29")); // Sun 09:00 CEST
    });

    it("09:00 on the fall-back day (2026-10-25) is 08:00Z", () => {
      const s = sub("09:00", "Europe/Paris");
      expect(dueDigest(s, at("2026-10-24T07:00:00Z"))).toEqual(due("2026-10-24")); // Sat 09:00 CEST
      expect(dueDigest(s, at("2026-10-25T07:00:00Z"))).toEqual(NOT_DUE); // Sun 08:00 CET
      expect(dueDigest(s, at("2026-10-25T07:59:00Z"))).toEqual(NOT_DUE); // Sun 08:59 CET
      expect(dueDigest(s, at("2026-10-25T08:00:00Z"))).toEqual(due("2026-10-25")); // Sun 09:00 CET
    });

    it("02:30, which does not exist on 2026-03-29, is due once the clock jumps to 03:00 (01:00Z)", () => {
      const s = sub("02:30", "Europe/Paris", { lastDigestDate: "2026-03-28" });
      expect(dueDigest(s, at("2026-03-29T00:30:00Z"))).toEqual(NOT_DUE); // 01:30 CET
      expect(dueDigest(s, at("2026-03-29T00:59:59Z"))).toEqual(NOT_DUE); // 01:59:59 CET
      expect(dueDigest(s, at("2026-03-29T01:00:00Z"))).toEqual(due("2026-03-29")); // 03:00 CEST
      expect(dueDigest(s, at("2026-03-29T01:15:00Z"))).toEqual(due("2026-03-29")); // 03:15 CEST
      expect(dueDigest({ ...s, lastDigestDate: "2026-03-29" }, at("2026-03-29T01:15:00Z"))).toEqual(NOT_DUE);
    });

    it("02:30, which happens twice on 2026-10-25, is due at the first and not again at the second", () => {
      const s = sub("02:30", "Europe/Paris", { lastDigestDate: "2026-10-24" });
      expect(dueDigest(s, at("2026-10-25T00:29:00Z"))).toEqual(NOT_DUE); // 02:29 CEST
      expect(dueDigest(s, at("2026-10-25T00:30:00Z"))).toEqual(due("2026-10-25")); // 02:30 CEST
      // Not posted yet, the repeated hour is still "reached or past" (02:00–02:59 CET): catch-up.
      expect(dueDigest(s, at("2026-10-25T01:30:00Z"))).toEqual(due("2026-10-25")); // 02:30 CET
      // Posted at the first 02:30: the second one (and the rest of the day) is not due.
      const posted = { ...s, lastDigestDate: "2026-10-25" };
      expect(dueDigest(posted, at("2026-10-25T01:00:00Z"))).toEqual(NOT_DUE); // 02:00 CET
      expect(dueDigest(posted, at("2026-10-25T01:30:00Z"))).toEqual(NOT_DUE); // 02:30 CET
      expect(dueDigest(posted, at("2026-10-25T01:45:00Z"))).toEqual(NOT_DUE); // 02:45 CET
    });
  });

  describe("daylight saving, America/Los_Angeles", () => {
    it("09:00 on the spring-forward day (2026-03-08) is 16:00Z", () => {
      const s = sub("09:00", "America/Los_Angeles");
      expect(dueDigest(s, at("2026-03-07T17:00:00Z"))).toEqual(due("2026-03-07")); // Sat 09:00 PST
      expect(dueDigest(s, at("2026-03-08T15:59:00Z"))).toEqual(NOT_DUE); // Sun 08:59 PDT
      expect(dueDigest(s, at("2026-03-08T16:00:00Z"))).toEqual(due("2026-03-08")); // Sun 09:00 PDT
    });

    it("09:00 on the fall-back day (2026-11-01) is 17:00Z", () => {
      const s = sub("09:00", "America/Los_Angeles");
      expect(dueDigest(s, at("2026-10-31T16:00:00Z"))).toEqual(due("2026-10-31")); // Sat 09:00 PDT
      expect(dueDigest(s, at("2026-11-01T16:00:00Z"))).toEqual(NOT_DUE); // Sun 08:00 PST
      expect(dueDigest(s, at("2026-11-01T16:59:00Z"))).toEqual(NOT_DUE); // Sun 08:59 PST
      expect(dueDigest(s, at("2026-11-01T17:00:00Z"))).toEqual(due("2026-11-01")); // Sun 09:00 PST
    });

    it("01:30, which happens twice on 2026-11-01, posts once", () => {
      const s = sub("01:30", "America/Los_Angeles", { lastDigestDate: "2026-10-31" });
      expect(dueDigest(s, at("2026-11-01T08:29:00Z"))).toEqual(NOT_DUE); // 01:29 PDT
      expect(dueDigest(s, at("2026-11-01T08:30:00Z"))).toEqual(due("2026-11-01")); // 01:30 PDT
      expect(dueDigest({ ...s, lastDigestDate: "2026-11-01" }, at("2026-11-01T09:30:00Z"))).toEqual(NOT_DUE); // 01:30 PST
    });
  });
});

describe("nextDigestAt", () => {
  const iso = (s: Pick<Subscription, "time" | "timeZone" | "days">, now: string) => nextDigestAt(s, at(now)).toISOString();

  it("is later today when the time has not come, tomorrow when it has (strictly after now)", () => {
    const s = sub("09:00", "Asia/Kolkata");
    expect(iso(s, "2026-11-20T03:29:00Z")).toBe("2026-11-20T03:30:00.000Z");
    expect(iso(s, "2026-11-20T03:30:00Z")).toBe("2026-11-21T03:30:00.000Z");
    expect(iso(s, "2026-11-20T12:00:00Z")).toBe("2026-11-21T03:30:00.000Z");
  });

  it("uses the local date, not UTC's", () => {
    // 05:00Z on the 20th is 21:00 PST on the 19th: next 09:00 PST is the 20th at 17:00Z.
    expect(iso(sub("09:00", "America/Los_Angeles"), "2026-11-20T05:00:00Z")).toBe("2026-11-20T17:00:00.000Z");
    // 23:30Z on the 20th is 00:30 CET on the 21st: next 09:00 CET is the 21st at 08:00Z.
    expect(iso(sub("09:00", "Europe/Paris"), "2026-11-20T23:30:00Z")).toBe("2026-11-21T08:00:00.000Z");
  });

  it("keeps 09:00 local across the Paris changes", () => {
    const s = sub("09:00", "Europe/Paris");
    // Saturday 2026-03-28 10:00 CET → Sunday 09:00 CEST.
    expect(iso(s, "2026-03-28T09:00:00Z")).toBe("2026-03-29T07:00:00.000Z");
    // Saturday 2026-10-24 10:00 CEST → Sunday 09:00 CET.
    expect(iso(s, "2026-10-24T08:00:00Z")).toBe("2026-10-25T08:00:00.000Z");
  });

  it("keeps 09:00 local across the Los Angeles changes, skipping the weekend for weekdays", () => {
    // Friday 2026-03-06 09:00 PST exactly → Monday 2026-03-09 09:00 PDT.
    expect(iso(sub("09:00", "America/Los_Angeles", { days: "weekdays" }), "2026-03-06T17:00:00Z")).toBe("2026-03-09T16:00:00.000Z");
    // Friday 2026-10-30 10:00 PDT → Monday 2026-11-02 09:00 PST.
    expect(iso(sub("09:00", "America/Los_Angeles", { days: "weekdays" }), "2026-10-30T17:00:00Z")).toBe("2026-11-02T17:00:00.000Z");
    // Daily: Saturday 2026-10-31 09:00 PDT exactly → the fall-back Sunday's 09:00 PST.
    expect(iso(sub("09:00", "America/Los_Angeles"), "2026-10-31T17:00:00Z")).toBe("2026-11-01T17:00:00.000Z");
  });

  it("weekdays: a Friday evening in Los Angeles (Saturday in UTC) goes to Monday", () => {
    // Friday 2026-11-20 19:00 PST (03:00Z Saturday) → Monday 2026-11-23 18:00 PST = 02:00Z Tuesday.
    expect(iso(sub("18:00", "America/Los_Angeles", { days: "weekdays" }), "2026-11-21T03:00:00Z")).toBe("2026-11-24T02:00:00.000Z");
    // Friday 17:59 PST → that same evening.
    expect(iso(sub("18:00", "America/Los_Angeles", { days: "weekdays" }), "2026-11-21T01:59:00Z")).toBe("2026-11-21T02:00:00.000Z");
  });

  it("a time inside the spring-forward gap is when the clock jumps past it", () => {
    // 02:30 does not exist in Paris on 2026-03-29: 03:00 CEST = 01:00Z.
    expect(iso(sub("02:30", "Europe/Paris"), "2026-03-28T12:00:00Z")).toBe("2026-03-29T01:00:00.000Z");
    // The day after, 02:30 CEST = 00:30Z.
    expect(iso(sub("02:30", "Europe/Paris"), "2026-03-29T01:00:00Z")).toBe("2026-03-30T00:30:00.000Z");
    // 02:30 does not exist in Los Angeles on 2026-03-08: 03:00 PDT = 10:00Z.
    expect(iso(sub("02:30", "America/Los_Angeles"), "2026-03-07T20:00:00Z")).toBe("2026-03-08T10:00:00.000Z");
  });

  it("a time repeated by the fall-back is its first occurrence", () => {
    // 02:30 happens twice in Paris on 2026-10-25: first at 02:30 CEST = 00:30Z.
    expect(iso(sub("02:30", "Europe/Paris"), "2026-10-24T12:00:00Z")).toBe("2026-10-25T00:30:00.000Z");
    // After the first, the next is the following day's 02:30 CET = 01:30Z on the 26th.
    expect(iso(sub("02:30", "Europe/Paris"), "2026-10-25T00:30:00Z")).toBe("2026-10-26T01:30:00.000Z");
    // 01:30 happens twice in Los Angeles on 2026-11-01: first at 01:30 PDT = 08:30Z.
    expect(iso(sub("01:30", "America/Los_Angeles"), "2026-10-31T20:00:00Z")).toBe("2026-11-01T08:30:00.000Z");
  });

  it("agrees with dueDigest: due from the instant it gives, not a minute before", () => {
    const cases: [Schedule, string][] = [
      [sub("09:00", "Europe/Paris"), "2026-03-28T09:00:00Z"],
      [sub("02:30", "Europe/Paris"), "2026-03-28T12:00:00Z"],
      [sub("02:30", "Europe/Paris"), "2026-10-24T12:00:00Z"],
      [sub("09:00", "America/Los_Angeles", { days: "weekdays" }), "2026-03-06T17:00:00Z"],
      [sub("09:00", "Asia/Kolkata"), "2026-11-20T12:00:00Z"],
    ];
    const verdicts = cases.map(([s, now]) => {
      const next = nextDigestAt(s, at(now));
      const posted = { ...s, lastDigestDate: localParts(at(now), s.timeZone).date };
      return [dueDigest(posted, new Date(next.getTime() - 60_000)).due, dueDigest(posted, next)];
    });
    expect(verdicts).toEqual([
      [false, due("2026-03-29")],
      [false, due("2026-03-29")],
      [false, due("2026-10-25")],
      [false, due("2026-03-09")],
      [false, due("2026-11-21")],
    ]);
  });

  it("throws for an unreadable time or an unknown zone", () => {
    expect(() => nextDigestAt(sub("nine", "Europe/Paris"), at("2026-11-20T00:00:00Z"))).toThrow(RangeError);
    expect(() => nextDigestAt(sub("09:00", "Europe/Nowhere"), at("2026-11-20T00:00:00Z"))).toThrow(RangeError);
  });
});
