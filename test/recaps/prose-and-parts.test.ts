/**
 * Rules for recaps written as prose or divided by top-level headings: quoted talk titles in running
 * text (several languages), possessive speakers ("Jane Doe’s talk"), profile-linked names under a
 * talk's heading, names written again in their own script, and several <h1> parts as sections.
 * All examples are made up.
 */
import { describe, expect, it } from "vitest";
import { type RecapItem } from "@recap/core/recaps";
import { extractAt, talksOf, youtube } from "../helpers/recap-items";

const baseUrl = "https://blog.example.com/2025/05/recap/";
const extract = extractAt(baseUrl);
const yt = youtube;
const talk = (slug: string) => `https://conf.example.org/2025/${slug}.html`;
const talks = talksOf;
const row = (item: RecapItem) => [item.title, item.speakers, item.section ?? null];

describe("quoted talk titles in running prose", () => {
  it("takes 'During “Title”, Jane Doe and Raj Patel presented …': what took place, then who presented it", () => {
    const html = [
      `<p>KubeCon was packed this year.</p>`,
      `<p>During “Developers Demand Better Tooling”, Jane Roe and Raj Patel presented the results of a survey of cluster users.</p>`,
      // A book is read, not attended; a quoted phrase without presenters is no talk.
      `<p>In “The Pragmatic Programmer”, Andy Hunt explained why tools matter.</p>`,
      `<p>During “the lunch break”, Ann Lee showed us the old town.</p>`,
      `<p>During “Office Hours”, we handed out stickers.</p>`,
    ].join("\n");
    expect(talks(extract(html)).map(row)).toEqual([["Developers Demand Better Tooling", ["Jane Roe", "Raj Patel"], null]]);
  });

  it("takes German prose: names before ('X und Y erklärten in „…“'), after ('„…“ von X'), after an apposition, and a relative clause", () => {
    const found = extract(
      [
        `<p>Den Anfang machte die Keynote <a href="${talk("ann")}">„Typen für alle“</a> von Anna Beispiel, die zeigte, wie man Typen einführt.</p>`,
        `<p>Danach erklärten Otto Muster und Lina Probe in <a href="${talk("otto")}">„Streams ohne Tränen“</a>, wie Backpressure funktioniert.`,
        `Im Nebenraum Karl Testmann gab einen Einblick in <a href="${talk("karl")}">„Parser selbst gebaut“</a>.</p>`,
        `<p>Weiter ging es mit <a href="${talk("gert")}">„Eventsourcing im Alltag“</a>, einem Vortrag über Historie, Zustände und Projektionen, von Gert Fiktiv.`,
        `Zum Schluss kam <a href="${talk("hana")}">„Beweise mit Lean“</a>, in dem Hana Erfunden zeigte, wie man Beweise schreibt.</p>`,
      ].join("\n"),
    );
    expect(found.map(row)).toEqual([
      ["Typen für alle", ["Anna Beispiel"], null],
      ["Streams ohne Tränen", ["Otto Muster", "Lina Probe"], null],
      ["Parser selbst gebaut", ["Karl Testmann"], null],
      ["Eventsourcing im Alltag", ["Gert Fiktiv"], null],
      ["Beweise mit Lean", ["Hana Erfunden"], null],
    ]);
  });

  it("takes English and French quotes, a missing closing quote, and a quoted title after a word for a talk", () => {
    const found = extract(
      [
        `<p>The day opened with <a href="${talk("maya")}">“Rust in the Kernel”</a> by Maya Sample, which set the tone.`,
        `Later the workshop <a href="${talk("ws")}">“Hands-on eBPF</a> filled the room.</p>`,
        `<p>Ensuite, Jean Exemple nous a parlé de <a href="${talk("jean")}">« Le cache distribué »</a>, puis la pause.</p>`,
      ].join("\n"),
    );
    expect(found.map(row)).toEqual([
      ["Rust in the Kernel", ["Maya Sample"], null],
      ["Hands-on eBPF", [], null],
      ["Le cache distribué", ["Jean Exemple"], null],
    ]);
  });

  it("takes no quoted link that names neither speakers nor a talk", () => {
    const found = extract(`<p>I finally read <a href="https://essays.example.net/x">“Why software is hard”</a> on the train home.</p>`);
    expect(found).toEqual([]);
  });
});

