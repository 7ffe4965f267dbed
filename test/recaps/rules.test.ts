/**
 * The extractor's rules, each shown on several markups of the same shape (so a rule, not a title,
 * is what passes): sub-bullets that belong to a talk, session codes, bold lines that name an event,
 * headings that are talks, other people's write-ups, and one talk listed twice.
 */
import { describe, expect, it } from "vitest";
import { type RecapItem } from "@recap/core/recaps";
import { extractAt, talksOf, youtube } from "../helpers/recap-items";

const baseUrl = "https://blog.example.com/2024/12/recap/";
const extract = extractAt(baseUrl);
const yt = youtube;
const talks = talksOf;
const brief = (item: RecapItem) => ({
  kind: item.kind,
  title: item.title,
  ...(item.code ? { code: item.code } : {}),
  speakers: item.speakers,
  section: item.section ?? null,
  links: item.links.map((link) => link.url),
});

describe("a numbered list of bold titles with a description and a nested video link", () => {
  const sessions = [
    ["Deep dive into Amazon EKS Auto Mode", "KUB401", "How the new mode manages nodes.", "eks0001"],
    ["Platform engineering with Backstage on AWS", "DOP312-R1", "Golden paths at scale.", "bst0002"],
    ["Serverless best practices for 2025", "SVS401", "Lambda tips.", "svs0003"],
  ] as const;

  it.each([
    [
      "tight items, code after the title",
      sessions.map(([t, c, d, v]) => `<li><strong>${t} (${c})</strong><br>${d}<ul><li><a href="${yt(v)}">Video</a></li></ul></li>`),
    ],
    [
      "loose items (paragraphs), code in brackets",
      sessions.map(
        ([t, c, d, v]) =>
          `<li><p><strong>${t} [${c}]</strong></p><p>${d}</p><ul><li><a href="${yt(v)}">Watch on YouTube</a></li></ul></li>`,
      ),
    ],
    [
      "code first, with a dash",
      sessions.map(([t, c, d, v]) => `<li><b>${c} - ${t}</b> ${d}<ul><li>Recording: <a href="${yt(v)}">${yt(v)}</a></li></ul></li>`),
    ],
  ])("is one talk per item, its code kept apart (%s)", (_shape, items) => {
    const found = extract(`<p>The sessions I would watch again.</p><ol>${items.join("\n")}</ol>`);
    expect(found.map(brief)).toEqual(
      sessions.map(([title, code, , video]) => ({ kind: "talk", title, code, speakers: [], section: null, links: [yt(video)] })),
    );
    expect(found.map((item) => item.note)).toEqual(sessions.map(([, , description]) => description));
  });

  it("leaves a title's own parentheses alone", () => {
    const found = extract(
      `<ol>${["Kubernetes 1.32 (Penelope)", "Scaling etcd (v3.6)", "What is new in OTel (2025)"]
        .map((title, i) => `<li><strong>${title}</strong><ul><li><a href="${yt(`keep00${i}`)}">Video</a></li></ul></li>`)
        .join("")}</ol>`,
    );
    expect(found.map((item) => [item.title, item.code])).toEqual([
      ["Kubernetes 1.32 (Penelope)", undefined],
      ["Scaling etcd (v3.6)", undefined],
      ["What is new in OTel (2025)", undefined],
    ]);
  });
});

