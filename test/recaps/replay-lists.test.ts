/**
 * Rules added when French "best of the replays" posts joined the evaluation set: a heading per talk
 * whose recording is a list item holding only the bare URL, and speakers named in the prose under
 * the heading ("Jane Doe et Raj Patel présentent …", "Excellent talk d'Ann Lee sur …"). Every
 * fixture is made up here.
 */
import { describe, expect, it } from "vitest";
import { extractAt, talksOf, youtube } from "../helpers/recap-items";

const baseUrl = "https://blog.example.fr/2025/05/replays/";
const extract = extractAt(baseUrl);
const talks = talksOf;
const yt = youtube;
const replay = (title: string, prose: string, id: string) =>
  `<h2>${title}</h2><p>${prose}</p><ul><li><a href="${yt(id)}">${yt(id)}</a></li></ul>`;

describe("a talk heading whose recording is a bare link in a list under it", () => {
  it("is one talk with that recording, not a heading over an untitled list", () => {
    const html = [
      `<p>Voici ma sélection de replays à voir.</p>`,
      replay("Les index sans peine", "Un sujet que je croyais connaître.", "aaaaaaaaaa1"),
      replay("Observabilité pour les nuls", "Très clair, à montrer aux débutants.", "aaaaaaaaaa2"),
      replay("Le cache, ce mal aimé", "Des démos bien préparées.", "aaaaaaaaaa3"),
    ].join("");
    const found = talks(extract(html));
    expect(found.map((t) => t.title)).toEqual(["Les index sans peine", "Observabilité pour les nuls", "Le cache, ce mal aimé"]);
    expect(found[1]!.links.map((l) => l.url)).toEqual([yt("aaaaaaaaaa2")]);
  });

  it("leaves a heading over list items that are talks of their own as their section", () => {
    const html = [
      `<h2>Keynotes</h2><ul>`,
      `<li><a href="${yt("bbbbbbbbbb1")}">Opening the Platform Era</a></li>`,
      `<li><a href="${yt("bbbbbbbbbb2")}">Closing the Loop on Latency</a></li>`,
      `<li><a href="${yt("bbbbbbbbbb3")}">A Decade of Open Source</a></li></ul>`,
    ].join("");
    const found = talks(extract(html));
    expect(found.map((t) => t.title)).toEqual(["Opening the Platform Era", "Closing the Loop on Latency", "A Decade of Open Source"]);
    expect(found.every((t) => t.section === "Keynotes")).toBe(true);
  });
});

describe("speakers named in the prose under a talk's heading", () => {
  const speakersOf = (prose: string) => talks(extract(replay("Les index sans peine", prose, "cccccccccc1")))[0]?.speakers;

  it("takes the names before a verb of presenting, in French, English or German", () => {
    expect(speakersOf("Jeanne Martin et Paul Durand présentent les index partiels.")).toEqual(["Jeanne Martin", "Paul Durand"]);
    expect(speakersOf("Jeanne Martin a présenté les index partiels.")).toEqual(["Jeanne Martin"]);
    expect(speakersOf("Jane Doe explains partial indexes with live demos.")).toEqual(["Jane Doe"]);
    expect(speakersOf("Jana Schmidt zeigt partielle Indizes.")).toEqual(["Jana Schmidt"]);
  });

  it("takes who gave it after a word for the talk and 'de', 'd'' or 'par'", () => {
    expect(speakersOf("Excellent talk d'Olivia Perret sur la faille xz.")).toEqual(["Olivia Perret"]);
    expect(speakersOf("Un chouette REX de Marc Lebrun sur sa carrière.")).toEqual(["Marc Lebrun"]);
    expect(speakersOf("Un talk que j'ai raté de Léa Roux, Hugo Blanc, Inès Petit.")).toEqual(["Léa Roux", "Hugo Blanc", "Inès Petit"]);
  });

  it("takes no project or product for a speaker", () => {
    expect(speakersOf("Argo Rollouts makes progressive delivery easy.")).toEqual([]);
    expect(speakersOf("Un talk de 15 minutes sur Postgres.")).toEqual([]);
  });
});
