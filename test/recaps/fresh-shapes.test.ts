/**
 * Rules from recaps of sites the extractor had not seen: a day or a room is no event, speakers named
 * in the paragraph under a linked title, sub-labelled "other recaps" lists, two talks in one bullet,
 * possessive bylines before a recording, social events under headings. Fixtures are made up here.
 */
import { describe, expect, it } from "vitest";
import { extractAt, talksOf, youtube } from "../helpers/recap-items";

const baseUrl = "https://notes.example.org/posts/devconf-2031/";
const extract = extractAt(baseUrl);
const talks = talksOf;
const yt = youtube;
const articles = (html: string) => extract(html).filter((item) => item.kind === "article");
const sched = (slug: string) => `https://devconf.example.net/2031/schedule/event/${slug}/`;

describe("a day or a room is not an event", () => {
  it("reads no section from 'The conference', nor the room tag before a title", () => {
    const html = `<h2>The venue</h2><p>Big halls.</p><h2>The conference</h2><h3>Day 1</h3>
      <ul><li>[Hall B] Parsing Logs at Scale, by Nora Quist (Logwise)</li></ul><p>Good one.</p>
      <ul><li>[R2] Queues Without Tears - Lessons From Retries, by Emil Varga</li></ul><p>Also good.</p>`;
    const found = talks(extract(html));
    expect(found.map((t) => [t.title, t.section, t.speakers])).toEqual([
      ["Parsing Logs at Scale", undefined, ["Nora Quist"]],
      ["Queues Without Tears - Lessons From Retries", undefined, ["Emil Varga"]],
    ]);
  });

  it("keeps a bare 'Conference' part among several top-level parts as a section", () => {
    const html = `<h1>Conference</h1><h2><a href="${yt("cf1")}">Typed Streams in Practice</a></h2><p>Notes.</p>
      <h1>Workshops</h1><h2><a href="${yt("cf2")}">Hands on Tracing</a></h2><p>Notes.</p>`;
    expect(talks(extract(html)).map((t) => t.section)).toEqual(["Conference", "Workshops"]);
  });

  it("does not take 'Some Day 2 Talks' for an event called '… Day', but keeps 'Platform Engineering Day'", () => {
    const day = `<h2>Some Day 2 Talks</h2><ul><li><a href="${yt("d1")}">Shader Tricks for Everyone</a> — Ann Lee</li>
      <li><a href="${yt("d2")}">Saving Games Safely</a> — Raj Patel</li></ul>`;
    expect(talks(extract(day)).map((t) => t.section)).toEqual([undefined, undefined]);
    const event = `<h2>Platform Engineering Day</h2><ul><li><a href="${yt("p1")}">Golden Paths That Last</a> — Ann Lee</li>
      <li><a href="${yt("p2")}">Portals Without Pain</a> — Raj Patel</li></ul>`;
    expect(talks(extract(event)).map((t) => t.section)).toEqual(["Platform Engineering Day", "Platform Engineering Day"]);
  });

  it("ends a section at the next heading of its rank, unless that heading is right under it", () => {
    const after = `<h2>Other recaps</h2><ul><li><a href="https://blog.other.example/devconf">Ann's devconf notes</a></li></ul>
      <h2>Catching up later</h2><p><a href="${yt("late1")}">Watch the video</a></p>`;
    const items = extract(after);
    expect(items.map((i) => [i.kind, i.section])).toEqual([
      ["article", "Other recaps"],
      ["talk", undefined],
    ]);
    const track = `<h4>Ignites</h4><h4>Repositories as Artifacts</h4><p><a href="${yt("ig1")}">Video</a></p>
      <h4>Open spaces</h4><h4>Internal Platforms</h4><p><a href="${yt("os1")}">Video</a></p>`;
    expect(talks(extract(track)).map((t) => t.section)).toEqual(["Ignites", "Open spaces"]);
  });
});

describe("speakers named in the paragraph under a linked title", () => {
  const item = (id: string, title: string, note: string) => `<li><p><a href="${yt(id)}">${title}</a></p><p>${note}</p></li>`;

  it("reads who gave the talk from a verb of telling, a lead-in, a relative clause or a possessive", () => {
    const html = `<ol>
      ${item("n1", "Moving Clusters Midflight", "The editors love a migration story. Ines Bauer told the best one in this keynote.")}
      ${item("n2", "Sandboxed Workloads", "Karl Mendes dives deep into sandboxes. A great ride.")}
      ${item("n3", "A Payment Outage Explained", "In this keynote, Yara Stone runs us through an outage at her bank.")}
      ${item("n4", "Building a Proxy Fleet", "We were drawn to Leo Brandt's talk. It shows what makes proxies fast.")}
      ${item("n5", "Faster Sidecars", "The award for acronyms goes to Mia Olsen, who shows how the kernel helps.")}
    </ol>`;
    expect(talks(extract(html)).map((t) => t.speakers)).toEqual([
      ["Ines Bauer"],
      ["Karl Mendes"],
      ["Yara Stone"],
      ["Leo Brandt"],
      ["Mia Olsen"],
    ]);
  });

  it("names nobody when the paragraph only mentions people", () => {
    const html = `<ol>
      ${item("m1", "Moving Clusters Midflight", "I met Ines Bauer at the booth afterwards. Great coffee.")}
      ${item("m2", "Sandboxed Workloads", "Karl Mendes was sitting next to me. He liked it too.")}
      ${item("m3", "A Payment Outage Explained", "Someone told me about it later. Worth a watch.")}
    </ol>`;
    expect(talks(extract(html)).map((t) => t.speakers)).toEqual([[], [], []]);
  });
});

