/**
 * Talks known by the shape of the list or table they are in, though they link no recording: a plain
 * list of "Title, Speaker" lines introduced as talks, links to the author's own notes under a
 * conference day's headings, and the cells of a timetable grid (some with no slides yet). Also two
 * talks with one generic title ("Keynote") given by different people. Every fixture is made up here.
 */
import { describe, expect, it } from "vitest";
import { extractRecap } from "@recap/core/recaps";
import { extractAt, talksOf } from "../helpers/recap-items";
import { introducesTalks, isOwnPage, titleCommaSpeakers } from "../../packages/core/src/recaps/shapes";

const baseUrl = "https://notes.example.net/2025/10/trip/";
const extract = extractAt(baseUrl);
const brief = (html: string, base = baseUrl) => talksOf(extractAt(base)(html)).map((t) => [t.title, t.speakers]);

describe("a plain list of talks, each 'Title, Speaker'", () => {
  const talkList = [
    `<p>The conference was great. The talks I caught on Saturday:</p>`,
    `<ul>`,
    `<li>Scaling Queues with Postgres, Jane Roe</li>`,
    `<li>Fuzzing Parsers for Fun and Profit, Raj Patel y Ann Lee</li>`,
    `<li>Opening Keynote, Mark Stone</li>`,
    `<li>Comparing Rust ORMs, Lena Fischer</li>`,
    `<li>Typed Configs in Practice, Omar Haddad</li>`,
    `<li>Lunch was excellent</li>`,
    `</ul>`,
  ].join("\n");

  it("reads the title before the last comma and the names after it", () => {
    expect(titleCommaSpeakers("Scaling Queues with Postgres, Jane Roe")).toEqual({
      title: "Scaling Queues with Postgres",
      byline: { speakers: ["Jane Roe"], organizations: [] },
      note: "",
    });
    expect(titleCommaSpeakers("Fuzzing Parsers, Fast, Raj Patel y Ann Lee")?.byline?.speakers).toEqual(["Raj Patel", "Ann Lee"]);
  });

  it("does not read places, versions or job titles so", () => {
    expect(titleCommaSpeakers("New York, United States")).toBeUndefined();
    expect(titleCommaSpeakers("Buenos Aires, Argentina")).toBeUndefined();
    expect(titleCommaSpeakers("Node.js, 20.11")).toBeUndefined();
    expect(titleCommaSpeakers("Head of Platform, Jane Roe")).toBeUndefined();
  });

  it("lists them as talks with their speakers when most items read so and the list is introduced as talks", () => {
    expect(brief(talkList)).toEqual([
      ["Scaling Queues with Postgres", ["Jane Roe"]],
      ["Fuzzing Parsers for Fun and Profit", ["Raj Patel", "Ann Lee"]],
      ["Opening Keynote", ["Mark Stone"]],
      // A title that reads like a name is a talk once the list is known to list talks.
      ["Comparing Rust ORMs", ["Lena Fischer"]],
      ["Typed Configs in Practice", ["Omar Haddad"]],
    ]);
  });

  it("needs the sentence or heading above to speak of talks", () => {
    expect(brief(talkList.replace("The talks I caught on Saturday:", "Books I read on the train:"))).toEqual([]);
    const underHeading = talkList.replace(/<p>.*?<\/p>/, "<h2>Charlas</h2><p>Lo que vi.</p>");
    expect(brief(underHeading)).toHaveLength(5);
  });

  it("needs the talks to introduce the list, not a mention of a talk above it", () => {
    for (const intro of [
      "Talks:",
      "The conference was great. The talks I caught on Saturday:",
      "Here are the talks I attended:",
      "I went to three sessions:",
      "Interesting talks I saw:",
      "Las charlas como siempre, sublimes, este año incluso hemos podido asistir a un taller.",
      "Les conférences que j'ai vues :",
      "Die Vorträge, die ich gesehen habe:",
      "Talks and workshops I attended:",
    ])
      expect(introducesTalks(intro, ""), intro).toBe(true);
    for (const heading of ["Charlas", "Talks I attended", "Some Day 1 Talks", "セッション"])
      expect(introducesTalks("", heading), heading).toBe(true);
    for (const intro of [
      "After my talk last month, a lot of you asked whether we have open roles. We do! Each lead is happy to chat.",
      "We host tech talks every Friday. Our teams:",
      "Habrá charlas y clases prácticas en el aula 3, los martes y jueves por la tarde:",
      "Las charlas y clases del curso:",
    ])
      expect(introducesTalks(intro, ""), intro).toBe(false);
  });

  it("leaves lists of places, versions and people by role alone, even introduced as talks", () => {
    const lists = [
      `<p>Where the speakers came from:</p><ul><li>San Francisco, United States</li><li>New York, New York</li><li>Buenos Aires, Argentina</li><li>Kuala Lumpur, Malaysia</li></ul>`,
      `<p>Tools used in the talks:</p><ul><li>Node.js, 20.11</li><li>TypeScript, 5.4</li><li>Vite, 5.2</li></ul>`,
      `<p>Our team at the talks:</p><ul><li>Head of Platform, Jane Roe</li><li>Staff Engineer, Raj Patel</li><li>Engineering Manager, Ann Lee</li></ul>`,
    ];
    for (const html of lists) expect(extract(html)).toEqual([]);
  });

  it("needs three such items that are most of the list", () => {
    const two = `<p>Two talks stood out:</p><ul><li>Scaling Queues with Postgres, Jane Roe</li><li>Opening Keynote, Mark Stone</li></ul>`;
    expect(brief(two)).toEqual([]);
    const mostlyOther = `<p>Talks and more:</p><ul><li>Scaling Queues with Postgres, Jane Roe</li><li>Opening Keynote, Mark Stone</li><li>Typed Configs in Practice, Omar Haddad</li><li>Coffee</li><li>Hallway chats</li><li>The venue</li></ul>`;
    expect(brief(mostlyOther)).toEqual([]);
  });

  it("does not make a normal post a recap: a link-less list is no evidence for detection", () => {
    const result = extractRecap(talkList, { baseUrl, marked: false });
    expect(result).toEqual({ isRecap: false, detected: false, items: [] });
  });
});

