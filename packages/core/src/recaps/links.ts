import type { RecapLink, RecapLinkKind } from "./types";

/**
 * Link classification. Hosts are compared exactly (or as a dot-suffix) on the parsed URL, never as
 * a substring of the whole URL: `https://evil.example/youtube.com` is not YouTube.
 */
export function classifyLink(url: string, label: string): RecapLinkKind {
  const parsed = parseHttp(url);
  if (parsed) {
    const byHost = kindByHost(parsed);
    if (byHost) return byHost;
  }
  return kindByLabel(label) ?? "other";
}

function kindByHost(url: URL): RecapLinkKind | undefined {
  const host = url.hostname.toLowerCase();
  const path = url.pathname.toLowerCase();
  if (isHost(host, "youtu.be") || isHost(host, "youtube-nocookie.com") || isHost(host, "vimeo.com")) return "video";
  if (isHost(host, "youtube.com") && /^\/(watch|embed\/|live\/|shorts\/|v\/|playlist)/.test(path)) return "video";
  // Where conference talks are published besides YouTube and Vimeo.
  if (VIDEO_PAGES.some(([domain, prefix]) => isHost(host, domain) && path.startsWith(prefix))) return "video";
  if (isHost(host, "speakerdeck.com") || isHost(host, "slideshare.net")) return "slides";
  if (host === "docs.google.com" && path.startsWith("/presentation/")) return "slides";
  // Other deck hosts, and a deck published under a site's own /slides/ path (GitHub Pages and the like).
  if (SLIDE_HOSTS.some((domain) => isHost(host, domain)) || /^\/(?:[^/]+\/)?slides\/[^/]+/.test(path)) return "slides";
  if (isHost(host, "sched.com") && path.startsWith("/hosted_files/")) return "slides";
  if (path.endsWith(".pdf")) return "slides";
  return undefined;
}

const SLIDE_HOSTS = ["slides.com", "gitpitch.com", "pitch.com", "prezi.com", "slides.net"];

const VIDEO_PAGES: [domain: string, path: string][] = [
  ["confreaks.tv", "/videos/"],
  ["media.ccc.de", "/v/"],
  ["infoq.com", "/presentations/"],
  ["bilibili.com", "/video/"],
  ["dailymotion.com", "/video/"],
  ["twitch.tv", "/videos/"],
  ["wistia.net", "/embed/"],
  ["loom.com", "/share/"],
];

/** Short anchor texts name what they point at ("video", "Watch the recording", "Slides (PDF)"); long ones are titles. */
function kindByLabel(label: string): RecapLinkKind | undefined {
  const words = label.trim().split(/\s+/);
  if (words.length > 3) return undefined;
  if (
    /(?:^|[^\p{L}])(?:videos?|vidéos?|vídeos?|recordings?|recorded|watch|aufzeichnung|enregistrement|grabación)(?![\p{L}])|動画|録画|ビデオ|视频|영상|📺|🎥/iu.test(
      label,
    )
  )
    return "video";
  if (
    /(?:^|[^\p{L}])(?:slides?|slide ?deck|deck|presentation|folien|diapositives|transparents)(?![\p{L}])|スライド|発表資料|資料|幻灯片|슬라이드|발표 ?자료/iu.test(
      label,
    )
  )
    return "slides";
  return undefined;
}

/** `host` is `domain` or one of its subdomains. */
export function isHost(host: string, domain: string): boolean {
  return host === domain || host.endsWith(`.${domain}`);
}

export function parseHttp(raw: string, base?: string): URL | undefined {
  try {
    const url = new URL(raw.trim(), base);
    return url.protocol === "http:" || url.protocol === "https:" ? url : undefined;
  } catch {
    return undefined;
  }
}

/**
 * An href as a recap link: absolute http(s), embeds turned into watch pages (so an iframe and a
 * "Watch on YouTube" link to the same video are one link), and nothing that is page furniture:
 * in-page anchors, share and subscribe buttons, tag pages.
 */
export function toRecapLink(href: string, label: string, baseUrl: string): RecapLink | undefined {
  const raw = href.trim();
  // No talk needs a longer address, and a stored talk must stay far below DynamoDB's 400 KB item.
  if (!raw || raw.startsWith("#") || raw.length > MAX_LINK_LENGTH) return undefined;
  const url = parseHttp(raw, baseUrl) ?? parseHttp(raw);
  if (!url || isSamePage(url, baseUrl) || isFurniture(url, label)) return undefined;
  const href2 = watchUrl(url) ?? url.href;
  if (href2.length > MAX_LINK_LENGTH) return undefined;
  return { kind: classifyLink(href2, label), url: href2, label };
}

