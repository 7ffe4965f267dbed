import { cleanText, MAX_PARSED_TEXT, trimEndOf } from "./dom";

/**
 * Speaker lines ("Jane Doe, Intuit & Raj Patel (Red Hat)") and the separators around them.
 * Everything here works on one entry's collapsed text (bounded length), with simple regexes.
 */
export interface Byline {
  speakers: string[];
  organizations: string[];
}

const PREFIX =
  /^(?:(?:🎙|🎤|🗣)\uFE0F?\s*:?\s*|(?:speakers?|presenters?|panell?ists?|hosts?|moderators?|presented by|by|intervenants?|orateurs?|referenten?|sprecher(?:innen)?|ponentes?)\s*:\s*|(?:presented|delivered|given|hosted|moderated|led|run) by\s+|(?:vorgestellt|präsentiert|gehalten) von\s+|présentée?s? par\s+|(?:presentad[oa]s?|impartid[oa]s?) por\s+|přednášel[ai]?\s+|(?:přednášející|řeční(?:k|ci|ce))\s*:\s*|(?:by|par|von|por|door|de|avec|mit|con)\s+|with\s+)/i;

const NICKNAME = /(?<=\p{L})\s\((\p{Lu}[\p{L}'’.-]{0,20})\)\s(?=\p{Lu})/gu;
const EVENT_TAIL = /\)\s+(?:at|during|for)\s+\p{Lu}[^()]{0,60}$/u;

/** A byline, or undefined when the text is not one (a sentence, a title, a note). */
export function parseByline(text: string): Byline | undefined {
  const line = trimEndOf(text.slice(0, MAX_PARSED_TEXT).trim().replace(PREFIX, ""), " \t\n\r.,;:")
    // "Maria Gomez (Acme) at BackstageCon": where it was given is the section's business, not a person.
    .replace(EVENT_TAIL, ")")
    // "Robert (Bob) Smith": a nickname between the names, not an organization.
    .replace(NICKNAME, " ⦅$1⦆ ");
  if (line.length < 3 || line.length > 240) return undefined;
  const people = line.includes("(") ? parenthesized(line) : grouped(line);
  if (!people || people.length === 0 || people.length > 12) return undefined;
  for (const p of people) {
    p.name = cleanText(p.name);
    if (p.org !== undefined) p.org = cleanText(p.org).replace(/^the\s+(?=\p{Lu})/u, "");
  }
  if (!people.every((p) => isName(p.name) && (p.org === undefined || isOrg(p.org)))) return undefined;
  const organizations: string[] = [];
  for (const p of people) if (p.org && !organizations.includes(p.org)) organizations.push(p.org);
  return { speakers: unique(people.map((p) => p.name.replace(/⦅/g, "(").replace(/⦆/g, ")"))), organizations };
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
    // "Xuan Huang (黄玄)": a Latin name with the same name in Han, kana or Hangul after it is one name.
    if (
      names.length === 1 &&
      /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]{1,8}$/u.test(org) &&
      /\p{Script=Latin}/u.test(names[0]!)
    ) {
      people.push({ name: `${names[0]} (${org})` });
      rest = rest.slice(m[0].length);
      continue;
    }
    for (const name of names) people.push(org.startsWith("@") ? { name } : { name, org });
    rest = rest.slice(m[0].length);
  }
  if (rest.includes("(") || rest.includes(")")) return undefined;
  const tail = rest.trim() ? grouped(rest) : [];
  return tail ? [...people, ...tail] : undefined;
}

/**
 * "Jane Doe, Intuit & Raj Patel, Red Hat" / "Jane Doe from Intuit" / "Jane Doe and Raj Patel".
 * People are split at a spaced "&", "and", "+" or ";" — an unspaced "&" (AT&T) is part of a word.
 */