describe("other people's write-ups", () => {
  it("keeps sub-labelled lists under 'Other recaps' as articles, a video recap too, and not an author's link", () => {
    const html = `<h2>Other recaps</h2><p>Videos:</p><ul>
      <li><a href="${yt("rc1")}">My DevConf 2031 Recap</a> by <a href="https://www.youtube.com/@annlee">Ann Lee</a></li></ul>
      <p>Blogs:</p><ul>
      <li><a href="https://blog.one.example/devconf-2031">A devlog from the hallway</a> by <a href="https://one.example/about">Raj</a></li>
      <li><a href="https://blog.two.example/2031/notes">Reflecting on DevConf</a></li></ul>`;
    expect(articles(html).map((a) => [a.title, a.links[0]!.url])).toEqual([
      ["My DevConf 2031 Recap", yt("rc1")],
      ["A devlog from the hallway", "https://blog.one.example/devconf-2031"],
      ["Reflecting on DevConf", "https://blog.two.example/2031/notes"],
    ]);
  });

  it("keeps a talk's recording among write-ups a talk when it says so", () => {
    const html = `<h2>Blog posts and coverage</h2><ul><li><a href="${yt("kb1")}">Watch Ann Lee’s Keynote</a></li>
      <li><a href="https://blog.two.example/2031/notes">Raj's DevConf notes</a></li></ul>`;
    expect(extract(html).map((i) => i.kind)).toEqual(["talk", "article"]);
  });

  it("does not read people met at the conference as write-ups", () => {
    const html = `<h2>Some other folks</h2><p>I had great conversations with other folks. In particular:</p><ul>
      <li>Tom at <a href="https://studio.example/">Studio Nine</a> ships a game a month.</li>
      <li><a href="https://store.example/app/42/Glowfish">Glowfish</a> by Ben looks amazing!</li></ul>`;
    expect(articles(html)).toEqual([]);
    const invited = `<p>Curious what other attendees wrote? Here you go:</p><ul>
      <li><a href="https://blog.three.example/devconf">Three days at DevConf</a></li></ul>`;
    expect(articles(invited).map((a) => a.title)).toEqual(["Three days at DevConf"]);
  });
});

describe("talks named in one line", () => {
  it("reads two schedule links joined by 'and' as two talks", () => {
    const html = `<ul><li><a href="${sched("rust_gui")}">GUIs in Rust</a> and <a href="${sched("rust_media")}">Media Pipelines &amp; Rust</a> because Rust is growing.</li>
      <li><a href="${sched("tiny")}">Tiny Images</a> to learn about size.</li></ul>`;
    expect(talks(extract(html)).map((t) => [t.title, t.links.map((l) => l.url)])).toEqual([
      ["GUIs in Rust", [sched("rust_gui")]],
      ["Media Pipelines & Rust", [sched("rust_media")]],
      ["Tiny Images", [sched("tiny")]],
    ]);
  });

  it("does not split a talk from a project's site linked after it", () => {
    const html = `<ul><li><a href="${sched("ring")}">Ring Everywhere</a> and <a href="https://ring.example/">the project</a> are worth a look.</li></ul>`;
    expect(talks(extract(html)).map((t) => t.title)).toEqual(["Ring Everywhere"]);
  });

  it("reads a recording after a person's possessive as their talk", () => {
    const html = `<p><a href="https://ann.example/">Ann Lee</a>’s <a href="${yt("po1")}">Shader Basics talk</a> was great, and so was
      <a href="https://raj.example/">Raj Patel</a>’s <a href="${yt("po2")}">Save Systems</a>.</p>
      <p>The lightning talks: <a href="https://github.com/pixelfox">pixelfox</a>’s <a href="${yt("po3")}">tiny jam games</a>.</p>
      <p>Eva Marsh’s (<a href="https://linktr.ee/evm">EvM Games</a>) <a href="${yt("po4")}">Event Queues talk</a> was clear.</p>`;
    expect(talks(extract(html)).map((t) => [t.title, t.speakers])).toEqual([
      ["Shader Basics", ["Ann Lee"]],
      ["Save Systems", ["Raj Patel"]],
      ["tiny jam games", ["pixelfox"]],
      ["Event Queues", ["Eva Marsh"]],
    ]);
  });

  it("reads no talk from a possessive before a link that is no recording", () => {
    const html = `<p><a href="https://ann.example/">Ann Lee</a>’s <a href="https://ann.example/blog">blog</a> is great, and
      <a href="https://studio.example/">Studio Nine</a>’s <a href="https://www.youtube.com/@studionine">channel</a> too.</p>`;
    expect(talks(extract(html))).toEqual([]);
  });
});

describe("the conference's social side", () => {
  it("reads no talk from a party's or dinner's heading, whatever it links", () => {
    const html = `<h2>懇親会</h2><p>楽しかったです。<a href="https://speakerdeck.com/someone/lt-deck">LTのスライド</a></p>
      <h2>Speakers dinner</h2><p>We passed around the <a href="https://speakerdeck.com/someone/dinner-deck">slides</a> over dessert.</p>
      <h2>Typed Streams in Practice</h2><p><a href="${yt("ts1")}">Video</a></p>`;
    expect(talks(extract(html)).map((t) => t.title)).toEqual(["Typed Streams in Practice"]);
  });
});