describe("links to the author's own notes under a conference day's headings", () => {
  const repo = "https://github.com/jdoe/conf-notes";
  const days = [
    `<h1>Conf 2025</h1>`,
    `<h2>Day 1</h2><ul>`,
    `<li><a href="/jdoe/conf-notes/blob/main/etcd/README.md">Scaling etcd in Production Clusters</a></li>`,
    `<li><a href="/jdoe/conf-notes/blob/main/mesh/README.md">Tutorial: Service Mesh Without Tears</a></li>`,
    `<li><a href="/jdoe/conf-notes/blob/main/ci/README.md">Fast CI for Large Monorepos</a></li>`,
    `</ul>`,
  ].join("\n");

  it("knows the author's own pages, on a shared host by the owner's path", () => {
    expect(isOwnPage("/jdoe/conf-notes/blob/main/a.md", repo)).toBe(true);
    expect(isOwnPage("https://github.com/someone/else", repo)).toBe(false);
    expect(isOwnPage("/2025/10/scaling-etcd/", baseUrl)).toBe(true);
    expect(isOwnPage("https://other.example.org/2025/10/scaling-etcd/", baseUrl)).toBe(false);
    expect(isOwnPage(baseUrl, baseUrl)).toBe(false);
  });

  it("lists each linked title as a talk, its notes page as its link", () => {
    const items = extractAt(repo)(days);
    expect(items.map((t) => [t.kind, t.title, t.links.map((l) => l.url)])).toEqual([
      ["talk", "Scaling etcd in Production Clusters", ["https://github.com/jdoe/conf-notes/blob/main/etcd/README.md"]],
      ["talk", "Tutorial: Service Mesh Without Tears", ["https://github.com/jdoe/conf-notes/blob/main/mesh/README.md"]],
      ["talk", "Fast CI for Large Monorepos", ["https://github.com/jdoe/conf-notes/blob/main/ci/README.md"]],
    ]);
    const blog = days.replace(/\/jdoe\/conf-notes\/blob\/main\/(\w+)\/README\.md/g, "/2025/10/$1/");
    expect(brief(blog)).toHaveLength(3);
  });

  it("needs a day's heading, links to the author's own pages, and titles that read like talks", () => {
    expect(extractAt(repo)(days.replace("Day 1", "Posts I wrote"))).toEqual([]);
    expect(extractAt(repo)(days.replaceAll("/jdoe/", "/someone/"))).toEqual([]);
    const short = `<h2>Day 2</h2><ul><li><a href="/2025/10/photos/">Photos</a></li><li><a href="/2025/10/jane/">Jane Roe</a></li><li><a href="/2025/10/venue/">The venue</a></li></ul>`;
    expect(extract(short)).toEqual([]);
    const sentences = `<h2>Day 2</h2><ul><li><a href="/a/">We arrived late and missed the opening.</a></li><li><a href="/b/">The coffee at the venue was really good.</a></li><li><a href="/c/">I spent the afternoon at the booth.</a></li></ul>`;
    expect(extract(sentences)).toEqual([]);
  });

  it("reads a track's heading as a day's", () => {
    expect(extractAt(repo)(days.replace("Day 1", "Lightning talks")).map((t) => t.section)).toEqual([
      "Lightning talks",
      "Lightning talks",
      "Lightning talks",
    ]);
  });

  it("does not make a normal post a recap", () => {
    expect(extractRecap(days, { baseUrl: repo, marked: false }).detected).toBe(false);
  });
});

