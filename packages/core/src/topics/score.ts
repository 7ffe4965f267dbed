import { compiled, hits, key, locate, MASK, normalizeText, type CompiledTopic, type Hit, type Starts, type TermStrength } from "./compile";
import type { Taxonomy } from "../model/topic";

/*
 * Tagging weighs evidence the way a reader does. A term in the title or among the publisher's own
 * categories decides on its own; one in the summary needs a second piece of evidence; the body's
 * lead never tags alone, however often it names a topic (see LEAD_ALONE_CAP); a talk's event
 * ("ArgoCon") speaks for it, its speakers' organizations only a little. Words count once: a term
 * said again, or a term inside a longer one ("Pod" in "Pod Security Standards"), is one piece of
 * evidence. Generic words ("your platform", near "developers") and a team's learned cues are weak:
 * half a term; a project known only from the Landscape catalog (projects.ts), three quarters of
 * one. What a feed mostly publishes is a prior that can tip a weak case, never tag a post alone. A
 * topic is tagged at TAG_THRESHOLD points.
 */

/** Everything a post says about its subject, in the parts a reader weighs differently. */
export interface TopicEvidence {
  title: string;
  summary?: string;
  /** The publisher's own categories or tags (RSS/Atom `category`, JSON Feed `tags`). */
  categories?: readonly string[];
  /** The opening of the body (about 300 words), as plain text. */
  lead?: string;
  /** A talk's event or track, e.g. "ArgoCon". */
  event?: string;
  /** The organizations of a talk's speakers. */
  organizations?: readonly string[];
  /** Per topic, the share (0–1) of the feed's posts that carry it. */
  feedFocus?: Readonly<Record<string, number>>;
}

export type EvidenceSource = "title" | "categories" | "summary" | "lead" | "event" | "organizations" | "feed";

export interface Evidence {
  source: EvidenceSource;
  strength: TermStrength | "prior";
  /** What was found, as written (for the prior: the feed's share of posts on the topic). */
  text: string;
  points: number;
}

export interface TopicScore {
  id: string;
  score: number;
  tagged: boolean;
  evidence: Evidence[];
}

export const TAG_THRESHOLD = 2;

/** Points for one strong term in each part, and the most a part can give. */
const WEIGHTS: Record<Exclude<EvidenceSource, "feed">, { points: number; cap: number }> = {
  title: { points: 3, cap: 3 },
  categories: { points: 3, cap: 3 },
  summary: { points: 1.5, cap: 3 },
  event: { points: 2, cap: 2 },
  lead: { points: 0.75, cap: 2 },
  organizations: { points: 1, cap: 1 },
};
/**
 * A category among many says less than a post's only category: blogs that tag every post
 * "kubernetes" or "security" tag broadly. Each category beyond the first takes this off, down to
 * CATEGORY_FLOOR: a sixth category weighs a sixth of the first.
 */
const CATEGORY_DECAY = 0.5;
const CATEGORY_FLOOR = 0.5;
/**
 * The most the lead can give when it is a topic's only evidence: a post whose title, summary and
 * categories never name a topic mentions it in passing, however often the body's first 300 words do
 * (a release's tour of its integrations, a how-to's list of tools). Below the threshold, so the lead
 * can confirm what the feed mostly publishes but not tag alone. This holds for a teaser summary
 * ("Read on") too: a lead that tours the stack names many topics in passing.
 */
const LEAD_ALONE_CAP = 1.5;
/** Weak and team terms count this much of a strong one. */
const WEAK_FACTOR = 0.5;
/**
 * A catalog project (projects.ts) counts this much of a strong term: the Landscape files a project
 * under one subcategory, coarser than the taxonomy's hand-picked names. In a title it still tags
 * alone (a release of Keycloak is a security post); in a summary it needs more than a generic word.
 */
