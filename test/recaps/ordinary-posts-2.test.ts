/**
 * More ordinary posts — not conference recaps — written by a reviewer of "Title / Speaker" heading and prose-mention
 * rules (tried 2026-12-03 and not kept: they found talks in most of these), with the same surface shapes: slash headings that join a song and its artist, a
 * book and its author, two products; quoted links "by" a linked author that are books and blog posts; "presented / gave
 * … <a>video</a>" that is an award, a trailer, a product demo; a possessive a word or two before a video. Unmarked,
 * none may be detected as a recap; marked, they give no talks (or no speakers) where a reader could not take them for
 * talks. Then real recap shapes whose talks and speakers the rules must keep right. Made up here; no eval post.
 */
import { describe, expect, it } from "vitest";
import { extractRecap } from "@recap/core/recaps";

interface Fixture {
  name: string;
  baseUrl: string;
  html: string;
  /** Unmarked: not detected, no items. */
  unmarkedNone?: boolean;
  /** Marked: at most this many talks. */
  markedMost?: number;
  /** Marked: every speaker read is one of these ([] = none at all). */
  markedSpeakers?: string[];
}
const yt = (id: string) => `https://www.youtube.com/watch?v=${id}`;

const fixtures: Fixture[] = [
  {
    name: "01 music blog: 'Song / Artist' headings with videos (en)",
    baseUrl: "https://music.example.com/2025/favourites/",
    unmarkedNone: true,
    markedSpeakers: [],
    html: `<h1>My favourite songs of 2025</h1>
<p>Another year, another playlist. Here are the songs I had on repeat.</p>
<h3>Cruel Summer / Taylor Swift</h3><p>Still not over it. <a href="${yt("m1")}">Video</a></p>
<h3>Birds of a Feather / Billie Eilish</h3><p>The bridge! <a href="${yt("m2")}">Video</a></p>
<h3>Espresso Macchiato / Sabrina Carpenter</h3><p>Silly and perfect. <a href="${yt("m3")}">Video</a></p>
<h3>Good Luck, Babe! / Chappell Roan</h3><p>Big voice. <a href="${yt("m4")}">Video</a></p>`,
  },
  {
    name: "02 book list (ja): '書名 / 著者' headings with shop links",
    baseUrl: "https://hon.example.jp/2025/books/",
    unmarkedNone: true,
    markedMost: 0,
    html: `<h1>2025年に読んだ本</h1>
<p>今年読んだ技術書のまとめです。</p>
<h2>Clean Architecture / Robert C. Martin</h2><p>設計の基本。<a href="https://www.amazon.co.jp/dp/4048930656">Amazon</a></p>
<h2>Team Topologies / Matthew Skelton</h2><p>組織設計の本。<a href="https://www.amazon.co.jp/dp/4820729632">Amazon</a></p>
<h2>Site Reliability Engineering / Betsy Beyer</h2><p>SRE本。<a href="https://www.amazon.co.jp/dp/4873117917">Amazon</a></p>
<h2>プログラミング Rust 第2版 / Jim Blandy</h2><p>分厚い。<a href="https://www.amazon.co.jp/dp/4873119782">Amazon</a></p>`,
  },
  {
    name: "03 changelog: 'Change / Author' headings, a bot among them (en)",
    baseUrl: "https://blog.acme.dev/2025/06/changelog-4-3/",
    unmarkedNone: true,
    markedSpeakers: [],
    html: `<h1>Acme 4.3 changelog</h1>
<p>Thanks to all contributors. Here's what changed, with who did it.</p>
<h3>Fix login redirect loop / John Smith</h3><p>Redirects no longer loop when the session expires. <a href="https://github.com/acme/acme/pull/101">#101</a></p>
<h3>Add dark mode toggle / Priya Raman</h3><p>The dashboard follows your system theme. <a href="https://github.com/acme/acme/pull/102">#102</a></p>
<h3>Faster cold starts / Daniel Okafor</h3><p>We lazily load plugins now. <a href="https://github.com/acme/acme/pull/103">#103</a> <a href="${yt("cl1")}">demo</a></p>
<h3>Bump dependencies / dependabot</h3><p>Routine upgrades. <a href="https://github.com/acme/acme/pull/104">#104</a></p>`,
  },
  {
    name: "04 tool comparison (ja): 'Product / Product' headings",
    baseUrl: "https://tech.example.jp/2025/ci/",
    unmarkedNone: true,
    markedSpeakers: [],
    html: `<h1>CIサービス比較 2025</h1><p>社内向けに比較しました。</p>
<h2>GitHub Actions / CircleCI Cloud</h2><p>料金と速度。<a href="https://docs.github.com/actions">docs</a></p>
<h2>Amazon Aurora / Google Spanner</h2><p>DB。<a href="https://aws.amazon.com/rds/aurora/">docs</a></p>
<h2>Visual Studio / JetBrains Rider</h2><p>IDE。<a href="https://www.jetbrains.com/rider/">docs</a></p>
<h2>Docker Desktop / Podman Desktop</h2><p>コンテナ。<a href="https://podman-desktop.io">docs</a></p>`,
  },
  {
    name: "05 tool comparison (ja) with videos and '連載 第1回 / 前編'",
    baseUrl: "https://tech.example.jp/2025/containers/",
    unmarkedNone: true,
    markedSpeakers: [],
    html: `<h1>コンテナツール比較</h1>
<p>社内でよく聞かれるので、ツールを比較してみました。</p>
<h2>Docker Desktop / Podman Desktop</h2><p>GUIの比較。<a href="${yt("c1")}">動画</a></p>
<h2>Rancher Desktop / Colima Lima</h2><p>軽量な選択肢。<a href="${yt("c2")}">動画</a></p>
<h2>Kind Cluster / Minikube Profile</h2><p>ローカルKubernetes。<a href="${yt("c3")}">動画</a></p>
<h2>連載 第1回 / 前編</h2><p>前編です。</p>
<h2>連載 第1回 / 後編</h2><p>後編です。</p>`,
  },
  {
    name: "06 garden channel: two guest videos 'Title / Guest', then 'A / b' alternatives (en)",
    baseUrl: "https://blog.example.org/2025/garden/",
    // Guests may read as speakers of a list of videos; "grow lamps" after a slash is no one.
    markedSpeakers: ["Ann Lee", "Tom Green"],
    html: `<h1>Garden videos I made</h1><p>Some videos.</p>
<h3><a href="${yt("g1")}">Growing Tomatoes Indoors / Ann Lee</a></h3><p>Guest video.</p>
<h3><a href="${yt("g2")}">Composting for Beginners / Tom Green</a></h3><p>Guest video.</p>
<h3><a href="${yt("g3")}">Watering schedules / automation</a></h3><p>My setup.</p>
<h3><a href="${yt("g4")}">Indoor lighting / grow lamps</a></h3><p>Which lamps.</p>`,
  },
  {
    name: "07 newsletter: quoted blog posts 'by' linked authors (en)",
    baseUrl: "https://weekly.example.com/issues/90/",
    unmarkedNone: true,
    markedMost: 0,
    html: `<h1>Dev Weekly #90</h1>
<p>This week's reading.</p>
<p>I loved “<a href="https://jvns.ca/blog/2025/dns/">How DNS really works</a>” by <a href="https://jvns.ca">Julia Evans</a>, and “<a href="https://danluu.com/slow/">Why is everything slow</a>” by <a href="https://danluu.com">Dan Luu</a>.
Also “<a href="https://simonwillison.net/2025/llm/">LLMs in 2025</a>” by <a href="https://simonwillison.net">Simon Willison</a> and “<a href="https://brooker.co.za/blog/retries">Retries considered harmful</a>” by <a href="https://brooker.co.za">Marc Brooker</a>.</p>`,
  },
  {
    name: "08 book review: quoted book links 'by' a linked author (en)",
    baseUrl: "https://reader.example.net/2025/03/clean-code-review/",
    unmarkedNone: true,
    markedMost: 0,
    html: `<h1>Re-reading Clean Code in 2025</h1>
<p>I picked up “<a href="https://www.amazon.com/dp/0132350882">Clean Code</a>” by <a href="https://en.wikipedia.org/wiki/Robert_C._Martin">Robert Martin</a> again last month.</p>
<p>Compared with “<a href="https://www.amazon.com/dp/0201616224">The Pragmatic Programmer</a>” by <a href="https://pragprog.com/">Andy Hunt</a>, it feels more dogmatic.</p>
<p>And “<a href="https://www.amazon.com/dp/0137081073">The Clean Coder</a>” by the same author is a different book altogether.</p>`,
  },
  {
    name: "09 reading list: '“<a>Book</a>” by <a>Author</a>' items (en)",
    baseUrl: "https://reader.example.net/2025/reading-list/",
    unmarkedNone: true,
    markedMost: 0,
    html: `<h1>My summer reading list</h1>
<p>Books I plan to read this summer.</p>
<ul>
<li>“<a href="https://www.amazon.com/dp/1">Designing Data-Intensive Applications</a>” by <a href="https://martin.kleppmann.com">Martin Kleppmann</a></li>
<li>“<a href="https://www.amazon.com/dp/2">Accelerate</a>” by <a href="https://nicolefv.com">Nicole Forsgren</a></li>
<li>“<a href="https://www.amazon.com/dp/3">The Phoenix Project</a>” by <a href="https://itrevolution.com">Gene Kim</a></li>
<li>“<a href="https://www.amazon.com/dp/4">Staff Engineer</a>” by <a href="https://lethain.com">Will Larson</a></li>
</ul>`,
  },
  {
    name: "10 company update: all-hands demos 'Name presented the … <a>video</a>' (en)",
    baseUrl: "https://news.acme.dev/2025/06/weekly-24/",
    unmarkedNone: true,
    html: `<h1>Acme weekly update #24</h1>
<p>Here's what happened at Acme this week.</p>
<p>Jane Doe presented the new dashboard <a href="${yt("d1")}">Insights 2.0</a> at our all-hands.</p>
<p>Raj Patel gave a walkthrough of the <a href="${yt("d2")}">billing migration</a> for support.</p>
<p>Maria Gonzalez presented the <a href="${yt("d3")}">mobile beta</a> to the sales team.</p>
<p>Tomasz Nowak presented our <a href="${yt("d4")}">Q3 hiring plan</a>.</p>
<p>Have a great weekend!</p>`,
  },
  {
    name: "11 school news: 'presented the award to <a>…</a>', 'gave us a tour of the <a>…</a>' (en)",
    baseUrl: "https://town.example.org/2025/05/robotics/",
    unmarkedNone: true,
    markedMost: 0,
    html: `<h1>Robotics club wins regional final</h1>
<p>What a week for our school!</p>
<p>Mayor Jane Whitfield presented the award to <a href="${yt("r1")}">Team Gearheads</a> on Friday.</p>
<p>Coach Daniel Okafor gave us a tour of the <a href="${yt("r2")}">new workshop</a> afterwards.</p>
<p>Principal Priya Raman delivered a short speech about <a href="${yt("r3")}">next year's plans</a>.</p>`,
  },
  {
    name: "12 film news: 'Studio presents the official <a>trailer</a>' (en)",
    baseUrl: "https://films.example.com/2025/trailers-week/",
    unmarkedNone: true,
    markedMost: 0,
    html: `<h1>Trailers of the week</h1>
<p>Three big trailers dropped this week.</p>
<p>Warner Bros presents the official <a href="${yt("t1")}">Dune Messiah trailer</a>, and it looks huge.</p>
<p>Universal Pictures presents the first <a href="${yt("t2")}">Wicked For Good teaser</a> with new songs.</p>
<p>Sony Pictures presents the final <a href="${yt("t3")}">Spider-Verse trailer</a> at last.</p>`,
  },
  {
    name: "13 team blog: 'gave up on the <a>…</a>', 'gave away his <a>…</a>' (en)",
    baseUrl: "https://eng.example.com/2025/05/migration/",
    unmarkedNone: true,
    markedMost: 0,
    html: `<h1>Our migration story</h1>
<p>After two years, Jane Doe gave up on the <a href="${yt("u1")}">old build system</a> and Raj Patel gave away his <a href="${yt("u2")}">vintage keyboards</a>.</p>
<p>Maria Gonzalez gave the interns a tour of the <a href="${yt("u3")}">new office</a>.</p>`,
  },
  {
    name: "14 product tutorial series: 'In the first video, Name presented the <a>…</a>' (en)",
    baseUrl: "https://blog.acme.dev/2025/07/tutorial-series/",
    unmarkedNone: true,
    html: `<h1>New: the Acme tutorial series</h1>
<p>We recorded a video series for new users. In the first video, Jane Doe presented the <a href="${yt("v1")}">project setup</a>.
Then Raj Patel gave an overview of the <a href="${yt("v2")}">dashboard</a>. Next Maria Gonzalez presented <a href="${yt("v3")}">alerts and notifications</a>.
Finally Tomasz Nowak presented the <a href="${yt("v4")}">billing settings</a>.</p>
<p>Subscribe to our channel for more.</p>`,
  },
  {
    name: "15 onboarding post: 'a training session on <a>…</a>' (en)",
    baseUrl: "https://eng.example.com/2025/04/onboarding/",
    unmarkedNone: true,
    markedMost: 0,
    html: `<h1>How we onboard new engineers</h1>
<p>New hires spend their first week pairing. On day two there is a training session on <a href="${yt("o1")}">incident response</a>, and on day three a session on <a href="${yt("o2")}">our deploy pipeline</a>.</p>
<p>Later there is a live session about <a href="${yt("o3")}">writing good postmortems</a> and a coding session on <a href="${yt("o4")}">the monorepo</a>.</p>`,
  },
  {
    name: "16 book club: 'At our March session we read a novel (“<a>…</a>”)' (en)",
    baseUrl: "https://bookclub.example.org/2025/spring/",
    unmarkedNone: true,
    markedMost: 0,
    html: `<h1>Spring at the book club</h1>
<p>A quick look back at what we read this spring.</p>
<p>At our March session we read a novel by a debut author (“<a href="https://www.goodreads.com/book/show/1">The Quiet Orchard</a>”).</p>
<p>The April session was about a memoir (“<a href="https://www.goodreads.com/book/show/2">Salt and Iron</a>”).</p>
<p>In the May session Jane Doe picked a thriller (“<a href="https://www.goodreads.com/book/show/3">Night Ferry</a>”).</p>
<p>Join us in June!</p>`,
  },
  {
    name: "17 mentoring tips: 'every workshop … a book (“<a>…</a>”)' (en)",
    baseUrl: "https://coach.example.com/2025/tips/",
    unmarkedNone: true,
    markedMost: 0,
    html: `<h1>Tips for junior developers</h1>
<p>At the end of every workshop I recommend a book (“<a href="https://www.amazon.com/dp/0132350882">Clean Code</a>”) and a podcast.</p>
<p>Our mentoring session usually ends with a reading list (“<a href="https://www.amazon.com/dp/0201616224">The Pragmatic Programmer</a>”).</p>
<p>Jane Doe, who runs the Friday session, swears by another book (“<a href="https://www.amazon.com/dp/0137081073">Refactoring</a>”).</p>`,
  },
  {
    name: "18 weekly likes: possessives a word or two before videos (en)",
    baseUrl: "https://links.example.com/2025/week-12/",
    unmarkedNone: true,
    markedMost: 0,
    html: `<h1>Things I liked this week</h1>
<p>Taylor Swift’s new <a href="${yt("s1")}">music video</a> is out. Kubernetes’s new <a href="${yt("s2")}">Gateway API demo</a> is neat.
AWS’s official <a href="${yt("s3")}">re:Invent keynote recap</a> came out too, and Apple’s latest <a href="${yt("s4")}">iPhone commercial</a> is fun.
Gordon Ramsay’s classic <a href="${yt("s5")}">scrambled eggs</a> never gets old.</p>`,
  },
  {
    name: "19 team blog: 'I presented …', 'We presented …', 'I built … — Name helped' (en)",
    baseUrl: "https://eng.example.com/2025/05/quarter/",
    unmarkedNone: true,
    markedMost: 0,
    html: `<h1>Our quarter in review</h1>
<p>I presented our roadmap to the board in <a href="${yt("q1")}">this recording</a>.</p>
<p>We presented the new search at the <a href="${yt("q2")}">company all-hands</a>.</p>
<ul><li>I built a new <a href="${yt("q3")}">CI dashboard</a> — Jane Doe helped</li>
<li>We shipped <a href="${yt("q4")}">dark mode</a> — Raj Patel</li></ul>`,
  },
];