describe("a bold line names the event of the talks after it", () => {
  const talkLine = (id: string, title: string, byline: string) => `<p><a href="${yt(id)}">${title}</a> — ${byline}</p>`;

  it.each([
    ["<p><strong>From WasmCon:</strong></p>", "WasmCon"],
    ["<p><b>At Observability Day</b></p>", "Observability Day"],
    ["<p><strong>Day 2 – Cilium + eBPF Day</strong></p>", "Cilium + eBPF Day"],
    ["<p><strong>ArgoCon</strong>:</p>", "ArgoCon"],
  ])("%s → %s, until the next heading or bold line", (line, event) => {
    const found = extract(
      [
        "<p>What I saw this week.</p>",
        line,
        talkLine("bold001", "Running Wasm in Kubernetes", "Kate Goldenring, Fermyon"),
        `<ul><li><a href="${yt("bold002")}">Profiling with OTel</a> — Ana Ruiz, Independent &amp; Tom Becker, Acme Corp</li></ul>`,
        "<p><strong>Keynotes</strong></p>",
        talkLine("bold003", "The next ten years", "Priyanka Sharma, CNCF"),
        "<h2>Wrap-up</h2>",
        talkLine("bold004", "Closing panel", "Chris Aniszczyk, CNCF"),
      ].join("\n"),
    );
    expect(found.map((item) => [item.title, item.section ?? null])).toEqual([
      ["Running Wasm in Kubernetes", event],
      ["Profiling with OTel", event],
      ["The next ten years", "Keynotes"],
      ["Closing panel", null], // a heading that names no event ends the bold line's section
    ]);
    expect(found[1]).toMatchObject({ speakers: ["Ana Ruiz", "Tom Becker"], organizations: ["Independent", "Acme Corp"] });
  });

  it("is a talk's title when the blocks under it are that talk's speaker line and recording", () => {
    const people = ["Jane Doe", "Raj Patel", "Ann Lee"];
    const found = extract(
      people
        .map(
          (person, i) =>
            `<p><strong>Talk ${i + 1}: lessons from production</strong></p><p>Speakers: ${person} (Acme)</p><p><a href="${yt(`boldt0${i}`)}">Video</a></p>`,
        )
        .join("\n"),
    );
    expect(found.map(brief)).toEqual(
      people.map((person, i) => ({
        kind: "talk",
        title: `Talk ${i + 1}: lessons from production`,
        speakers: [person],
        section: null,
        links: [yt(`boldt0${i}`)],
      })),
    );
  });
});

describe("a heading that is itself a talk", () => {
  it.each([
    ["a byline in the heading", `<h3>The Road Ahead — Priyanka Sharma, CNCF</h3><p>A great opener.</p>`],
    ["an embedded recording under it", `<h3>The Road Ahead</h3><p><iframe src="https://www.youtube.com/embed/road001"></iframe></p>`],
    ["a recording link under it", `<h3>The Road Ahead</h3><p><a href="${yt("road001")}">Recording</a></p>`],
  ])("is a talk, never the section of the talks after it (%s)", (_shape, keynote) => {
    const found = extract(
      [
        "<h2>Keynotes</h2>",
        keynote,
        "<p>Then the breakouts.</p>",
        "<ul>",
        `<li><a href="${yt("brk0001")}">Scaling Argo CD to 5,000 apps</a> — Jane Doe, Acme</li>`,
        `<li><a href="${yt("brk0002")}">Backstage at scale</a> — Raj Patel, Foo Corp</li>`,
        "</ul>",
      ].join("\n"),
    );
    expect(found.map((item) => [item.title, item.section])).toEqual([
      ["The Road Ahead", "Keynotes"],
      ["Scaling Argo CD to 5,000 apps", "Keynotes"],
      ["Backstage at scale", "Keynotes"],
    ]);
  });

  it("stays a section when its only link is in a sentence", () => {
    const found = extract(
      [
        "<h2>Keynotes</h2>",
        `<p>All keynotes are on the <a href="https://www.youtube.com/playlist?list=PLkeys">CNCF YouTube channel</a>.</p>`,
        `<p><a href="${yt("key0001")}">Opening remarks</a> — Chris Aniszczyk, CNCF</p>`,
        `<p><a href="${yt("key0002")}">Inference at scale</a> — Clayton Coleman, Google</p>`,
      ].join("\n"),
    );
    expect(found.map((item) => [item.title, item.section])).toEqual([
      ["Opening remarks", "Keynotes"],
      ["Inference at scale", "Keynotes"],
    ]);
  });
});