function grouped(line: string): Person[] | undefined {
  const people: Person[] = [];
  const pieces = joinJobTitles(line.split(/(\s+&\s+|\s+(?:and|et|und|y|e|en)\s+|\s*\+\s*|\s*;\s*|\s+\/\s+)/i));
  for (let i = 0; i < pieces.length; i += 2) {
    const text = pieces[i]!.trim();
    if (!text) continue;
    const joiner = (pieces[i - 1] ?? "").trim();
    const last = people[people.length - 1];
    // "Jane Doe, Procter & Gamble": a piece that is no name, right after an org, is the rest of that
    // org's name — unless it is a person of its own ("… & Whitney Lee from VMware").
    // "… from the Norwegian Labor and Welfare Administration": after "the", an org's name runs on through "and".
    const institution = last?.org !== undefined && /^the\s/i.test(last.org) && /^(?:and|und|et|&)$/i.test(joiner);
    if (last?.org && joiner !== ";" && !text.includes(",") && !isPersonAtOrg(text) && (institution || !isName(text))) {
      last.org = `${last.org} ${joiner} ${text}`;
      continue;
    }
    people.push(...person(text));
  }
  return people;
}

/**
 * "Sebastian Scheele, Co-founder and CEO, Loodse": an "and" between two job titles joins the titles of
 * one person, not two people. Pieces alternate text and joiner; the joined piece keeps both.
 */
function joinJobTitles(pieces: string[]): string[] {
  const out = [...pieces];
  for (let i = 2; i < out.length; i += 2) {
    const before = out[i - 2]!.split(/\s*,\s*/).pop() ?? "";
    const after = out[i]!.split(/\s*,\s*/)[0] ?? "";
    if (!/^(?:and|&|et|und|y|e)$/i.test(out[i - 1]!.trim()) || !isJobTitle(after) || isName(after)) continue;
    if (!isJobTitle(before) || isName(before)) continue;
    out.splice(i - 2, 3, `${out[i - 2]} ${out[i - 1]!.trim()} ${out[i]}`);
    i -= 2;
  }
  return out;
}

/**
 * One piece of a byline: "Jane Doe, Intuit", "Jane Doe from Intuit", "Chris Aniszczyk, CTO, CNCF",
 * "Jane Doe, Staff Engineer at Intuit", or an Oxford list of names "A, B, C,". Job titles are
 * dropped: we keep people and organizations, and a title read as an org would be wrong data.
 */
function person(text: string): Person[] {
  const [first, ...others] = text.split(/\s*,\s*/).filter(Boolean);
  if (!first) return [];
  const pairs = alternating([first, ...others]);
  if (pairs) return pairs;
  let org: string | undefined;
  const rest: string[] = [];
  for (const part of others) {
    const titleAt = isJobTitle(part) ? /\s(?:at|@|of)\s+(.+)$/i.exec(part) : undefined;
    if (titleAt) org = titleAt[1]!;
    else if (!isJobTitle(part)) rest.push(part);
  }
  const at = /^(.+?)\s+(?:from|of|at|@)\s+(.+)$/i.exec(first);
  if (at && rest.length === 0 && !org) return [{ name: at[1]!.trim(), org: at[2]!.trim() }];
  if (org !== undefined && rest.length === 0) return [{ name: first, org }];
  if (rest.length === 1 && !text.endsWith(",")) return [{ name: first, org: rest[0]! }];
  // "Ian Coldwater, Duffie Cooley, Rory McCune, Datadog": names, then the organization they came from.
  const last = rest[rest.length - 1];
  if (rest.length >= 2 && last !== undefined && !isName(last) && [first, ...rest.slice(0, -1)].every(isName))
    return [first, ...rest.slice(0, -1)].map((name) => ({ name, org: last }));
  // Names only; a job title with no org after it ("Jane Doe, Staff Engineer") leaves the name alone.
  return rest.length === 0 && others.length > 0 ? [{ name: first }] : [first, ...rest].map((name) => ({ name }));
}

