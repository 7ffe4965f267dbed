/**
 * Rules added when recaps of new shapes joined the evaluation set: a French talk list with a
 * microphone speaker line, a project's lineup linking "Title - Speakers, Org", a re:Invent list
 * naming a speaker in a note, headings "Title, Speaker", session formats as sections. Each fixture
 * is made up here, in more than one markup where the rule is about structure.
 */
import { describe, expect, it } from "vitest";
import { extractAt, talksOf, youtube } from "../helpers/recap-items";

const baseUrl = "https://blog.example.com/2024/05/notes/";
const extract = extractAt(baseUrl);
const talks = talksOf;
const yt = youtube;

describe("a heading's id is not page furniture", () => {
  it("keeps headings whose generated id contains a furniture word (comment, share, tags)", () => {
    const html = ["comment-jai-appris-le-rust", "share-nothing-architectures", "tags-everywhere-in-kafka"]
      .map((id, i) => `<h3 id="${id}"><a href="${yt(`hid${i}`)}">Heading number ${i} about Rust and Kafka</a></h3><p>Notes.</p>`)
      .join("\n");
    expect(talks(extract(html)).map((t) => t.title)).toEqual([
      "Heading number 0 about Rust and Kafka",
      "Heading number 1 about Rust and Kafka",
      "Heading number 2 about Rust and Kafka",
    ]);
  });

  it("still drops a comments block marked by its id", () => {
    const html = `<h3><a href="${yt("c1")}">Real Talk About Queues</a></h3><div id="comments"><h3><a href="${yt("c2")}">Reply Title In Comments</a></h3></div>`;
    expect(talks(extract(html)).map((t) => t.title)).toEqual(["Real Talk About Queues"]);
  });
});

describe("a microphone emoji opens the speaker line", () => {
  const talk = (title: string, names: string, id: string) =>
    `<h3>🧩 ${title}</h3>\n<p>🎙️ ${names}<br>\n📝 <a href="https://cfp.example.org/2024/talk/${id}/slug">Abstract</a> / \n🏞️ <a href="https://speakerdeck.com/x/${id}">Slides</a> / \n📽️ <a href="">Replay</a></p>\n<p>Ce que j'en ai pensé.</p>`;
  const html = [
    talk(
      "Tester sans se fâcher",
      `<a href="https://twitter.com/a">Jeanne Martin</a> et <a href="https://twitter.com/b">Paul Durand</a>`,
      "AB-1",
    ),
    talk(
      "Le Rust pour les curieux",
      `<a href="https://twitter.com/c">Lucie Bernard</a> / <a href="https://twitter.com/d">Marc Petit</a> / <a href="https://twitter.com/e">Ana LOPEZ</a>`,
      "CD-2",
    ),
    talk("Observabilité au quotidien", `<a href="https://twitter.com/f">Hugo Moreau</a>`, "EF-3"),
  ].join("\n");

  it("reads the names after it, joined by 'et' or ' / ', and keeps the line out of the titles", () => {
    expect(talks(extract(html)).map((t) => [t.title, t.speakers])).toEqual([
      ["🧩 Tester sans se fâcher", ["Jeanne Martin", "Paul Durand"]],
      ["🧩 Le Rust pour les curieux", ["Lucie Bernard", "Marc Petit", "Ana LOPEZ"]],
      ["🧩 Observabilité au quotidien", ["Hugo Moreau"]],
    ]);
  });

  it("takes a CFP system's talk page for the talk's own page, and skips empty links", () => {
    const [first] = talks(extract(html));
    const urls = first?.links.map((l) => l.url) ?? [];
    expect(urls).toContain("https://cfp.example.org/2024/talk/AB-1/slug");
    expect(urls).not.toContain(baseUrl);
    // A talk page alone (no recording or deck) is enough for a talk.
    const bare = `<ul><li><a href="https://cfp.example.org/2024/talk/X1/a">Tester sans se fâcher</a></li><li><a href="https://cfp.example.org/2024/talks/X2">Le Rust pour les curieux</a></li></ul>`;
    expect(talks(extract(bare)).map((t) => t.title)).toEqual(["Tester sans se fâcher", "Le Rust pour les curieux"]);
  });

  it("does not promote a plain heading among talk headings that all name their speakers", () => {
    const withBreak = html.replace("<h3>🧩 Observabilité", `<h3>🥂 Le apéro du soir</h3><p>On a bien mangé.</p>\n<h3>🧩 Observabilité`);
    expect(talks(extract(withBreak)).map((t) => t.title)).not.toContain("🥂 Le apéro du soir");
  });
});

