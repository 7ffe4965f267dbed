import { describe, expect, it } from "vitest";
import { extractRecap } from "@recap/core/recaps";

const baseUrl = "https://blog.example.com/post/";

/** Speakers and organizations of one talk listed as "<a>Title</a> – byline" among two plain ones. */
function bylineOf(byline: string) {
  const html = `<ul>
    <li><a href="https://youtu.be/b1">Talk Under Test</a> – ${byline}</li>
    <li><a href="https://youtu.be/b2">Second Talk</a> – Ann Lee, Acme</li>
    <li><a href="https://youtu.be/b3">Third Talk</a> – Bob Ray, Bar</li>
  </ul>`;
  // Marked, so the talk is listed whatever the detector makes of a byline it cannot read.
  const [first] = extractRecap(html, { baseUrl, marked: true }).items;
  return { title: first?.title, speakers: first?.speakers, organizations: first?.organizations };
}

describe("bylines", () => {
  it.each([
    ["Chris Aniszczyk, CTO, CNCF", ["Chris Aniszczyk"], ["CNCF"]],
    ["Jane Doe, VP of Engineering, Intuit", ["Jane Doe"], ["Intuit"]],
    ["Jane Doe, Staff Engineer at Intuit", ["Jane Doe"], ["Intuit"]],
    ["Jane Doe, Principal Engineer", ["Jane Doe"], []],
    ["Clayton Coleman, Google &amp; Jiaxin Shan, ByteDance", ["Clayton Coleman", "Jiaxin Shan"], ["Google", "ByteDance"]],
    ["Moderated by Kasper Borg Nissen, Lunar", ["Kasper Borg Nissen"], ["Lunar"]],
    ["Jane Doe, Procter &amp; Gamble", ["Jane Doe"], ["Procter & Gamble"]],
    ["Jane Doe from Procter &amp; Gamble", ["Jane Doe"], ["Procter & Gamble"]],
    ["Jane Doe (Procter &amp; Gamble) and Raj Patel (AT&amp;T)", ["Jane Doe", "Raj Patel"], ["Procter & Gamble", "AT&T"]],
    ["Jane Doe, AT&amp;T and Raj Patel, Red Hat", ["Jane Doe", "Raj Patel"], ["AT&T", "Red Hat"]],
    ["Jane Doe &amp; Raj Patel", ["Jane Doe", "Raj Patel"], []],
    ["Ann Bee, Cy Dee, Ed Eff", ["Ann Bee", "Cy Dee", "Ed Eff"], []],
    // After "from the …" the org's name runs on through "and"; the article is dropped.
    ["Kari Example from the Bureau of Roads and Bridges", ["Kari Example"], ["Bureau of Roads and Bridges"]],
    ["Kari Example from Acme and Ola Sample from Initech", ["Kari Example", "Ola Sample"], ["Acme", "Initech"]],
    ["Kari Example from the CNCF and Ola Sample from Initech", ["Kari Example", "Ola Sample"], ["CNCF", "Initech"]],
    // A nickname between the names stays in the name.
    ["Margaret (Peggy) Example, Intuit", ["Margaret (Peggy) Example"], ["Intuit"]],
    // The name again in its own script, in parentheses after it.
    ["Wei Sample (魏样) and Ann Lee", ["Wei Sample (魏样)", "Ann Lee"], []],
  ])("%s", (byline, speakers, organizations) => {
    expect(bylineOf(byline)).toEqual({ title: "Talk Under Test", speakers, organizations });
  });

  it("does not take a single word for a speaker (a known limit: one-word names are left out)", () => {
    expect(bylineOf("Madonna, Acme")).toEqual({ title: "Talk Under Test", speakers: [], organizations: [] });
  });
});

describe("a byline right after the title, in the talk's language", () => {
  /** "<a>Title</a> de Jane Doe pour …": the speakers after "by" in French, Spanish or Portuguese, up to the clause that follows. */
  function after(text: string) {
    const html = `<ul>
      <li><a href="https://conf.example/schedule/talk/?id=1">Talk Under Test</a> ${text}</li>
      <li><a href="https://conf.example/schedule/talk/?id=2">Second Talk</a> par Ann Lee</li>
    </ul>`;
    const [first] = extractRecap(html, { baseUrl, marked: true }).items;
    return first?.speakers;
  }

  it.each([
    ["de Julie Exemple pour un bon moment de live coding.", ["Julie Exemple"]],
    ["de Ana Ruiz y Tom Becker sobre GitOps", ["Ana Ruiz", "Tom Becker"]],
    ["par Paul Exemple et Marie Test : une belle démo", ["Paul Exemple", "Marie Test"]],
  ])("%s", (text, speakers) => {
    expect(after(text)).toEqual(speakers);
  });

  it.each(["de la communauté française, très vivante", "de Kubernetes à la production en une heure", "de 2023 à 2024"])(
    "takes no speaker from %j",
    (text) => {
      expect(after(text)).toEqual([]);
    },
  );
});

describe("a recording's title that holds the separator itself", () => {
  const speakersOf = (label: string) => {
    const html = `<ul><li><a href="https://youtu.be/t1">${label}</a></li><li><a href="https://youtu.be/t2">Other - Ann Lee</a></li></ul>`;
    return extractRecap(html, { baseUrl, marked: true }).items[0]?.speakers;
  };

  it.each([
    ["Panel - Operators: the Sequel - Ann Lee, Bob Ray, &amp; Cy Dee", ["Ann Lee", "Bob Ray", "Cy Dee"]],
    ["Keynote — State of the project — Jane Doe", ["Jane Doe"]],
  ])("names the speakers after its last separator: %s", (label, speakers) => {
    expect(speakersOf(label)).toEqual(speakers);
  });

  it("names no one when nothing after a separator is a name", () => {
    expect(speakersOf("Argo CD - scaling out - part two")).toEqual([]);
  });
});