describe("other people's write-ups", () => {
  const writeUps = [
    `<li><a href="https://acme.example/blog/kubecon">KubeCon from the booth | The Acme Engineering Blog</a></li>`,
    `<li><a href="https://contoso.example/oss/kubecon">Our week at KubeCon</a> - Contoso Open Source Blog</li>`,
    `<li><a href="https://someone.dev/posts/kc">Five things I noticed</a> | Jane's notes</li>`,
    `<li><a href="https://medium.com/@raj/kubecon-thoughts-1a2b">Thoughts after three days in Salt Lake City</a> — Raj Patel</li>`,
  ];
  const expected = [
    ["KubeCon from the booth", "https://acme.example/blog/kubecon"],
    ["Our week at KubeCon", "https://contoso.example/oss/kubecon"],
    ["Five things I noticed", "https://someone.dev/posts/kc"],
    ["Thoughts after three days in Salt Lake City", "https://medium.com/@raj/kubecon-thoughts-1a2b"],
  ];
  const talkList = ["one", "two", "three"].map(
    (n, i) => `<li><a href="${yt(`wtalk0${i}`)}">Talk ${n} about GitOps</a> — Jane Doe${n === "one" ? "" : ` ${n}`}, Acme</li>`,
  );

  it.each([
    ["<h2>What others wrote</h2>"],
    ["<h3>Other takes on the week</h3>"],
    ["<h2>Further reading</h2>"],
    ["<h2>Community recaps</h2>"],
    ["<p><strong>Around the web</strong></p>"],
    ["<p>Curious what others thought? A few posts worth your time:</p>"],
  ])("are articles without speakers, titled without their site, after %s", (intro) => {
    const found = extract(`<h2>Talks</h2><ul>${talkList.join("")}</ul>${intro}<ul>${writeUps.join("")}</ul>`);
    expect(talks(found)).toHaveLength(3);
    const articles = found.filter((item) => item.kind === "article");
    expect(articles.map((item) => [item.title, item.links[0]?.url])).toEqual(expected);
    for (const article of articles) expect(article).toMatchObject({ speakers: [], organizations: [] });
  });

  it("still lists a talk there when it links the talk's own recording", () => {
    const found = extract(
      `<h2>Further reading</h2><ul>${writeUps.join("")}<li><a href="${yt("fr00001")}">The keynote everyone talked about</a> — Jane Doe, Acme</li></ul>`,
    );
    expect(found.map((item) => item.kind)).toEqual(["article", "article", "article", "article", "talk"]);
  });
});

describe("one talk listed twice", () => {
  it("is one talk, with the richer speakers and every link, where it was first listed", () => {
    const found = extract(
      [
        "<h2>My top three</h2><ol>",
        `<li><a href="${yt("twice01")}">Scaling Argo CD</a> — Jane Doe, Acme</li>`,
        `<li><a href="${yt("twice02")}">Backstage at scale</a> — Raj Patel, Foo</li>`,
        `<li><a href="${yt("twice03")}">eBPF for humans</a> — Liz Rice, Isovalent</li>`,
        "</ol><h2>ArgoCon</h2>",
        `<p><a href="${yt("twice01")}">Scaling Argo CD</a> — Jane Doe, Acme &amp; Bo Chen, Acme · <a href="https://static.sched.com/hosted_files/x/argo.pdf">Slides</a></p>`,
        "<h2>BackstageCon</h2>",
        "<p><strong>Backstage at scale</strong> (Raj Patel, Foo)</p>",
        "<p><strong>Backstage at scale</strong> (Raj Patel, Foo)</p>",
      ].join("\n"),
    );
    const argo = found.filter((item) => item.title === "Scaling Argo CD");
    expect(argo).toHaveLength(1);
    expect(argo[0]).toMatchObject({
      speakers: ["Jane Doe", "Bo Chen"],
      links: [
        { kind: "video", url: yt("twice01") },
        { kind: "slides", url: "https://static.sched.com/hosted_files/x/argo.pdf" },
      ],
    });
    expect(found.indexOf(argo[0]!)).toBe(0);
    expect(found.filter((item) => item.title === "Backstage at scale")).toHaveLength(2); // its own listing, and once under BackstageCon
  });

  it("keeps talks apart that share one livestream", () => {
    const stream = "https://www.youtube.com/watch?v=livestrm";
    const found = extract(
      `<ul>${["Opening", "Gateway API deep dive", "Closing"]
        .map(
          (title, i) =>
            `<li><strong>${title}</strong> — Speaker${"ABC"[i]} Person, Org<ul><li><a href="${stream}">Livestream</a></li></ul></li>`,
        )
        .join("")}</ul>`,
    );
    expect(found.map((item) => item.title)).toEqual(["Opening", "Gateway API deep dive", "Closing"]);
  });
});