const talks = (f: Fixture, marked: boolean) => extractRecap(f.html, { baseUrl: f.baseUrl, marked }).items.filter((i) => i.kind === "talk");

describe("more ordinary posts are not recaps", () => {
  for (const f of fixtures) {
    if (f.unmarkedNone)
      it(`${f.name}: not detected when the feed is not marked`, () => {
        const r = extractRecap(f.html, { baseUrl: f.baseUrl, marked: false });
        expect(r.detected).toBe(false);
        expect(r.items).toEqual([]);
      });
    if (f.markedMost !== undefined)
      it(`${f.name}: at most ${f.markedMost} talks when marked`, () => {
        expect(talks(f, true).map((t) => [t.title, t.speakers])).toHaveLength(f.markedMost!);
      });
    if (f.markedSpeakers !== undefined)
      it(`${f.name}: speakers only ${JSON.stringify(f.markedSpeakers)} when marked`, () => {
        const allowed = new Set(f.markedSpeakers);
        expect(
          talks(f, true)
            .flatMap((t) => t.speakers)
            .filter((s) => !allowed.has(s)),
        ).toEqual([]);
      });
  }
});

const recapUrl = "https://recap.example.org/2025/devconf/";
const recapTalks = (html: string, marked = true) =>
  extractRecap(html, { baseUrl: recapUrl, marked })
    .items.filter((i) => i.kind === "talk")
    .map((t) => [t.title, t.speakers]);