/**
 * "Nick Young, Isovalent, Rob Scott, Google": schedules write each speaker's organization right after
 * their name, all separated by commas. Read so when the parts alternate name, organization — and an
 * organization before the last part is no name ("Isovalent"), so "Ian Coldwater, Duffie Cooley, Rory
 * McCune, Datadog" (names, then their shared organization) stays that.
 */
function alternating(parts: string[]): Person[] | undefined {
  if (parts.length < 4 || parts.length % 2 !== 0) return undefined;
  const names = parts.filter((_, i) => i % 2 === 0);
  const orgs = parts.filter((_, i) => i % 2 === 1);
  if (!names.every(isName) || !orgs.every((o) => isOrg(o) && !isJobTitle(o))) return undefined;
  if (!orgs.slice(0, -1).some((o) => !isName(o))) return undefined;
  return names.map((name, i) => ({ name, org: orgs[i]! }));
}

function isPersonAtOrg(text: string): boolean {
  const at = /^(.+?)\s+(?:from|at|@)\s+(.+)$/i.exec(text);
  return at !== null && isName(at[1]!.trim()) && isOrg(at[2]!.trim());
}

/** "CTO", "VP of Engineering", "Principal Engineer", "Co-founder": what a person is, not where. */
const JOB_TITLE =
  /^(?:[\p{L}-]+\s+){0,3}(?:ceo|cto|cio|coo|cfo|cpo|ciso|vp|svp|evp|founder|co-?founder|president|chair|director|head|lead|manager|engineer|architect|developer|advocate|evangelist|fellow|maintainer|officer|scientist|researcher|consultant|sre|devrel|ambassador|professor|emeritus|lecturer|student|intern)\b/iu;

export function isJobTitle(text: string): boolean {
  return JOB_TITLE.test(text);
}

