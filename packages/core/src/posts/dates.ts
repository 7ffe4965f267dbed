/**
 * Feed dates: RFC 822/2822 (RSS pubDate) with the zone spellings found in the wild, and ISO 8601 /
 * W3CDTF (Atom, dc:date, JSON Feed). Parsed by hand rather than with Date.parse, which reads
 * zone-less strings as *local* time and rejects zones such as "CEST" or "+05:30" in RFC 822.
 * Zone-less dates are taken as UTC.
 */
export function parseFeedDate(raw: string | undefined): Date | undefined {
  const text = raw?.trim();
  if (!text) return undefined;
  // A string shaped like ISO or RFC 822 but invalid ("31 Feb") is rejected, not handed to
  // Date.parse, which would roll it over into March.
  const iso = ISO.exec(text);
  const rfc = iso ? null : RFC822.exec(text);
  const date = iso ? fromIso(iso) : rfc ? fromRfc822(rfc) : parseFallback(text);
  // Generators print 0001-01-01 or the Unix epoch for "no date"; no web feed predates 1990.
  return date && date.getTime() >= EARLIEST && date.getUTCFullYear() <= 9999 ? date : undefined;
}

const EARLIEST = Date.UTC(1990, 0, 1);

const ISO =
  /^(\d{4})(?:-?(\d{2})(?:-?(\d{2})(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?)?)?)?$/i;

function fromIso(m: RegExpExecArray): Date | undefined {
  const [, y, mo = "1", d = "1", h = "0", mi = "0", s = "0", frac = "", zone = ""] = m;
  const ms = Number(frac.slice(0, 3).padEnd(3, "0"));
  return build(Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s), ms, zoneOffset(zone));
}

const RFC822 =
  /^(?:[^\d\s,]+\.?,?\s*)?(\d{1,2})[\s-]+([A-Za-z]{3,9})\.?,?[\s-]+(\d{2,4})(?:[\sT,]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(.*)$/;

function fromRfc822(m: RegExpExecArray): Date | undefined {
  const [, d, monthName = "", y = "", h = "0", mi = "0", s = "0", zone = ""] = m;
  const month = MONTHS.indexOf(monthName.slice(0, 3).toLowerCase()) + 1;
  if (month === 0) return undefined;
  let year = Number(y);
  if (y.length === 2)
    year += year < 50 ? 2000 : 1900; // RFC 2822 §4.3
  else if (y.length === 3) year += 1900;
  return build(year, month, Number(d), Number(h), Number(mi), Number(s), 0, zoneOffset(zone));
}

/** Last resort for shapes like "Fri Jan 05 2024 10:00:00 GMT+0000" (JavaScript's toString). */
function parseFallback(text: string): Date | undefined {
  const time = Date.parse(text);
  return Number.isNaN(time) ? undefined : new Date(time);
}

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/** Offsets in minutes east of UTC for the abbreviations feeds actually use. */
const ZONES: Record<string, number> = {
  UT: 0,
  UTC: 0,
  GMT: 0,
  Z: 0,
  WET: 0,
  EST: -300,
  EDT: -240,
  CST: -360,
  CDT: -300,
  MST: -420,
  MDT: -360,
  PST: -480,
  PDT: -420,
  AKST: -540,
  AKDT: -480,
  HST: -600,
  AST: -240,
  ADT: -180,
  NST: -210,
  NDT: -150,
  BST: 60,
  IST: 330,
  CET: 60,
  CEST: 120,
  MET: 60,
  MEST: 120,
  WEST: 60,
  EET: 120,
  EEST: 180,
  MSK: 180,
  JST: 540,
  KST: 540,
  HKT: 480,
  SGT: 480,
  AWST: 480,
  ACST: 570,
  ACDT: 630,
  AEST: 600,
  AEDT: 660,
  NZST: 720,
  NZDT: 780,
  BRT: -180,
  ART: -180,
};

/**
 * Minutes east of UTC, or undefined when the zone text is garbage. Unknown alphabetic zones (and
 * RFC 822 military letters, whose signs were famously inverted) count as UTC: being off by hours
 * beats dropping the date.
 */
function zoneOffset(zone: string): number | undefined {
  const z = zone
    .replace(/\([^)]*\)/g, "")
    .trim()
    .toUpperCase();
  if (!z) return 0;
  const numeric = /^(?:(?:GMT|UTC|UT)\s*)?([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(z);
  if (numeric) {
    const [, sign, hh = "0", mm = "0"] = numeric;
    const minutes = Number(hh) * 60 + Number(mm);
    return minutes > 18 * 60 ? undefined : sign === "-" ? -minutes : minutes;
  }
  if (z in ZONES) return ZONES[z];
  return /^[A-Z]{1,5}$/.test(z) ? 0 : undefined;
}

function build(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  ms: number,
  offsetMinutes: number | undefined,
): Date | undefined {
  if (offsetMinutes === undefined || hour > 24 || minute > 59 || second > 60) return undefined;
  const local = Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59), ms);
  const check = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC rolls "31 Feb" over into March; that is a broken date, not March 3rd.
  if (month < 1 || month > 12 || check.getUTCDate() !== day || check.getUTCMonth() !== month - 1) {
    return undefined;
  }
  return new Date(local - offsetMinutes * 60_000);
}