describe("real recaps keep their talks and speakers", () => {
  const sentenceCase = [
    ["We need to talk about flaky tests", "Jane Doe"],
    ["I broke production and learned three things", "Raj Patel"],
    ["Scaling Postgres reads", "Priya Raman"],
  ] as const;

  it("keeps sentence-case titles opening with 'I' or 'We' on lines 'Title — Name <a>video</a>'", () => {
    const html = `<h1>DevConf 2025 recap</h1><p>My notes from the talks I saw at DevConf 2025.</p>
      ${sentenceCase.map(([t, who], i) => `<p>${t} — ${who} <a href="${yt(`z${i}`)}">video</a></p>`).join("\n")}`;
    expect(extractRecap(html, { baseUrl: recapUrl, marked: false }).detected).toBe(true);
    expect(recapTalks(html)).toEqual(sentenceCase.map(([t, who]) => [t, [who]]));
  });

  it("keeps sentence-case titles opening with 'I' or 'We' on lines 'Title, by Name. <a>Video</a>'", () => {
    const html = `<h1>DevConf 2025 recap</h1><p>My notes from the talks I saw at DevConf 2025.</p>
      ${sentenceCase.map(([t, who], i) => `<p>${t}, by ${who}. <a href="${yt(`y${i}`)}">Video</a></p>`).join("\n")}`;
    expect(extractRecap(html, { baseUrl: recapUrl, marked: false }).detected).toBe(true);
    expect(recapTalks(html)).toEqual(sentenceCase.map(([t, who]) => [t, [who]]));
  });

  it("keeps such titles in list items and headings", () => {
    const list = `<h1>DevConf 2025 recap</h1><p>My notes from the talks I saw at DevConf 2025.</p><ul>
      ${sentenceCase.map(([t, who], i) => `<li>${t} — ${who} (<a href="${yt(`w${i}`)}">video</a>)</li>`).join("\n")}</ul>`;
    expect(recapTalks(list)).toEqual(sentenceCase.map(([t, who]) => [t, [who]]));
    const headings = `<h1>DevConf 2025 recap</h1><p>Talks I saw at DevConf 2025.</p>
      ${sentenceCase.map(([t, who], i) => `<h3>${t}</h3><p>Speaker: ${who}</p><p><a href="${yt(`h${i}`)}">Video</a></p>`).join("\n")}`;
    expect(recapTalks(headings)).toEqual(sentenceCase.map(([t, who]) => [t, [who]]));
  });

  it("names no company or product as a speaker from a possessive or 'Org’s Name presented'", () => {
    const html = `<h1>KubeCon EU 2025 recap</h1><p>The talks I liked at KubeCon.</p>
<p>Kubernetes’s new <a href="${yt("k1")}">Gateway API deep dive</a> was packed. AWS’s excellent <a href="${yt("k2")}">Karpenter session</a> too.
Google’s Jane Doe presented <a href="${yt("k3")}">GKE Autopilot internals</a>. The CNCF’s annual <a href="${yt("k4")}">project update</a> closed day one.
Microsoft Azure’s very own <a href="${yt("k5")}">AKS fleet talk</a> and Red Hat’s <a href="${yt("k6")}">OpenShift update</a>.</p>`;
    const speakers = recapTalks(html).flatMap(([, who]) => who as string[]);
    expect(speakers.filter((s) => s !== "Jane Doe")).toEqual([]);
  });

  it("names no technology as a speaker from 'Kubernetes’s new', 'AWS’s official', 'The CNCF’s annual'", () => {
    const html = `<p>Kubernetes’s new <a href="${yt("k1")}">Gateway API deep dive</a> was packed. AWS’s official <a href="${yt("k2")}">Karpenter session</a> too.
      The CNCF’s annual <a href="${yt("k4")}">project update</a> closed day one.</p>`;
    expect(recapTalks(html).flatMap(([, who]) => who as string[])).toEqual([]);
  });
});