describe("a timetable grid", () => {
  const deck = (id: string) => `https://speakerdeck.com/someone/${id}`;
  const grid = [
    `<table><thead><tr><th>Time</th><th>Room A</th><th>Room B</th></tr></thead><tbody>`,
    `<tr><td>10:00 ~ 10:30</td><td>Typed Routing in Practice<a href="${deck("routing")}">📄</a></td><td>Effects Without Fear<a href="${deck("effects")}">📄</a></td></tr>`,
    `<tr><td>10:40 ~ 11:10</td><td>Code Generation from Schemas<a href="${deck("codegen")}">📄</a></td><td>Speeding up the type checker<a href="https://drive.example.org/file/1">📄</a></td></tr>`,
    `<tr><td></td><td>Keynote: The Road Ahead <a href="">📄(soon)</a></td><td></td></tr>`,
    `<tr><td>12:00 ~ 13:00</td><td>Lunch</td><td>Jane Roe <a href="https://x.com/janeroe">🐦</a></td></tr>`,
    `</tbody></table>`,
  ].join("\n");

  it("lists every cell written as its talks are, one talk per cell, even with no slides yet", () => {
    expect(talksOf(extract(grid)).map((t) => [t.title, t.links.map((l) => l.url)])).toEqual([
      ["Typed Routing in Practice", [deck("routing")]],
      ["Effects Without Fear", [deck("effects")]],
      ["Code Generation from Schemas", [deck("codegen")]],
      ["Speeding up the type checker", ["https://drive.example.org/file/1"]],
      ["Keynote: The Road Ahead", []],
    ]);
  });

  it("needs two rows of two talks before it reads a lone cell as one", () => {
    const oneRow = grid.replace(/<tr><td>10:40[\s\S]*?<\/tr>/, "");
    expect(talksOf(extract(oneRow)).map((t) => t.title)).toEqual(["Typed Routing in Practice", "Effects Without Fear"]);
  });

  it("leaves a table with one linked name per row as it was", () => {
    const tools = [
      `<table><tr><th>Tool</th><th>Version</th></tr>`,
      `<tr><td>Package manager <a href="https://docs.example.org/pm">docs</a></td><td>9.1</td></tr>`,
      `<tr><td>Bundler <a href="https://docs.example.org/bundler">docs</a></td><td>5.2</td></tr>`,
      `<tr><td>Test runner <a href="https://docs.example.org/test">docs</a></td><td>1.6</td></tr></table>`,
    ].join("\n");
    expect(extract(tools)).toEqual([]);
  });
});

describe("one title given by different people", () => {
  it("is two talks; the same talk listed twice stays one", () => {
    const html = `<p>The talks, in order:</p><ul><li>Keynote, Jane Roe</li><li>Scaling Queues with Postgres, Raj Patel</li><li>Keynote, Mark Stone</li><li>Scaling Queues with Postgres, Raj Patel</li></ul>`;
    expect(brief(html)).toEqual([
      ["Keynote", ["Jane Roe"]],
      ["Scaling Queues with Postgres", ["Raj Patel"]],
      ["Keynote", ["Mark Stone"]],
    ]);
  });
});