describe("bylines in the shapes recaps write them", () => {
  const titled = (n: number, line: (title: string, video: string) => string) =>
    `<ul>${["Scaling Argo CD", "Backstage at scale", "eBPF for humans"].map((title, i) => line(title, yt(`by${n}00${i}`))).join("")}</ul>`;

  it.each([
    [
      "names, comma, org, joined by &",
      (t: string, v: string) => `<li><a href="${v}">${t}</a> — Ana Ruiz, Independent &amp; Tom Becker, Acme Corp</li>`,
      ["Ana Ruiz", "Tom Becker"],
      ["Independent", "Acme Corp"],
    ],
    [
      "in parentheses after the title",
      (t: string, v: string) => `<li><a href="${v}">${t}</a> (Ana Ruiz, Independent &amp; Tom Becker, Acme Corp)</li>`,
      ["Ana Ruiz", "Tom Becker"],
      ["Independent", "Acme Corp"],
    ],
    [
      "each org in parentheses",
      (t: string, v: string) => `<li><a href="${v}">${t}</a> — Ana Ruiz (Independent), Tom Becker (Acme Corp)</li>`,
      ["Ana Ruiz", "Tom Becker"],
      ["Independent", "Acme Corp"],
    ],
    [
      "names on the line above the title",
      (t: string, v: string) => `<li>Ana Ruiz &amp; Tom Becker<br><a href="${v}">${t}</a></li>`,
      ["Ana Ruiz", "Tom Becker"],
      [],
    ],
    [
      "speakers before the title, with a dash",
      (t: string, v: string) => `<li>Ana Ruiz (Independent) - <a href="${v}">${t}</a></li>`,
      ["Ana Ruiz"],
      ["Independent"],
    ],
    [
      "by … and …",
      (t: string, v: string) => `<li><a href="${v}">${t}</a> by Ana Ruiz (Independent) and Tom Becker (Acme Corp)</li>`,
      ["Ana Ruiz", "Tom Becker"],
      ["Independent", "Acme Corp"],
    ],
    [
      "French: par … et …",
      (t: string, v: string) =>
        `<li><strong>${t}</strong> par Ana Ruiz (Independent) et Tom Becker (Acme Corp)<br><a href="${v}">vidéo</a></li>`,
      ["Ana Ruiz", "Tom Becker"],
      ["Independent", "Acme Corp"],
    ],
    [
      "a note that opens with who gave it",
      (t: string, v: string) =>
        `<li><a href="${v}">${t}</a> - Ana Ruiz from Independent &amp; Tom Becker from Acme Corp explain how they run it.</li>`,
      ["Ana Ruiz", "Tom Becker"],
      ["Independent", "Acme Corp"],
    ],
  ] as const)("%s", (_shape, line, speakers, organizations) => {
    const found = extract(titled(1, line));
    expect(found.map((item) => item.title)).toEqual(["Scaling Argo CD", "Backstage at scale", "eBPF for humans"]);
    for (const item of found) expect(item).toMatchObject({ speakers, organizations });
  });

  it("does not take a project opening a note for a speaker", () => {
    const found = extract(titled(2, (t, v) => `<li><a href="${v}">${t}</a> - Argo Rollouts makes canaries boring, in a good way.</li>`));
    for (const item of found) expect(item.speakers).toEqual([]);
  });
});