describe("possessive speakers", () => {
  it("reads 'Watch <a>Jane Doe’s</a> talk <a>Title</a>' and 'Jane Doe & Raj Patel’s talk, <a>Title</a>'", () => {
    const found = extract(
      `<ul>
        <li>Watch <a href="https://twitter.com/jdoe">Jane Sample’</a> talk <a href="${yt("poss001")}">Objects All the Way Down</a>.</li>
        <li>Watch <a href="https://twitter.com/mr">Mo Ray’s</a> talk <a href="${yt("poss002")}">Caching Without Tears</a>.</li>
        <li><a href="https://twitter.com/a">Ada Lee</a> &amp; <a href="https://twitter.com/b">Bo Chan’s</a> talk, <a href="${yt("poss003")}">Ruby Meets Rust</a> was packed.</li>
      </ul>`,
    );
    expect(found.map(row)).toEqual([
      ["Objects All the Way Down", ["Jane Sample"], null],
      ["Caching Without Tears", ["Mo Ray"], null],
      ["Ruby Meets Rust", ["Ada Lee", "Bo Chan"], null],
    ]);
  });

  it("reads 'Jane Doe recommended it in her talk, <a>Title</a>': the sentence opens with who gave it", () => {
    const found = extract(
      `<ul>
        <li>Read <a href="https://books.example.org/design">this book</a> by Don Sample first. <a href="https://twitter.com/jm">Jo Maple</a> recommended it in her talk, <a href="${yt("pron001")}">Design for Coders</a>.</li>
        <li>Kim Lark and Lee Park covered it in their keynote: <a href="${yt("pron002")}">Rust at Work</a>.</li>
      </ul>`,
    );
    expect(found.map(row)).toEqual([
      ["Design for Coders", ["Jo Maple"], null],
      ["Rust at Work", ["Kim Lark", "Lee Park"], null],
    ]);
  });

  it("reads 'see Jane Doe’s talk here:' under a talk's heading", () => {
    const found = extract(
      `<h2>Concurrent rendering</h2><p>For a demo of the new API, see <a href="https://twitter.com/x">Pat Example</a>’s talk here:</p><iframe src="https://www.youtube.com/embed/possh01"></iframe>
       <h2>Server streaming</h2><p>For a deep dive, see Lou Sample’s keynote:</p><iframe src="https://www.youtube.com/embed/possh02"></iframe>`,
    );
    expect(found.map(row)).toEqual([
      ["Concurrent rendering", ["Pat Example"], null],
      ["Server streaming", ["Lou Sample"], null],
    ]);
  });
});

describe("a profile-linked name under a talk's heading", () => {
  it("takes '<a profile>Name</a> verb …' as the speaker, not a linked project", () => {
    const found = extract(
      `<h2>Compiler research</h2><p>Looking ahead, <a href="https://twitter.com/kimsample">Kim Sample (金样)</a> shared an update on the new compiler:</p><iframe src="https://www.youtube.com/embed/prof001"></iframe>
       <h2>Docs keynote</h2><p><a href="https://bsky.app/profile/rita.example">Rita Example</a> kicked off the afternoon with a keynote about docs.</p><iframe src="https://www.youtube.com/embed/prof002"></iframe>
       <h2>Scaling CI</h2><p><a href="https://argo.example.io/">Argo Flows</a> makes pipelines simple, as this talk shows.</p><iframe src="https://www.youtube.com/embed/prof003"></iframe>`,
    );
    expect(found.map(row)).toEqual([
      ["Compiler research", ["Kim Sample (金样)"], null],
      ["Docs keynote", ["Rita Example"], null],
      ["Scaling CI", [], null],
    ]);
  });
});

describe("'… presented the <a>Title</a>'", () => {
  it("takes the names before 'presented the'", () => {
    const found = extract(
      `<h2>State of the project</h2><p>Ann Able, Ben Baker, Cy Coe and Di Dee presented the <a href="${yt("pres001")}">State of Widgets</a>, with the roadmap.</p>`,
    );
    expect(found.map(row)).toEqual([["State of Widgets", ["Ann Able", "Ben Baker", "Cy Coe", "Di Dee"], null]]);
  });
});

describe("several <h1> parts", () => {
  const part = (name: string, n: number) =>
    `<h1>${name}</h1>` +
    [1, 2]
      .map((i) => `<h2>Talk ${name} number ${i} <span>– Pat Person${n}${i}</span></h2><ul><li>A note.</li></ul>`)
      .join("")
      .replace(/Person(\d)(\d)/g, (_, a, b) => `Person ${"ABCDEFGH"[Number(a) * 2 + Number(b)]}x`);

  it("makes each <h1> naming a track or a …Conf event the section of the talks under it", () => {
    const found = extract(part("Conference", 0) + part("Hackconf", 1));
    expect(found.map((item) => item.section ?? null)).toEqual(["Conference", "Conference", "Hackconf", "Hackconf"]);
  });

  it("keeps a single <h1> as the post's title", () => {
    const found = extract(part("Conference", 0));
    expect(found.map((item) => item.section ?? null)).toEqual([null, null]);
  });
});