describe("a link named 'Title - Speakers, Org', as schedules name talks", () => {
  const lines = [
    ["Scaling Queues Without Tears - Jane Doe & Raj Patel, Acme", "s1"],
    ["What Is a Mesh Anyway? A Gentle Tour of Sidecars and Proxies - Li Wei, eBay", "s2"],
    ["Tracing Everything - Ann Lee, Acme; Bob Ray, white rabbit", "s3"],
  ];
  const links = lines.map(([text, id]) => `<a href="https://kccnc.sched.com/event/${id}/x">${text}</a>`);

  it.each([
    ["paragraphs", links.map((a) => `<p>${a}</p><p>Wednesday, 11:00</p>`).join("\n")],
    ["list items", `<ul>${links.map((a) => `<li>${a}</li>`).join("")}</ul>`],
  ])("splits title and byline in %s, lowercase organizations included", (_, html) => {
    expect(talks(extract(html)).map((t) => [t.title, t.speakers, t.organizations])).toEqual([
      ["Scaling Queues Without Tears", ["Jane Doe", "Raj Patel"], ["Acme"]],
      ["What Is a Mesh Anyway? A Gentle Tour of Sidecars and Proxies", ["Li Wei"], ["eBay"]],
      ["Tracing Everything", ["Ann Lee", "Bob Ray"], ["Acme", "white rabbit"]],
    ]);
  });

  it("leaves a title with a dash but no byline, or a colon before capitalised words, whole", () => {
    const sched = (id: string) => `https://kccnc.sched.com/event/${id}/x`;
    const html = `<ul>
      <li><a href="${sched("w1")}">Argo CD - Scaling Out</a></li>
      <li><a href="${sched("w2")}">ABC123: Coordinate Services, Build Apps, and Automate Tasks</a></li>
      <li><a href="${sched("w3")}">Third One - Jane Doe, Acme</a></li>
    </ul>`;
    expect(talks(extract(html)).map((t) => [t.title, t.speakers])).toEqual([
      ["Argo CD - Scaling Out", []],
      ["Coordinate Services, Build Apps, and Automate Tasks", []],
      ["Third One", ["Jane Doe"]],
    ]);
  });

  it("still ends a byline at a clause after a comma", () => {
    const html = `<ul><li><a href="${yt("k1")}">Queues at Scale</a> by Kylie Stone, was the best talk of the day</li>
      <li><a href="${yt("k2")}">Second Talk</a> by Ann Lee, Acme</li><li><a href="${yt("k3")}">Third Talk</a> by Bob Ray, Bar</li></ul>`;
    expect(talks(extract(html))[0]?.speakers).toEqual(["Kylie Stone"]);
  });
});

describe("a heading 'Title, Speaker & Speaker'", () => {
  const embed = (id: string) => `<div><iframe src="https://www.youtube.com/embed/${id}"></iframe></div>`;
  it("reads the names after the comma, and 'A, B, C, Org'", () => {
    const html = `
      <h3>1. Streaming Video on Kubernetes, Gil Heron</h3>${embed("h1")}<p>Loved it.</p>
      <h3>2. Back to Basics: Next-Generation Cluster Security, Andrea Marti &amp; Matt Jarvo</h3>${embed("h2")}<p>Great.</p>
      <h3>3. Trusting Scanners: Reflections on Compliance, Ian Cold, Duffie Cool, Rory Mac, Datadog</h3>${embed("h3")}<p>Wow.</p>`;
    expect(talks(extract(html)).map((t) => [t.title, t.speakers, t.organizations])).toEqual([
      ["Streaming Video on Kubernetes", ["Gil Heron"], []],
      ["Back to Basics: Next-Generation Cluster Security", ["Andrea Marti", "Matt Jarvo"], []],
      ["Trusting Scanners: Reflections on Compliance", ["Ian Cold", "Duffie Cool", "Rory Mac"], ["Datadog"]],
    ]);
  });

  it("keeps a title with commas and no names after them", () => {
    const html = `<h3>Kubernetes, dépassionné et pour les débutants</h3>${embed("n1")}<h3>Rust, Go and Zig Compared Today</h3>${embed("n2")}`;
    expect(talks(extract(html)).map((t) => [t.title, t.speakers])).toEqual([
      ["Kubernetes, dépassionné et pour les débutants", []],
      ["Rust, Go and Zig Compared Today", []],
    ]);
  });
});