describe("schedules, recordings and schedule pages", () => {
  it("reads a schedule's lines: the time before the title is no part of it, nor of a section's name", () => {
    const found = extract(
      [
        "<ul>",
        `<li>9:15 a.m. (50m) <a href="https://speakerdeck.com/a/devops">DevOps for the Rubyist Soul</a> by <a href="https://twitter.com/a">John Downey</a></li>`,
        `<li>14:00–14:30 <a href="${yt("sched01")}">Scaling etcd</a> by Jane Doe</li>`,
        `<li>1:25 p.m. (40m) Lightning Talks<ul>`,
        `<li><a href="https://speakerdeck.com/b/jack">You Don’t Know Jack</a> by Raj Patel</li>`,
        `<li><a href="https://speakerdeck.com/c/pipe">Kinect pipes</a> by Ann Lee</li>`,
        "</ul></li></ul>",
      ].join(""),
    );
    expect(found.map((item) => [item.title, item.speakers, item.section ?? null])).toEqual([
      ["DevOps for the Rubyist Soul", ["John Downey"], null],
      ["Scaling etcd", ["Jane Doe"], null],
      ["You Don’t Know Jack", ["Raj Patel"], "Lightning Talks"],
      ["Kinect pipes", ["Ann Lee"], "Lightning Talks"],
    ]);
  });

  it("takes the speakers from a recording named 'Title - Speakers' when nothing else names them", () => {
    const found = extract(
      ["Eye of Falco", "Fileless attacks"]
        .map(
          (heading, i) =>
            `<h3>${heading}</h3><p>They showed how it works.</p><p><iframe src="https://www.youtube.com/embed/rec000${i}"></iframe><a href="${yt(`rec000${i}`)}">${heading}: the talk - Stefano Chierici &amp; Lorenzo Susini</a></p>`,
        )
        .join(""),
    );
    for (const item of found) expect(item.speakers).toEqual(["Stefano Chierici", "Lorenzo Susini"]);
  });

  it("knows conference video pages beyond YouTube and Vimeo", () => {
    const found = extract(
      `<ul>${[
        "https://confreaks.tv/videos/railsconf2015-nothing-is-something",
        "https://media.ccc.de/v/36c3-10652-open-source-is-insufficient",
        "https://www.infoq.com/presentations/microservices-ops/",
      ]
        .map((url, i) => `<li><a href="${url}">Talk number ${i + 1}</a> by Sandi Metz</li>`)
        .join("")}</ul>`,
    );
    expect(found.map((item) => item.links.map((link) => link.kind))).toEqual([["video"], ["video"], ["video"]]);
  });

  it("merges one talk linked by Sched's short link and by its event page, and keeps a nickname in a name", () => {
    const found = extract(
      [
        "<h2>Platform Engineering Day</h2><ul>",
        `<li><a href="https://sched.co/1ZiQB">Working Group Update</a></li>`,
        `<li><a href="https://sched.co/1ZiQC">Open Interfaces</a> - Thomas Vitale from Systematic &amp; Mauricio “Salaboy” Salatino from Diagrid explore platforms.</li>`,
        "</ul><h2>Talks</h2><ul>",
        `<li><a href="https://colocatedeventseu2024.sched.com/event/1ZiQB/working-group-update">Working Group Update</a> - Colin Griffin from Krumware gives an overview.</li>`,
        "</ul>",
      ].join(""),
    );
    expect(found.map((item) => [item.title, item.speakers, item.section])).toEqual([
      ["Working Group Update", ["Colin Griffin"], "Platform Engineering Day"],
      ["Open Interfaces", ["Thomas Vitale", "Mauricio “Salaboy” Salatino"], "Platform Engineering Day"],
    ]);
    expect(found[0]?.links).toHaveLength(2);
  });
});

describe("what is not a speaker or a title", () => {
  it("takes short Han or kana names, never a Japanese sentence, a job title or a date", () => {
    const found = extract(
      `<ul>${[
        `<li><a href="${yt("ja00001")}">こんなに違う！ScalaとKotlin</a> (前川裕一)</li>`,
        `<li><a href="${yt("ja00002")}">Airframe in production</a> - 最近よく聞く Airframeのお話です</li>`,
        `<li><a href="${yt("ja00003")}">Debugging floating point</a> - Senior Scientist</li>`,
        `<li>Jane Doe, CTO at Acme presented <a href="${yt("ja00004")}">PyTorch and my journey</a></li>`,
        `<li><a href="${yt("ja00005")}">December 17, 2021</a></li>`,
      ].join("")}</ul>`,
    );
    expect(found.map((item) => [item.title, item.speakers, item.organizations])).toEqual([
      ["こんなに違う！ScalaとKotlin", ["前川裕一"], []],
      ["Airframe in production", [], []],
      ["Debugging floating point", [], []],
      ["PyTorch and my journey", ["Jane Doe"], ["Acme"]],
    ]);
  });
});

describe("handles and prose bylines", () => {
  it("reads 'Title @handle (Name)' and 'Title by @handle', and '**Name**, role presented <a>Title</a>'", () => {
    const found = extract(
      [
        "<ul>",
        `<li><a href="${yt("hdl0001")}">Making Logic Monad</a> @halcat0x15a (ねこはる)</li>`,
        `<li><a href="${yt("hdl0002")}">Scala 3 for you</a> @joang38 (Joan Goyeau)</li>`,
        `<li><a href="${yt("hdl0003")}">Write stacksafe recursions</a> by @jooohn1234</li>`,
        `<li><p><strong>William Kahan</strong>, Professor Emeritus at UC Berkeley presented <a href="${yt("hdl0004")}">Debugging floating point</a></p></li>`,
        "</ul>",
      ].join(""),
    );
    expect(found.map((item) => [item.title, item.speakers])).toEqual([
      ["Making Logic Monad", ["ねこはる"]],
      ["Scala 3 for you", ["Joan Goyeau"]],
      ["Write stacksafe recursions", ["jooohn1234"]],
      ["Debugging floating point", ["William Kahan"]],
    ]);
  });
});