function splitNames(text: string): string[] {
  return text
    .split(/\s*(?:,|;|&|\+|\s\/\s|\b(?:and|et|und|y|e|en)\b)\s*/i)
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

/**
 * Words that name things, never people, even capitalised: technology terms ("Functor", "Kubernetes",
 * "Cluster"), fields of study ("Computer Science") and the kinds of organization ("Labs", "Systems").
 * A name with one of them in it is a product, a field or a company — or a fragment of a talk's title.
 * Only words that are no one's given name or surname are here ("Mark", "Elder", "Foster" are not).
 */
const THING_WORDS = new Set(
  (
    "kubernetes k8s cloud clusters cluster container containers docker serverless functor functors monad monads api apis sdk cli " +
    "ci cd ai ml llm llms gpu data database databases cache scheduling scheduler observability telemetry tracing metrics logging " +
    "security devops gitops platform platforms infrastructure network networking networks service services microservices server " +
    "servers web mobile app apps application applications software hardware code compiler runtime framework frameworks library " +
    "libraries operator operators controller controllers pipeline pipelines workflow workflows agent agents agentic model models " +
    "inventory engine engines compute storage mesh proxy gateway autoscaler testing tests user users stories scaling performance " +
    "architecture patterns deployment deployments automation analytics intelligence learning machine quantum blockchain protocol " +
    "protocols backend frontend javascript typescript python java golang kotlin rails react programming programs functional " +
    "science sciences engineering mathematics physics chemistry biology economics studies computing informatics statistics " +
    "management research technology technologies computer computers " +
    "labs lab inc ltd llc gmbh corp corporation company systems solutions consulting foundation university institute college " +
    "academy studios ventures hat " +
    // Places and venues: "Salt Lake City", "United Kingdom", "Moscone Center".
    "city county kingdom republic united states island islands valley center centre convention expo arena stadium hotel"
  ).split(" "),
);

/** Name-part prefixes before a capital inside one word: "McCune", "MacDonald", "DeShawn", "LaToya", "VanDyke". */
const INNER_CAPITAL_PREFIX = /^(?:mc|mac|o|d|de|di|da|du|la|le|van|von|fitz|st|del|della)$/i;

/**
 * A word that names a thing: one of THING_WORDS, or one with a capital inside it that no surname's
 * prefix explains ("GitOps", "ServiceNow", "TomEE", "JavaScript" — not "McCune", "O’Brien", "Kim-Adeline").
 */
export function isThingWord(word: string): boolean {
  if (THING_WORDS.has(word.toLowerCase().replace(/[.,]+$/, ""))) return true;
  return word.split(/[-'’]/).some((part) => {
    const inner = /^(\p{L}*?\p{Ll})\p{Lu}/u.exec(part);
    return inner !== null && !INNER_CAPITAL_PREFIX.test(inner[1]!);
  });
}

/**
 * What a talk's speaker must be, wherever it was read: no word naming a thing (isThingWord), and not a
 * fragment of the talk's own title — unless the title gives the name after "with", "by", "featuring"
 * ("Inside Azure innovations with Mark Russinovich") or as a possessive.
 */
export function isSpeakerName(name: string, title = ""): boolean {
  const words = name.trim().split(/\s+/);
  // A one-word handle ("StayAtHomeDev", "badcop") came from a handle's own byline shape: only the word list applies.
  if (words.length === 1 ? THING_WORDS.has(name.toLowerCase()) : words.some(isThingWord)) return false;
  // "Raj Patel I travelled …": an initial goes before a surname; a lone capital letter ending the name is the pronoun.
  if (words.length > 1 && /^\p{Lu}$/u.test(words[words.length - 1]!)) return false;
  const at = title ? title.toLowerCase().indexOf(name.toLowerCase()) : -1;
  if (at < 0) return true;
  const before = title.slice(0, at);
  const after = title.slice(at + name.length).trim();
  // "Title - Jane Doe": a byline the title kept at its end is no fragment of the title.
  if (after === "" && /\s[-–—|]\s*$|,\s*$/u.test(before)) return true;
  return /(?:^|\s)(?:with|by|featuring|feat\.|ft\.|and|&|mit|avec|con|par|von|por)\s+$/iu.test(before) || /^['’]s?(?:\s|$)/u.test(after);
}

/** 2–5 words, each capitalised (or a particle, or an initial), no digits or sentence punctuation. */
export function isName(written: string): boolean {
  // "Mauricio “Salaboy” Salatino": a nickname in quotes between the names.
  const text = written
    .replace(/\s[“"«‘]\p{L}[\p{L}'’.-]*[”"»’]\s|\s⦅[^⦆]{1,22}⦆\s/u, " ")
    // "Xuan Huang (黄玄)": the name again in its own script.
    .replace(/(?<=\p{Script=Latin})\s\([\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]{1,8}\)$/u, "");
  if (text.length < 3 || text.length > 60 || /[\d?!:;/"“”<>*_~=|#]|https?/i.test(text)) return false;
  // Han, kana and Hangul names are short and never share a word with Latin letters:
  // "前川裕一" is a name, "Airframeのお話です" and a long line of Japanese are sentences.
  if (/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.test(text)) {
    if (/[。、！？「」]/u.test(text)) return false;
    const cjk = text.split(/\s+/);
    return cjk.length <= 3 && cjk.every((w) => !/\p{Script=Latin}/u.test(w)) && text.replace(/\s/g, "").length <= 8;
  }
  const words = text.split(/\s+/);
  // "Senior Scientist", "Professor Emeritus": what someone is, not who.
  if (words.length > 5 || isJobTitle(text)) return false;
  if (words.length < 2 && !/^\p{Lo}{2,}$/u.test(text)) return false;
  // "le Waterfall", "de Gaulle": a name opens with a given name, not with a lowercase particle.
  if (PARTICLES.has(words[0]!)) return false;
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
const WEAK = [
  /\s+(?=(?:presented |delivered |led |hosted |given |vorgestellt |présentée? |presentad[oa] )?(?:by|par|von|por|door)\s)/i,
  /\s+(?=(?:with|avec|mit|con)\s)/i,
  /:\s+/,
];

// "@gakuzzzz (中村学（がくぞ）)": a nickname in parentheses may follow the name inside them.
const HANDLE = String.raw`(?:by\s+)?@([\w.-]{2,30})(?:\s*[(（]([^()（）]{2,40}?)\s*(?:[(（][^()（）]{1,20}[)）])?\s*[)）])?`;
const HANDLE_BYLINE = new RegExp(`\\s+${HANDLE}\\s*$`, "u");
const HANDLE_FIRST = new RegExp(`^${HANDLE}`, "u");
/** "Title @ Jane Doe", "Title @ jdoe42": a spaced at-sign before who gave it, ending the line. */
const AT_SPEAKER = /\s[@＠]\s+([^@＠]{2,60})$/u;

/** A handle's person: the name in parentheses after it when there is one, else the handle. */
function handleByline(handle: RegExpExecArray): Byline {
  const name = handle[2]?.trim();
  // The name in parentheses, or a nickname written there ("@wing_007 (ma2k8)").
  const named = name && (isName(name) || /^[\p{L}\p{N}_.-]{2,30}$/u.test(name));
  return { speakers: [named ? name : handle[1]!], organizations: [] };
}

/** Who "@ …" names: people, or one handle. */
function atSpeaker(text: string): Byline | undefined {
  const who = text.trim();
  // A handle is lowercase or has a digit or underscore in it: "@ KubeCon" says where, not who.
  const handle = /^[\w.-]{2,30}$/.test(who) && /^\p{Ll}|[\d_]/u.test(who);
  return parseByline(who) ?? (handle ? { speakers: [who], organizations: [] } : undefined);
}

export interface Parts {
  title: string;
  byline?: Byline;
  note: string;
}

/** "Title — Jane Doe, Intuit — takeaway" and friends, for an entry whose title is its leading text. */
export function splitLeading(full: string, commaByline = false): Parts {
  const text = full.slice(0, MAX_PARSED_TEXT);
  // "Making Logic Monad @halcat0x15a (ねこはる)", "Title by @jdoe": a handle, and the name it stands for.
  const handle = HANDLE_BYLINE.exec(text);
  if (handle && handle.index > 0) return { title: text.slice(0, handle.index), byline: handleByline(handle), note: "" };
  const at = AT_SPEAKER.exec(text);
  const atByline = at && at.index > 0 ? atSpeaker(at[1]!) : undefined;
  if (at && atByline) return { title: text.slice(0, at.index), byline: atByline, note: "" };
  const marker = /[\s.,;]+(?=(?:speakers?|presenters?)\s*:|(?:presented|moderated) by\s)/i.exec(text);
  if (marker && marker.index > 0) return { title: text.slice(0, marker.index), ...splitRest(text.slice(marker.index)) };
  for (const sep of STRONG) {
    const m = sep.exec(text);
    if (!m || m.index === 0) continue;
    const rest = splitRest(text.slice(m.index + m[0].length));
    // "Panel - Klustered: eBPF Edition - Jane Doe, Raj Patel, & Ann Lee": the title has the separator
    // too; the speakers follow its last one.
    const last = rest.byline ? undefined : [...text.matchAll(new RegExp(sep.source, "g"))].at(-1);
    const lastRest = last?.index && last.index > m.index ? splitRest(text.slice(last.index + last[0].length)) : undefined;
    if (last?.index && lastRest?.byline) return { title: text.slice(0, last.index), ...lastRest };
    // "Shrinking Images - Chaos Engineering with Images, by Jane Doe": the dash is the title's own, its
    // speakers follow "by" after it.
    if (!rest.byline) {
      const by = new RegExp(WEAK[0]!.source, "gi");
      for (const b of text.matchAll(by)) {
        const byRest = b.index > m.index ? splitRest(text.slice(b.index + b[0].length)) : undefined;
        if (byRest?.byline) return { title: text.slice(0, b.index), ...byRest };
      }
    }
    return { title: text.slice(0, m.index), ...rest };
  }
  if (commaByline) {
    const parts = afterComma(text);
    if (parts) return parts;
  }
  for (const sep of WEAK) {
    const m = sep.exec(text);
    if (!m || m.index === 0) continue;
    const rest = splitRest(text.slice(m.index + m[0].length));
    if (rest.byline) return { title: text.slice(0, m.index), ...rest };
  }
  return { title: text, note: "" };
}

/**
 * "Enabling Real-Time Media in Kubernetes, Giles Heron", "Title: Subtitle, Andrew Martin & Matt
 * Jarvis": a heading that names the talk, then after a comma its speakers. Only people written
 * as names (two or three capitalised words each) after a title of three words or more: "Kubernetes,
 * dépassionné et …" and "Rust, Go" stay whole.
 */
export function afterComma(text: string, minTitleWords = 3): Parts | undefined {
  for (const m of text.matchAll(/,\s+/g)) {
    const title = text.slice(0, m.index);
    if (title.split(/\s+/).length < minTitleWords) continue;
    const byline = parseByline(text.slice(m.index! + m[0].length));
    if (byline && byline.speakers.every((name) => /^\S+(?:\s\S+){1,2}$/.test(name))) return { title, byline, note: "" };
  }
  return undefined;
}

/** What follows a title: an optional byline (maybe in parentheses), then the author's note. */
export function splitRest(text: string): { byline?: Byline; note: string } {
  const rest = stripLead(text.slice(0, MAX_PARSED_TEXT));
  // "@halcat0x15a (ねこはる)" right after a linked title.
  const handle = HANDLE_FIRST.exec(rest);
  if (handle) return { byline: handleByline(handle), note: stripLead(rest.slice(handle[0].length)) };
  // "<a>Title</a> @ jdoe42", "<a>Title</a> @ Jane Doe".
  const at = AT_SPEAKER.exec(` ${rest}`);
  const atByline = at && at.index === 0 ? atSpeaker(at[1]!) : undefined;
  if (atByline) return { byline: atByline, note: "" };
  const paren = /^\(([^()]*)\)/.exec(rest);
  const inParens = paren ? parseByline(paren[1]!) : undefined;
  if (paren && inParens) return { byline: inParens, note: stripLead(rest.slice(paren[0].length)) };
  const czech = CZECH_LEAD.test(rest);
  const stripped = rest.replace(PREFIX, "");
  // "Přednášeli Jan Novák a Eva Dvořáková z Red Hatu": Czech joins names with "a" and gives the company after "z".
  const body = czech ? stripped.replace(/\s+a\s+(?=\p{Lu})/gu, " and ").replace(/\s+ze?\s+(?=\p{Lu})/gu, " from ") : stripped;
  // The byline ends at a separator, a sentence's end, or a comma before a lowercase word
  // ("by Kylie Stradley, was a popular talk").
  const cut = bylineEnd(body);
  const byline = parseByline(cut ? body.slice(0, cut.index) : body);
  if (byline) return { byline, note: cut ? stripLead(body.slice(cut.index + cut[0].length)) : "" };
  // "by John Duff gives a great history …": after an explicit "by", the names up to the sentence's verb.
  if (body !== rest) {
    const named = namesBeforeVerb(body);
    if (named) return { byline: named.byline, note: stripLead(body.slice(named.end)) };
  }
  return { note: rest };
}

/** A Czech speaker line: "Přednášel …", "Řečník: …". */
const CZECH_LEAD = /^(?:přednášel[ai]?\s|přednášející\s*:|řeční(?:k|ci|ce)\s*:)/iu;

/**
 * Where a byline ends: a line break (`<br>`: "by Jane Doe, Acme<br>Tuesday, March 19 • 10:00"), a separator, a
 * sentence's end, or a comma before a lowercase word ("by Kylie
 * Stradley, was a popular talk") — unless what follows that comma is a short lowercase name ending
 * the byline or a person in it ("Vinay Kulkarni, eBay", "Nico Meisenzahl, white duck; Vlad …"):
 * up to three words, not opening with a verb or a joining word.
 */
function bylineEnd(body: string): RegExpExecArray | null {
  const ends = /\s*\n\s*|\s*[—–|]\s*|\s+-\s+|:\s+|(?<=\p{L}{2}|\))\.\s+|,\s+(?=\p{Ll})/gu;
  for (let m = ends.exec(body); m; m = ends.exec(body)) {
    if (!m[0].startsWith(",")) return m;
    const piece = /^[^,;—–|:.]*/u.exec(body.slice(m.index + m[0].length))![0].trim();
    const next = body.slice(m.index + m[0].length + piece.length);
    if (!(piece.split(/\s+/).length <= 3 && !CLAUSE_START.test(piece) && /^\s*(?:;|$)/.test(next))) return m;
  }
  return null;
}

/** Lowercase words that open a clause, never an organization's name. */
const CLAUSE_START =
  /^(?:is|was|are|were|be|been|has|had|have|gave|gives|did|does|do|who|which|that|where|when|and|but|or|so|then|talked|spoke|showed|explained|presented|shared|with|in|on|at|for|to|from|about|by|a|an|the|it|he|she|they|we|i|est|était|sont|ist|war|es|fue|y|et|und)\b/i;

const ORG_MARK = /\(|\s(?:from|at|of|@)\s/;

/** The shortest opening of `text` that is a byline and is followed by a lowercase word (a verb). */
export function namesBeforeVerb(text: string, needsOrg = false): { byline: Byline; end: number } | undefined {
  const head = text.slice(0, 300);
  // Every lead tried below is a prefix of these 300 characters: without an organization's mark in
  // them, none can have one (a cheap no for most paragraphs).
  if (needsOrg && !ORG_MARK.test(head)) return undefined;
  const words = head.split(" ");
  for (let end = 2; end < Math.min(words.length, 24); end++) {
    const next = words[end]!;
    if (!/^\p{Ll}/u.test(next) || VERB_JOINERS.has(next)) continue;
    const lead = words.slice(0, end).join(" ");
    if (needsOrg && !ORG_MARK.test(lead)) continue;
    const byline = parseByline(lead);
    if (byline && (!needsOrg || byline.organizations.length > 0)) return { byline, end: lead.length };
  }
  return undefined;
}

/** The longest ending of `text`, up to twelve words, that is a byline: "For a demo, see Jane Doe" → Jane Doe. */
export function namesEnding(text: string): Byline | undefined {
  const words = text.trim().split(/\s+/).slice(-12);
  for (let start = 0; start <= words.length - 2; start++) {
    if (!/^\p{Lu}/u.test(words[start]!)) continue;
    const byline = parseByline(words.slice(start).join(" "));
    if (byline) return byline;
  }
  return undefined;
}

/**
 * "Jane Doe’s talk", "Justin Searls’ keynote", "Yehuda Katz & Tom Dale’s talk": a possessive before a
 * word for a talk; what precedes it ends with who gave the talk.
 */
export const POSSESSIVE_TALK =
  /['’]s?\s+(?:(?:opening|closing|lightning)\s+)?(?:talk|keynote|session|presentation|workshop|panel|demo)s?\b/iu;

/** Lowercase words that continue a byline rather than start the sentence after it. */
const VERB_JOINERS = new Set(["from", "at", "of", "and", "et", "und", ...PARTICLES]);

export function stripLead(text: string): string {
  return text.replace(/^[\s,;:|—–.-]+/, "").trim();
}