function isSamePage(url: URL, baseUrl: string): boolean {
  const base = parseHttp(baseUrl);
  return !!base && url.hash !== "" && url.href.slice(0, -url.hash.length) === base.href.replace(/#.*$/, "");
}

export const MAX_LINK_LENGTH = 2048;

const SHARE_HOSTS = ["twitter.com", "x.com", "facebook.com", "linkedin.com", "reddit.com", "news.ycombinator.com", "bsky.app"];

function isFurniture(url: URL, label: string): boolean {
  const host = url.hostname.toLowerCase();
  const path = url.pathname.toLowerCase();
  if (SHARE_HOSTS.some((h) => isHost(host, h)) && /(share|intent|submit|sharer)/.test(path + url.search)) return true;
  if (/^\/(tags?|categor(y|ies)|topics?)\//.test(path) || /\/(tag|category)\/[^/]+\/?$/.test(path)) return true;
  return /^(subscribe|sign ?up|newsletter|follow( me| us)?|share( this)?|tweet( this)?|rss)\b/i.test(label.trim());
}

/**
 * Embed players as the page a reader opens: youtube.com/embed/ID → watch?v=ID, player.vimeo.com/video/N
 * → vimeo.com/N, and an embed proxy (Medium's cdn.embedly.com) → the page it wraps.
 */
function watchUrl(url: URL, depth = 0): string | undefined {
  const host = url.hostname.toLowerCase();
  if (host === "cdn.embedly.com" && depth === 0) {
    // The player it wraps (`src`), only when that is a video host: the wrapper's own `url` is
    // whatever the author typed, and must not become what Slack links to.
    const inner = parseHttp(url.searchParams.get("src") ?? "") ?? parseHttp(url.searchParams.get("url") ?? "");
    return inner && kindByHost(inner) === "video" ? (watchUrl(inner, depth + 1) ?? inner.href) : undefined;
  }
  // A talk in a livestream is its video at a time: keep where it starts.
  const at = url.searchParams.get("t") ?? url.searchParams.get("start");
  const time = at && /^[\dhms]{1,12}$/.test(at) ? `&t=${at}` : "";
  const watched = url.pathname === "/watch" ? url.searchParams.get("v") : null;
  if (watched && isHost(host, "youtube.com") && /^[\w-]{6,}$/.test(watched)) return `https://www.youtube.com/watch?v=${watched}${time}`;
  const embed = /^\/embed\/([\w-]{6,})/.exec(url.pathname);
  if (embed && (isHost(host, "youtube.com") || isHost(host, "youtube-nocookie.com"))) {
    return `https://www.youtube.com/watch?v=${embed[1]}${time}`;
  }
  const vimeo = /^\/video\/(\d+)/.exec(url.pathname);
  if (vimeo && host === "player.vimeo.com") return `https://vimeo.com/${vimeo[1]}`;
  return undefined;
}

/** Conference schedule pages: a link there marks an entry as a talk even without video or slides. */
const TALK_DETAILS =
  /\/(?:vortrag|vortr[aä]ge|talk|session|charla|ponencia|expos[eé]|conf[eé]rence)[_-]?details?(?:[_-][a-z0-9]{1,8})?(?:\.\w{2,4})?$/;

export function isTalkPage(url: string): boolean {
  const parsed = parseHttp(url);
  const host = parsed?.hostname.toLowerCase() ?? "";
  const path = parsed?.pathname.toLowerCase() ?? "";
  if (isHost(host, "sched.com") || host === "sched.co") return true;
  // A conference's own schedule pages: FOSDEM's (and other Pentabarf/pretalx-built) event pages, a
  // programme's talk or session page (Devoxx's /schedule/talk/?id=…, /programme/session/…).
  // A programme's details page for one talk, as conference sites name it in their language
  // (JavaLand's /konferenz/vortrag_details.php?…&id=…, …/session-detail?id=…): one talk per page, picked by its query.
  if (TALK_DETAILS.test(path) && (parsed?.search.length ?? 0) > 1) return true;
  const page = /\/(?:schedule|program|programme|agenda)\/(?:event|talk|session)s?(\/[^/]+)?\/?/.exec(path);
  if (page && (page[1] !== undefined || (parsed?.search.length ?? 0) > 1)) return true;
  // A schedule page's anchor for one session, named by its slug (cloudnext.withgoogle.com/schedule#target=where-should-i-run-my-code-…).
  if (
    /\/(?:schedule|program|programme|agenda)\/?$/.test(path) &&
    /^#(?:[\w-]{1,20}=)?[a-z0-9]+(?:-[a-z0-9]+){3,}/i.test(parsed?.hash ?? "")
  )
    return true;
  // A call-for-papers system's talk page (cfp.devoxx.fr/2023/talk/QAG-3613/…): the talk as submitted and scheduled.
  if (/^cfp\./.test(host) && /\/talks?\/[^/]+/.test(path)) return true;
  // A page of its own for one session or presentation (build.microsoft.com/en-US/sessions/BRK100,
  // rubykaigi.org/2023/presentations/mametter.html): the last step of the path names that one session.
  if (/\/(?:sessions?|presentations?)\/[^/]+\/?$/.test(path)) return true;
  return isHost(host, "pretalx.com") && /\/talk\/[^/]+/.test(path);
}

/**
 * One talk's schedule page however it was linked: Sched's short link (sched.co/1ZiQB) and its event
 * page (anything.sched.com/event/1ZiQB/title-slug) are the same talk.
 */
export function talkPageKey(url: string): string | undefined {
  const parsed = parseHttp(url);
  if (!parsed) return undefined;
  const host = parsed.hostname.toLowerCase();
  const id =
    host === "sched.co"
      ? /^\/([\w-]+)/.exec(parsed.pathname)?.[1]
      : isHost(host, "sched.com")
        ? /^\/event\/([\w-]+)/.exec(parsed.pathname)?.[1]
        : undefined;
  return id ? `sched:${id}` : undefined;
}

export function isMedia(link: RecapLink): boolean {
  return link.kind !== "other";
}