describe("a note that says who gave 'this session'", () => {
  it("gives the item its speaker, and 'This session' is no talk of its own", () => {
    const item = (title: string, code: string, note: string, id: string) =>
      `<li><p><strong>${title} (${code}):</strong></p><ul><li><p>${note}</p></li><li><p><a href="${yt(id)}">${yt(id)}</a></p></li></ul></li>`;
    const html = `<ol>
      ${item("Cold Starts Explained", "COM305", "This session by Jo Stuyver, was about making functions start faster.", "t1")}
      ${item("Cost Control at Scale", "COP333", "Learning the art of cost optimization.", "t2")}
      ${item("Data on EKS", "CON309", "The talk was given by Ana Silva, who showed a case study.", "t3")}
    </ol>`;
    expect(talks(extract(html)).map((t) => [t.title, t.code, t.speakers])).toEqual([
      ["Cold Starts Explained", "COM305", ["Jo Stuyver"]],
      ["Cost Control at Scale", "COP333", []],
      ["Data on EKS", "CON309", ["Ana Silva"]],
    ]);
  });
});

describe("titles that are a whole link are names, not prose", () => {
  it("keeps a linked heading ending with a period and a linked item with two sentences", () => {
    const html = `<h2>Talks</h2>
      <h3><a href="${yt("p1")}">Des équipes et des individus, ou l’inclusion des profils atypiques dans nos équipes.</a></h3><p>Bien.</p>
      <h3><a href="${yt("p2")}">Second heading talk</a></h3><p>Bien.</p>
      <ul><li><a href="${yt("p3")}">Notre cerveau est « null »! Quelques biais cognitifs appliqués au métier de dev…</a></li>
      <li><a href="${yt("p4")}">Another listed talk</a></li></ul>`;
    expect(talks(extract(html)).map((t) => t.title)).toEqual([
      "Des équipes et des individus, ou l’inclusion des profils atypiques dans nos équipes.",
      "Second heading talk",
      "Notre cerveau est « null »! Quelques biais cognitifs appliqués au métier de dev…",
      "Another listed talk",
    ]);
  });

  it("still takes a sentence that links a video for prose", () => {
    const html = `<p>Yesterday I watched a lot of talks and I enjoyed most of them. <a href="${yt("q1")}">Here is one I liked</a>.</p>`;
    expect(talks(extract(html))).toEqual([]);
  });

  it("a linked heading over the talk's notes and a list of other talks is a talk too", () => {
    const html = `<h2>Conférences</h2>
      <h3><a href="${yt("l1")}">Clean Code au quotidien</a></h3><p>Un partage de bonnes pratiques.</p><p>Je me suis donc bookmarké :</p>
      <ul><li><a href="${yt("l2")}">Les bases de données</a></li><li><a href="${yt("l3")}">Zero Trust pour tous</a></li></ul>`;
    expect(talks(extract(html)).map((t) => [t.title, t.section])).toEqual([
      ["Clean Code au quotidien", "Conférences"],
      ["Les bases de données", "Conférences"],
      ["Zero Trust pour tous", "Conférences"],
    ]);
  });
});

describe("session formats name sections, in several languages", () => {
  it.each(["Université", "Tools-in-Action", "Conférences", "Hands-on Labs", "Quickies", "Ateliers", "Charlas", "Vorträge"])(
    "%s",
    (format) => {
      const html = `<h2>${format}</h2><ul><li><a href="${yt("f1")}">First Format Talk</a></li><li><a href="${yt("f2")}">Second Format Talk</a></li></ul>`;
      expect(talks(extract(html)).map((t) => t.section)).toEqual([format, format]);
    },
  );

  it("drops the article before a track's name: 'Les Keynotes', 'The Workshops'", () => {
    const html = `<h2>Les Keynotes</h2><ul><li><a href="${yt("k1")}">Opening Keynote Talk</a></li></ul><h2>The Workshops</h2><ul><li><a href="${yt("k2")}">A Workshop Session</a></li></ul>`;
    expect(talks(extract(html)).map((t) => t.section)).toEqual(["Keynotes", "Workshops"]);
  });
});