describe("detection with talks known only by their list's shape", () => {
  const yt = (id: string) => `https://www.youtube.com/watch?v=${id}`;
  const videos = [
    `<ul><li><a href="${yt("aaa111")}">Scaling Queues with Postgres</a> — Jane Roe, Acme</li>`,
    `<li><a href="${yt("bbb222")}">Typed Configs in Practice</a> — Raj Patel, Initech</li>`,
    `<li><a href="${yt("ccc333")}">Effects Without Fear</a> — Ann Lee, Globex</li></ul>`,
  ].join("\n");
  const steps = `<ol>${Array.from({ length: 12 }, (_, i) => `<li>Step ${i + 1} of the setup</li>`).join("")}</ol>`;
  const commaTalks = `<p>Other talks I heard:</p><ul><li>Fuzzing Parsers for Fun, Omar Haddad</li><li>Opening Keynote, Mark Stone</li><li>Shipping Small Binaries, Lena Fischer</li><li>Hacking the Build, Rosa Diaz</li></ul>`;

  it("still needs the recorded talks to be a quarter of the post's lists", () => {
    expect(extractRecap(videos, { baseUrl, marked: false }).detected).toBe(true);
    expect(extractRecap(videos + steps, { baseUrl, marked: false }).detected).toBe(false);
    // Four link-less talks do not tip a tutorial with three recorded talks into a recap.
    expect(extractRecap(videos + steps + commaTalks, { baseUrl, marked: false }).detected).toBe(false);
  });
});

describe("a talk named in prose by a bold or quoted title and who gave it", () => {
  it("reads the title after a word for a talk and the names after 'de', 'by' or 'par'", () => {
    expect(
      brief(
        `<p>Si je devais retenir une chose de la conférence <strong>Les tests qui mentent</strong> de Claire Martin, ce serait la rigueur.</p>`,
      ),
    ).toEqual([["Les tests qui mentent", ["Claire Martin"]]]);
    expect(brief(`<p>I really enjoyed the talk “Shipping Small Binaries” by Jane Roe, which showed how to cut image sizes.</p>`)).toEqual([
      ["Shipping Small Binaries", ["Jane Roe"]],
    ]);
    expect(
      brief(
        `<p>Le talk <strong>Dessiner avec Compose</strong> de <a href="https://mastodon.example/@lea">Léa Girard</a> a été le plus original.</p>`,
      ),
    ).toEqual([["Dessiner avec Compose", ["Léa Girard"]]]);
  });

  it("takes 'avec' or 'with' only before a verb of presenting", () => {
    expect(
      brief(
        `<p>On termine avec un talk sur l’architecture. <strong>Un monolithe modulaire, pas à pas</strong>, avec Jean-Marc Dupont et Julie Roux, nous présente leur migration.</p>`,
      ),
    ).toEqual([["Un monolithe modulaire, pas à pas", ["Jean-Marc Dupont", "Julie Roux"]]]);
    // (The line's own reading, cut at "with", is older and left as it is.)
    const company = brief(
      `<p>Between two talks I met <strong>Old Friends From Lyon</strong>, with Jane Roe and Raj Patel, for coffee.</p>`,
    );
    expect(company.map(([title]) => title)).not.toContain("Old Friends From Lyon");
  });

  it("needs a word for a talk before the title, and who gave it after", () => {
    expect(brief(`<p>We stayed at <strong>Hotel du Parc</strong> de Jean Martin, right by the venue.</p>`)).toEqual([]);
    expect(brief(`<p>The talk <strong>Shipping Small Binaries</strong> was packed.</p>`)).toEqual([]);
  });

  it("is no evidence for detection: it links no recording", () => {
    const html = `<p>La conférence <strong>Les tests qui mentent</strong> de Claire Martin était top.</p><p>La conférence <strong>Un monolithe modulaire</strong> de Jean Dupont aussi.</p><p>Le talk <strong>Dessiner avec Compose</strong> de Léa Girard enfin.</p>`;
    expect(extractRecap(html, { baseUrl, marked: false })).toEqual({ isRecap: false, detected: false, items: [] });
    expect(brief(html)).toHaveLength(3);
  });
});