describe("Japanese (and other CJK) listings", () => {
  it("reads 'スライド' / '資料' / '動画' as a talk's own links, and decks on slides.com, gitpitch or a site's /slides/ path", () => {
    const found = extract(
      `<h3>型レベルプログラミング入門 @tarou_x (山田太郎)</h3><ul><li><a href="https://tarou.example.io/slides/typelevel">スライド</a></li></ul><p>とても面白かった。</p>
       <h3>関数型ドメインモデリング @hana_y (佐藤花)</h3><ul><li><a href="https://files.example.jp/deck-2019">発表資料</a></li></ul>
       <h2>見られなかったセッション</h2><ul>
         <li><a href="https://slides.com/someone/effects-101">Effects in Practice 101</a></li>
         <li><a href="https://gitpitch.com/someone/ddd-2019">設計手法のはなし</a></li>
       </ul>`,
    );
    expect(found.map((item) => [item.title, item.speakers, item.links.map((l) => l.kind)])).toEqual([
      ["型レベルプログラミング入門", ["山田太郎"], ["slides"]],
      ["関数型ドメインモデリング", ["佐藤花"], ["slides"]],
      ["Effects in Practice 101", [], ["slides"]],
      ["設計手法のはなし", [], ["slides"]],
    ]);
  });

  it("reads a nickname inside the name's parentheses, a nickname as the name, and 'Title @ Name' / '<a>Title</a> @ handle'", () => {
    const found = extract(
      `<ul>
        <li><a href="${yt("jp0001")}">継続の話</a> @kenji_z (鈴木健二（けんじ）)</li>
        <li><a href="${yt("jp0002")}">型クラス再入門</a> @foo_123 (bar9)</li>
        <li>Cats in Scala 3: a tour @ Lin Example<ul><li><a href="https://github.com/example/cats3">cats3: a small library.</a></li></ul></li>
        <li><a href="${yt("jp0003")}">Captive portals in Scala</a>  @ neko_m77</li>
        <li><a href="${yt("jp0004")}">Scaling Argo</a> @ KubeCon</li>
      </ul>`,
    );
    expect(found.map((item) => [item.title, item.speakers])).toEqual([
      ["継続の話", ["鈴木健二"]],
      ["型クラス再入門", ["bar9"]],
      ["Cats in Scala 3: a tour", ["Lin Example"]],
      ["Captive portals in Scala", ["neko_m77"]],
      ["Scaling Argo", []],
    ]);
  });

  it("takes an unconference or workshop heading as the section, without the 'DAY' after it", () => {
    const found = extract(
      `<h2>カンファレンスDAY</h2><ul><li><a href="${yt("jpd001")}">Scalaの未来</a> @a_b (山本一)</li></ul>
       <h2>アンカンファレンスDAY</h2><ul><li><a href="${yt("jpd002")}">DOTの続き</a> @c_d (川口二)</li></ul>`,
    );
    expect(found.map((item) => [item.title, item.section ?? null])).toEqual([
      ["Scalaの未来", null],
      ["DOTの続き", "アンカンファレンス"],
    ]);
  });
});

describe("plain headings among talk headings", () => {
  const linked = (title: string, id: string) =>
    `<h4><a href="https://speakerdeck.com/someone/${id}">${title}</a></h4><ul><li>A note on it.</li></ul>`;

  it("takes a plain heading among talk headings of its rank as a talk, but not the post's own parts or a closing line", () => {
    const found = extract(
      `<h3>Day 1</h3>${linked("Observability for humans", "obs")}${linked("Chaos at scale", "chaos")}
       <h4>Running a team without managers</h4><ul><li>Interesting model.</li></ul>
       ${linked("Ten years of on-call", "oncall")}
       <h3>Day 2</h3><h4><a href="https://someone.example.net/speaking/2024/">Ceci n’est pas un pipeline</a></h4><ul><li>Loved it.</li></ul>
       <h4>Final thoughts</h4><p>Great event.</p><h4>More talks I missed…</h4><p>Next time.</p>
       <h4>See you in Lisbon</h4><p>That is it from me.</p>`,
    );
    expect(talks(found).map((item) => item.title)).toEqual([
      "Observability for humans",
      "Chaos at scale",
      "Running a team without managers",
      "Ten years of on-call",
      "Ceci n’est pas un pipeline",
    ]);
  });

  it("takes a plain heading after the last talk heading when a talk still follows it", () => {
    const found = extract(
      `${linked("Observability for humans", "obs3")}${linked("Chaos at scale", "chaos3")}${linked("Ten years of on-call", "oncall3")}
       <h3>Day 2</h3><h4>Teams without managers</h4><ul><li>Interesting.</li></ul>
       <h4>Automation for humans</h4><p>Notes in <a href="https://gist.example.com/someone/abc">a gist</a>.</p>
       <h4>See you in Lisbon</h4><p>That is it from me.</p>`,
    );
    expect(talks(found).map((item) => item.title)).toEqual([
      "Observability for humans",
      "Chaos at scale",
      "Ten years of on-call",
      "Teams without managers",
      "Automation for humans",
    ]);
  });

  it("leaves plain headings alone when few of their peers are talks", () => {
    const found = extract(
      `${linked("Observability for humans", "obs2")}<h4>Why we moved to Rust</h4><p>Text.</p><h4>Hiring in 2025</h4><p>Text.</p><h4>Our roadmap</h4><p>Text.</p>`,
    );
    expect(talks(found).map((item) => item.title)).toEqual(["Observability for humans"]);
  });

  it("takes the headings right under a track's heading as its sessions", () => {
    const found = extract(
      `<h3>Open spaces</h3><h4>Internal platforms</h4><p>I hosted this one; it was a bit clumsy.</p><h4>Microservices for ops</h4><ul><li>12-factor apps.</li></ul>
       <h3>Hallway</h3><h4>Great coffee</h4><p>Really.</p>`,
    );
    expect(talks(found).map((item) => [item.title, item.section ?? null])).toEqual([
      ["Internal platforms", "Open spaces"],
      ["Microservices for ops", "Open spaces"],
    ]);
  });
});