describe("talks named in prose", () => {
  it("takes each linked talk followed by who gave it, with the track the sentence names", () => {
    const found = extract(
      [
        `<p>I started in the <strong>Containers</strong> devroom where my favourite was <a href="https://fosdem.org/2020/schedule/event/lazy/">Lazy distribution of container images</a> by Akihiro Suda.`,
        `In the <strong>Infra management</strong> devroom my favourites were <a href="https://fosdem.org/2020/schedule/event/failure/">Designing for Failure</a> by Walter Heck and <a href="${yt("prose01")}">Ephemeral Environments</a> by Jeff Knurek.</p>`,
        `<p>Den Auftakt machte <a href="${yt("prose02")}">Domain Storytelling im Alltag</a> von Henning Schwentner (WPS), danach <a href="${yt("prose03")}">Open Source Won</a> by Bradley M. Kuhn and Karen Sandler + friends.</p>`,
      ].join("\n"),
    );
    expect(found.map((item) => [item.title, item.speakers, item.organizations, item.section ?? null])).toEqual([
      ["Lazy distribution of container images", ["Akihiro Suda"], [], "Containers"],
      ["Designing for Failure", ["Walter Heck"], [], "Infra management"],
      ["Ephemeral Environments", ["Jeff Knurek"], [], "Infra management"],
      ["Domain Storytelling im Alltag", ["Henning Schwentner"], ["WPS"], null],
      ["Open Source Won", ["Bradley M. Kuhn", "Karen Sandler"], [], null],
    ]);
  });

  it("takes nothing from a sentence whose links name no speakers", () => {
    const found = extract(
      `<p>First <a href="${yt("none001")}">watch the intro video</a> by the team, then read <a href="https://docs.example.com/">the docs</a>. See also <a href="${yt("none002")}">this demo</a>.</p>`,
    );
    expect(found).toEqual([]);
  });
});

describe("a session code names a talk, whatever the entry links", () => {
  const sessions = [
    ["NET301", "Routing at the edge: a tale of two proxies"],
    ["DAT412", "Streams: how one table fed a holiday sale"],
    ["SEC220", "Rotating every secret, every day"],
  ] as const;

  it.each([
    [
      "paragraphs of one link each, linking the author's own notes",
      sessions.map(([c, t]) => `<p><a href="/notes/${c.toLowerCase()}.md">${c}: ${t}</a></p>`),
    ],
    [
      "a list, the code after a dash, linking a page on this blog",
      sessions.map(([c, t]) => `<li><a href="/2024/${c}/">${c} - ${t}</a></li>`),
    ],
  ])("%s", (_shape, entries) => {
    const html = `<h2>Talks</h2>${entries[0]?.startsWith("<li") ? `<ul>${entries.join("")}</ul>` : entries.join("")}`;
    expect(talks(extract(html)).map((item) => ({ title: item.title, code: item.code }))).toEqual(
      sessions.map(([code, title]) => ({ title, code })),
    );
  });

  it("but a link whose text only resembles one, with no code before a separator, is no talk", () => {
    const html = `<h2>Reading</h2><p><a href="/2024/iso/">ISO9001 and you</a></p><p><a href="/2024/x/">A note on AB12: nothing</a></p>`;
    expect(talks(extract(html))).toEqual([]);
  });
});

describe("a link to the conference's own programme page names a talk", () => {
  it.each([
    ["a Devoxx-style talk page with an id", "https://www.conf.example/en/schedule/talk/?id=3675"],
    ["a programme's session page", "https://conf.example/programme/session/42-platform-teams"],
    ["an agenda's sessions page", "https://conf.example/agenda/sessions/abc123"],
  ])("%s", (_shape, url) => {
    const html = `<h2>Liked</h2><ul><li><p><a href="${url}">Platform teams that last</a> — worth the detour.</p></li><li><p>Good coffee.</p></li></ul>`;
    expect(talks(extract(html)).map((item) => item.title)).toEqual(["Platform teams that last"]);
  });

  it("but not the programme's index, nor someone's list of their own talks", () => {
    for (const url of ["https://conf.example/schedule/", "https://conf.example/schedule/talk/", "https://blog.example.com/talks/my-talk"]) {
      const html = `<h2>Liked</h2><ul><li><p><a href="${url}">Platform teams that last</a></p></li></ul>`;
      expect(talks(extract(html)), url).toEqual([]);
    }
  });
});