const PROJECT_FACTOR = 0.75;
/** The most a team's learned cues can add to a post: they tip a case, never decide it. */
const TEAM_CAP = 1;
/** A venue topic's term right after one of these is where something runs, not what it is about. */
const VENUE_BEFORE =
  /(?:^|[\s(])(?:on|for|with|across|atop|using|auf|mit|für|sur|avec|pour)\s+(?:(?:the|a|an|your|our|any|managed|multiple|many|existing|large|production)\s+)*$/iu;
/**
 * A venue topic's term used as the object another field measures or watches ("Kubernetes
 * monitoring", "Kubernetes costs", "Kubernetes energy use", "Kubernetes alerts") is where that
 * field's work happens, not what the post is about: the noun after it is the subject.
 */
const VENUE_AFTER =
  /^[\s-]*(?:clusters?\s+|workloads?\s+)?(?:monitoring|observability|alerts|alerting|costs?|spend|spending|bills?|billing|energy|emissions|carbon|networking|networks?(?!\s*polic)|connectivity|security|development|platforms?)(?![\p{L}\p{N}])/iu;
/**
 * A venue topic's term as the place a tool does its work: "in"/"to" before it and "with"/"using"
 * after it ("Observability Pipelines in Kubernetes with OpenTelemetry", "Migrate Lambda Functions to
 * Kubernetes with OpenFaaS"): the subject is what is done and the tool that does it. Either word
 * alone is not enough ("Multi-tenancy in Kubernetes", "Debugging Kubernetes with eBPF"), and only the
 * topic's own name (its label) is such a place: "storage in KubeVirt with Rook" is about KubeVirt,
 * "moving to Gateway API with minimal hassle" about the API.
 */
/**
 * The same in Japanese and Chinese, which mark the place after the noun: "k8sクラスタにVaultを構築",
 * "Kubernetes上で動かす", "在Kubernetes集群上部署" (a cluster, or "on top of", then the particle).
 */
const VENUE_AFTER_CJK = /^\s*(?:(?:クラスター?|集群)\s*(?:上\s*)?(?:に|で|へ|中)|上\s*(?:に|で|へ)|集群上|上部署|上运行)/u;
const VENUE_INTO =
  /(?:^|[\s(])(?:in|into|inside(?:\s+of)?|within|to|dans|vers|im|in\s+der|zu)\s+(?:(?:the|a|an|your|our|any|managed|multiple|many|existing|large|production)\s+)*$/iu;
const VENUE_WITH = /^\s*(?:with|using|via|avec|mit|durch|par)\s/iu;
/** A feed counts as focused on a topic when at least this share of its posts carries it. */
export const FOCUS_SHARE = 0.5;
const FOCUS_POINTS = 1;

interface Part {
  source: Exclude<EvidenceSource, "feed">;
  text: string;
  /** By topic index, where the topic's phrases may start in this part (undefined: nowhere). */
  starts?: (Starts | undefined)[];
}

function partsOf(evidence: TopicEvidence): Part[] {
  const parts: Part[] = [];
  const add = (source: Part["source"], text: string | undefined) => {
    if (text?.trim()) parts.push({ source, text: normalizeText(text) });
  };
  add("title", evidence.title);
  add("summary", evidence.summary);
  for (const category of evidence.categories ?? []) add("categories", category);
  add("lead", evidence.lead);
  // "ArgoCon", "BackstageCon": event names run words together; split them for word boundaries.
  add("event", evidence.event?.replace(/(\p{Ll})(\p{Lu})/gu, "$1 $2"));
  for (const organization of evidence.organizations ?? []) add("organizations", organization);
  return parts;
}

function scoreTopic(
  ct: CompiledTopic,
  index: number,
  parts: Part[],
  context: string,
  categoryTopics: Set<string>,
  focus: number | undefined,
): TopicScore {
  const categoryCount = parts.filter((part) => part.source === "categories").length;
  const categoryPoints = Math.max(CATEGORY_FLOOR, WEIGHTS.categories.points - CATEGORY_DECAY * (categoryCount - 1));
  const worth = (source: Part["source"], strength: TermStrength) => {
    const points = source === "categories" ? categoryPoints : WEIGHTS[source].points;
    return strength === "strong" ? points : strength === "project" ? points * PROJECT_FACTOR : points * WEAK_FACTOR;
  };
  // One word said again is one piece of evidence: each term counts once, where it weighs most. A
  // category that repeats the title's word ("Cilium" on Cilium's own blog) adds nothing to it.
  const best = new Map<string, Evidence>();
  // Pieces that only say where something runs (a venue topic's term, see `isVenue`).
  const where = new Set<Evidence>();
  // Terms named somewhere as the subject, not as a place: their piece is never "where" only.
  const subject = new Set<string>();
  const offer = (source: Part["source"], strength: TermStrength, text: string, venue = false) => {
    const key = text.toLowerCase();
    const points = worth(source, strength);
    if (!venue && subject.add(key) && best.has(key)) where.delete(best.get(key)!);
    if ((best.get(key)?.points ?? 0) < points) {
      const piece: Evidence = { source, strength, text, points };
      best.set(key, piece);
      if (venue && !subject.has(key)) where.add(piece);
    }
  };
  for (const part of parts) {
    // A category that is the topic's own name ("AI & ML", "ai-ml") says so outright; for a venue
    // topic it says where, as its terms among the categories do (see `isVenue`): blogs file every
    // post they deploy on Kubernetes under "kubernetes".
    if (part.source === "categories" && categoryTopics.has(part.text)) {
      offer("categories", ct.topic.venue ? "weak" : "strong", part.text, ct.topic.venue);
      continue;
    }
    const starts = part.starts?.[index];
    if (starts === undefined) continue; // the topic's terms are not in this part at all
    for (const hit of distinct(hits(ct, part.text, context, starts))) {
      const venue =
        ct.topic.venue &&
        (hit.strength === "strong" || hit.strength === "project") &&
        isVenue(part, hit, key(hit.text) === key(ct.topic.label), isOwnName(hit.text, ct.topic.label));
      offer(part.source, venue ? "weak" : hit.strength, hit.text, venue);
    }
  }
  // Then each part's cap, and the team's, strongest pieces first.
  const leadAlone = best.size > 0 && [...best.values()].every((piece) => piece.source === "lead");
  const evidence: Evidence[] = [];
  const venueOnly = new Set<Evidence>();
  const earned = new Map<Part["source"] | "team", number>();
  for (const piece of [...best.values()].sort((a, b) => b.points - a.points)) {
    const source = piece.source as Part["source"];
    const cap = source === "categories" ? categoryPoints : source === "lead" && leadAlone ? LEAD_ALONE_CAP : WEIGHTS[source].cap;
    let granted = Math.min(piece.points, cap - (earned.get(source) ?? 0));
    if (piece.strength === "team") granted = Math.min(granted, TEAM_CAP - (earned.get("team") ?? 0));
    if (granted <= 0) continue;
    earned.set(source, (earned.get(source) ?? 0) + granted);
    if (piece.strength === "team") earned.set("team", (earned.get("team") ?? 0) + granted);
    evidence.push({ ...piece, points: granted });
    if (where.has(piece)) venueOnly.add(evidence.at(-1)!);
  }
  let score = evidence.reduce((sum, e) => sum + e.points, 0);
  // The prior tips a case the taxonomy itself sees; a team cue alone plus a prior is no case, nor is
  // a venue topic's term that only says where something runs ("for Kubernetes").
  const own = evidence.some((e) => e.strength !== "team" && !venueOnly.has(e));
  if (own && focus !== undefined && focus >= FOCUS_SHARE) {
    evidence.push({ source: "feed", strength: "prior", text: `${Math.round(focus * 100)}% of the feed's posts`, points: FOCUS_POINTS });
    score += FOCUS_POINTS;
  }
  // Nor is a venue topic a subject when every piece only says where ("on Kubernetes", a "k8s"
  // category, the body's mentions): however many places a post names, it is about something else.
  const whereOnly = evidence.length > 0 && evidence.every((e) => venueOnly.has(e));
  return { id: ct.topic.id, score, tagged: score >= TAG_THRESHOLD && !whereOnly, evidence };
}

/**
 * The hits of one part as distinct pieces of text: where hits overlap ("Pod Security Standards" and
 * "Pod", "CI/CD" and "CI", "high availability" and "availability") the words are one term, the
 * strongest found there and then the longest, not two pieces of evidence.
 */
function distinct(found: Hit[]): Hit[] {
  if (found.length < 2) return found;
  const rank: Record<TermStrength, number> = { strong: 0, project: 1, weak: 2, team: 3 };
  const kept: Hit[] = [];
  for (const hit of [...found].sort((a, b) => rank[a.strength] - rank[b.strength] || b.text.length - a.text.length)) {
    const end = hit.index + hit.text.length;
    if (kept.every((k) => end <= k.index || k.index + k.text.length <= hit.index)) kept.push(hit);
  }
  return kept;
}

/**
 * Whether a venue topic's term is only where something runs: after a preposition ("on Kubernetes"),
 * before the noun of another field's concern ("Kubernetes costs", "Kubernetes development", see
 * VENUE_AFTER), as the place a tool works ("in Kubernetes with X", for the topic's own name only, see
 * VENUE_INTO), or anywhere in the body (summary, lead), where nearly every cloud-native post names
 * it. Among the publisher's categories too: blogs tag everything they deploy on Kubernetes "k8s",
 * so a category alone is no case. In the title or a talk's event it still speaks for the topic.
 */
function isVenue(part: Part, hit: Hit, ownName: boolean, nameOrShortName: boolean): boolean {
  if (part.source === "summary" || part.source === "lead" || part.source === "organizations") return true;
  if (part.source === "categories") return nameOrShortName;
  // A part of what the topic is (an API, a component, a feature) is the subject wherever it stands:
  // "isolating tenants with ResourceQuotas" is about ResourceQuotas.
  if (hit.alias && !nameOrShortName) return false;
  const { index } = hit;
  const length = hit.text.length;
  return (
    VENUE_BEFORE.test(part.text.slice(Math.max(0, index - 40), index)) ||
    VENUE_AFTER.test(part.text.slice(index + length, index + length + 40)) ||
    VENUE_AFTER_CJK.test(part.text.slice(index + length, index + length + 12)) ||
    (ownName &&
      VENUE_INTO.test(part.text.slice(Math.max(0, index - 40), index)) &&
      VENUE_WITH.test(part.text.slice(index + length, index + length + 20)))
  );
}

/**
 * Whether a term is the topic's own name or a short form of it: the label ("Kubernetes"), a
 * clipping of it ("kube") or its numeronym ("k8s"). Among a publisher's categories only these say
 * where a post runs; a category naming one of the topic's components or projects ("Cluster API",
 * "KubeVirt", "containerd") files the post under what it is about.
 */
function isOwnName(text: string, label: string): boolean {
  const term = key(text);
  const name = key(label);
  if (term.length < 3) return false;
  return name.startsWith(term.replace(/e?s$/u, "")) || (name.length > 3 && term === `${name[0]}${name.length - 2}${name.at(-1)}`);
}

/** Every topic with any evidence, best first, with what gave it its points. */
export function explainTopics(evidence: TopicEvidence, taxonomy: Taxonomy): TopicScore[] {
  const { topics, prefilter, names } = compiled(taxonomy);
  const parts = partsOf(evidence);
  // The mask character between parts stops a phrase spanning two of them. Cues may also be in the
  // event's name as written ("BackstageCon"), before it was split into words.
  const context = [...parts.map((part) => part.text), ...(evidence.event ? [normalizeText(evidence.event)] : [])].join(`\n${MASK}\n`);
  // Which topics may occur, part by part (a linear walk each): a topic is only searched for in the
  // parts that may hold it, so a long lead costs one walk, not one search per topic of the title.
  const maybe = new Uint8Array(topics.length);
  for (const part of parts) {
    part.starts = locate(prefilter, topics.length, part.text);
    part.starts.forEach((starts, i) => {
      if (starts !== undefined) maybe[i] = 1;
    });
  }
  const categoryTopics = new Map<string, Set<string>>();
  for (const part of parts) {
    if (part.source !== "categories") continue;
    const id = names.get(key(part.text));
    if (id) (categoryTopics.get(id) ?? categoryTopics.set(id, new Set()).get(id)!).add(part.text);
  }
  const scores: TopicScore[] = [];
  topics.forEach((ct, i) => {
    const named = categoryTopics.get(ct.topic.id);
    if (maybe[i] === 0 && !named) return; // fast path: most topics don't occur at all
    const result = scoreTopic(ct, i, parts, context, named ?? new Set(), evidence.feedFocus?.[ct.topic.id]);
    if (result.score > 0) scores.push(result);
  });
  return scores.sort((a, b) => b.score - a.score);
}

/** The topics a post is tagged with, in taxonomy order. */
export function matchTopics(evidence: TopicEvidence, taxonomy: Taxonomy): string[] {
  const tagged = new Set(
    explainTopics(evidence, taxonomy)
      .filter((s) => s.tagged)
      .map((s) => s.id),
  );
  return taxonomy.topics.map((topic) => topic.id).filter((id) => tagged.has(id));
}