describe("what is not someone's write-up", () => {
  const three = [1, 2, 3]
    .map((i) => `<li><a href="${yt(`wu000${i}`)}">Talk number ${i} here</a> — Ann Person${"ABC"[i - 1]}, Acme</li>`)
    .join("");

  it("takes neither a person's profile nor a site's home page for a write-up, even next to recap words", () => {
    const found = extract(
      `<ul>${three}</ul>
       <blockquote><p><a href="https://github.com/someone42">someone42</a>: my key takeaways were about energy use.</p></blockquote>
       <p>The videos come from the <a href="https://www.streamco.example/">StreamCo</a> livestream, with highlights to follow.</p>
       <p><a href="https://blog.other.example/2025/05/kubecon-takeaways">My KubeCon takeaways</a></p>`,
    );
    expect(found.filter((item) => item.kind === "article").map((item) => item.title)).toEqual(["My KubeCon takeaways"]);
  });

  it("reads a sentence that introduces other people's posts as naming the list after it only", () => {
    const found = extract(
      `<p>I asked other attendees which sessions to see; see <a href="https://blog.example.com/2025/04/my-earlier-post/">my earlier post</a>. Their picks:</p>
       <ul>${three}</ul>
       <p>All videos are on <a href="https://videos.example.org/">the channel</a>.</p>
       <p>Curious what others thought? Here are recaps by fellow attendees:</p>
       <ul><li><a href="https://alex.example.dev/kubecon">Alex on KubeCon</a></li></ul>`,
    );
    expect(found.filter((item) => item.kind === "article").map((item) => item.title)).toEqual(["Alex on KubeCon"]);
  });
});

describe("more speakers under a talk's heading, and write-ups among its notes", () => {
  it("takes a bold name after 'from' / 'by' in the first paragraph, not a bold concept", () => {
    const found = extract(
      `<h3>Fileless malware, detected</h3><p>We also caught a presentation from <strong>Mia Sample</strong>, <em>Security Advocate at Acme</em>, where she compared three tools.</p><iframe src="https://www.youtube.com/embed/bold001"></iframe>
       <h3>Policies at scale</h3><p>A session on <strong>Runtime Security</strong> and what it costs.</p><iframe src="https://www.youtube.com/embed/bold002"></iframe>`,
    );
    expect(found.map(row)).toEqual([
      ["Fileless malware, detected", ["Mia Sample"], null],
      ["Policies at scale", [], null],
    ]);
  });

  it("keeps a nickname in parentheses between the names as part of the name", () => {
    const found = extract(
      `<ul>
        <li><strong>Robert (Bob) Example</strong>, Staff Engineer at Acme presented <a href="${yt("nick001")}">Sparse Solvers Today</a></li>
        <li><a href="${yt("nick002")}">Dense Solvers Tomorrow</a> — Ann Lee (Intuit)</li>
      </ul>`,
    );
    expect(found.map((item) => [item.title, item.speakers, item.organizations])).toEqual([
      ["Sparse Solvers Today", ["Robert (Bob) Example"], ["Acme"]],
      ["Dense Solvers Tomorrow", ["Ann Lee"], ["Intuit"]],
    ]);
  });

  it("takes a note that links someone's recap of the talk as an article", () => {
    const found = extract(
      `<h4><a href="https://speakerdeck.com/someone/metrics">Years of metrics</a></h4><ul>
         <li><a href="https://news.example.com/2024/10/metrics-talk">great recap on ExampleNews</a></li>
         <li>Dashboards need owners; see <a href="https://tool.example.io/">the tool</a>.</li>
       </ul>`,
    );
    expect(found.map((item) => [item.kind, item.title])).toEqual([
      ["talk", "Years of metrics"],
      ["article", "great recap on ExampleNews"],
    ]);
  });
});
