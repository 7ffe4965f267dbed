import { cleanText } from "./dom";

/**
 * Speaker lines ("Jane Doe, Intuit & Raj Patel (Red Hat)") and the separators around them.
 * Everything here works on one entry's collapsed text (bounded length), with simple regexes.
 */
export interface Byline {
  speakers: string[];
  organizations: string[];
}

const PREFIX =
  /^(?:(?:speakers?|presenters?|panell?ists?|hosts?|moderators?|presented by|by)\s*:\s*|(?:presented|delivered|given|hosted) by\s+|by\s+|with\s+)/i;

/** A byline, or undefined when the text is not one (a sentence, a title, a note). */
export function parseByline(text: string): Byline | undefined {
  const line = text
    .trim()
    .replace(PREFIX, "")
    .replace(/[\s.,;:]+$/, "");
  if (line.length < 3 || line.length > 240) return undefined;
  const people = line.includes("(") ? parenthesized(line) : grouped(line);
  if (!people || people.length === 0 || people.length > 12) return undefined;
  for (const p of people) {
    p.name = cleanText(p.name);
    if (p.org !== undefined) p.org = cleanText(p.org);
  }
  if (!people.every((p) => isName(p.name) && (p.org === undefined || isOrg(p.org)))) return undefined;
  const organizations: string[] = [];
  for (const p of people) if (p.org && !organizations.includes(p.org)) organizations.push(p.org);
  return { speakers: unique(people.map((p) => p.name)), organizations };
}

interface Person {
  name: string;
  org?: string;
}

/** "Jane Doe (Intuit), Raj Patel and Ann Lee (Red Hat)": each parenthesis names the org of the names before it. */
function parenthesized(line: string): Person[] | undefined {
  const people: Person[] = [];
  let rest = line;
  for (let m = /^([^()]*)\(([^()]*)\)/.exec(rest); m; m = /^([^()]*)\(([^()]*)\)/.exec(rest)) {
    const org = m[2]!.trim();
    const names = splitNames(m[1]!);
    if (names.length === 0) return undefined;
    for (const name of names) people.push(org.startsWith("@") ? { name } : { name, org });
    rest = rest.slice(m[0].length);
  }
  if (rest.includes("(") || rest.includes(")")) return undefined;
  const tail = rest.trim() ? grouped(rest) : [];
  return tail ? [...people, ...tail] : undefined;
}

/** "Jane Doe, Intuit & Raj Patel, Red Hat" / "Jane Doe from Intuit" / "Jane Doe and Raj Patel". */
function grouped(line: string): Person[] | undefined {
  const people: Person[] = [];
  for (const group of line.split(/\s*(?:;|&|\+|\band\b)\s*/i)) {
    const text = group.trim();
    if (!text) continue;
    const at = /^(.+?)\s+(?:from|of|at|@)\s+(.+)$/i.exec(text);
    if (at) {
      people.push({ name: at[1]!.trim(), org: at[2]!.trim() });
      continue;
    }
    const parts = text.split(/\s*,\s*/).filter(Boolean);
    // "Jane Doe, Intuit" pairs a name with an org; "A, B, C," (an Oxford list) is names only.
    if (parts.length === 2 && !text.endsWith(",")) people.push({ name: parts[0]!, org: parts[1]! });
    else for (const name of parts) people.push({ name });
  }
  return people;
}

function splitNames(text: string): string[] {
  return text
    .split(/\s*(?:,|;|&|\+|\band\b)\s*/i)
    .map((s) => s.trim())
    .filter(Boolean);
}

const PARTICLES = new Set([
  "van",
  "von",
  "de",
  "der",
  "den",
  "da",
  "di",
  "du",
  "la",
  "le",
  "del",
  "della",
  "dos",
  "das",
  "bin",
  "ibn",
  "al",
  "el",
  "zu",
  "ten",
  "ter",
  "y",
]);

/** Capitalised words that begin titles and sentences, not names. */
const NOT_NAMES = new Set(
  (
    "the a an how why what when where who our my your this that these those keynote keynotes panel lightning day track intro " +
    "introduction great best key lessons watch video slides recording thanks thank session talk workshop opening closing " +
    "of for to in on with and is are was it its highlights recap takeaways takeaway"
  ).split(" "),
);

/** 2–5 words, each capitalised (or a particle, or an initial), no digits or sentence punctuation. */
export function isName(text: string): boolean {
  if (text.length < 3 || text.length > 60 || /[\d?!:;/"“”<>*_~=|#]|https?/i.test(text)) return false;
  const words = text.split(/\s+/);
  if (words.length > 5) return false;
  if (words.length < 2 && !/^\p{Lo}{2,}$/u.test(text)) return false;
  return words.every((w) => !NOT_NAMES.has(w.toLowerCase()) && (PARTICLES.has(w) || /^(\p{Lu}|\p{Lt}|\p{Lo})[\p{L}\p{M}'’.-]*$/u.test(w)));
}

function isOrg(text: string): boolean {
  return text.length >= 1 && text.length <= 60 && text.split(/\s+/).length <= 6 && !/[?!:;"“”]|https?:|\.\s/i.test(text);
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

/** Separators between title, byline and note, strongest first; the weak ones only count before a byline. */
const STRONG = [/\s*—\s*/, /\s+–\s*|\s*–\s+/, /\s+\|\s+/, /\s+-\s+/];
const WEAK = [/\s+(?=(?:presented |delivered )?by\s)/i, /\s+(?=with\s)/i, /:\s+/];

export interface Parts {
  title: string;
  byline?: Byline;
  note: string;
}

/** "Title — Jane Doe, Intuit — takeaway" and friends, for an entry whose title is its leading text. */
export function splitLeading(text: string): Parts {
  const marker = /[\s.,;]+(?=(?:speakers?|presenters?)\s*:|presented by\s)/i.exec(text);
  if (marker && marker.index > 0) return { title: text.slice(0, marker.index), ...splitRest(text.slice(marker.index)) };
  for (const sep of STRONG) {
    const m = sep.exec(text);
    if (m && m.index > 0) return { title: text.slice(0, m.index), ...splitRest(text.slice(m.index + m[0].length)) };
  }
  for (const sep of WEAK) {
    const m = sep.exec(text);
    if (!m || m.index === 0) continue;
    const rest = splitRest(text.slice(m.index + m[0].length));
    if (rest.byline) return { title: text.slice(0, m.index), ...rest };
  }
  return { title: text, note: "" };
}

/** What follows a title: an optional byline (maybe in parentheses), then the author's note. */
export function splitRest(text: string): { byline?: Byline; note: string } {
  const rest = stripLead(text);
  const paren = /^\(([^()]*)\)/.exec(rest);
  const inParens = paren ? parseByline(paren[1]!) : undefined;
  if (paren && inParens) return { byline: inParens, note: stripLead(rest.slice(paren[0].length)) };
  const body = rest.replace(PREFIX, "");
  const cut = /\s*[—–|]\s*|\s+-\s+|:\s+|(?<=\p{L}{2}|\))\.\s+/u.exec(body);
  const byline = parseByline(cut ? body.slice(0, cut.index) : body);
  if (byline) return { byline, note: cut ? stripLead(body.slice(cut.index + cut[0].length)) : "" };
  return { note: rest };
}

export function stripLead(text: string): string {
  return text.replace(/^[\s,;:|—–.-]+/, "").trim();
}
