import { describe, expect, it } from "vitest";
import { extractRecap } from "@recap/core/recaps";
import { isSpeakerName, isThingWord } from "../../packages/core/src/recaps/byline";

const baseUrl = "https://blog.example.com/post/";
const talks = (html: string) => extractRecap(html, { baseUrl, marked: true }).items.filter((i) => i.kind === "talk");

describe("a speaker looks like a person", () => {
  it.each([
    // fields of study, tech terms, products, organizations, places
    ["Computer Science", ""],
    ["Electrical Engineering", ""],
    ["Argo CD", "Multi-Cluster Magics"],
    ["Cluster Inventory", "Multi-Cluster Magics"],
    ["GitOps User Stories", "Panel: GitOps User Stories"],
    ["ServiceNow Cloud Observability", ""],
    ["Apache TomEE", ""],
    ["Red Hat", ""],
    ["Grafana Labs", ""],
    ["Salt Lake City", ""],
    ["United Kingdom", ""],
    ["Moscone Center", ""],
    // a fragment of the talk's own title
    ["Selective Functor", "Applicative Functor - Selective Functor - Monad"],
    ["Quiet Harbor", "Sailing Past Quiet Harbor Into Production"],
    // the pronoun after a name, not an initial
    ["Raj Patel I", ""],
  ])("%s is no speaker (title %j)", (name, title) => {
    expect(isSpeakerName(name, title)).toBe(false);
  });

  it.each([
    ["Mark Russinovich", "Inside Azure innovations with Mark Russinovich"],
    ["Santhosh Fernandes", "L3AF: Lifecycle Management of eBPF Programs - Santhosh Fernandes"],
    ["Michael McCune", ""],
    ["Kim-Adeline Miguel", ""],
    ["Conan O’Brien", ""],
    ["Benjamin Elder", "Zero Test Flakes"],
    ["Elijah Straight", ""],
    ["StayAtHomeDev", "Youtube Crash Course"],
  ])("%s is a speaker (title %j)", (name, title) => {
    expect(isSpeakerName(name, title)).toBe(true);
  });

  it("tells thing words from surnames with a capital inside", () => {
    expect(["GitOps", "JavaScript", "TomEE", "Kubernetes", "Science"].map(isThingWord)).toEqual([true, true, true, true, true]);
    expect(["McCune", "MacDonald", "LeRay", "DeShawn", "Straight"].map(isThingWord)).toEqual([false, false, false, false, false]);
  });
});

describe("speakers wherever they are read", () => {
  it("drops a field of study read out of a job title, keeps the person", () => {
    const [talk] = talks(`<ul>
      <li><p><strong>Ada Byron</strong>, Professor Emeritus of Mathematics, and of Electrical Engineering and Computer Science presented <a href="https://www.youtube.com/watch?v=a1">Debugging Tools for Numbers</a></p></li>
      <li><p><strong>Bob Ray</strong>, Professor at Some University presented <a href="https://www.youtube.com/watch?v=a2">Second Talk Here</a></p></li>
    </ul>`);
    expect(talk?.speakers).toEqual(["Ada Byron"]);
  });

  it("reads no speakers out of product names in a title", () => {
    const found = talks(`<ul>
      <li><a href="https://youtu.be/m1">Multi-Cluster Magics with Argo CD and Cluster Inventory</a></li>
      <li><a href="https://youtu.be/m2">Applicative Functor - Selective Functor - Monad</a></li>
    </ul>`);
    expect(found.length).toBe(2);
    for (const talk of found) expect(talk.speakers).toEqual([]);
  });

  it("reads the speakers of a note's sentence after a leading clause, as subjects of a verb of presenting", () => {
    const [talk] = talks(`<h3><a href="https://www.youtube.com/watch?v=c1">GitHub Copilot : aller plus loin</a></h3>
      <p>Encore de l’IA, Jeanne Martin et Paul Durand ont présenté les nouveautés de l’outil.</p>
      <h3><a href="https://www.youtube.com/watch?v=c2">Communiquer dans l’espace</a></h3>
      <p>Très loin de la tech du quotidien, Louis Perrin explique comment parler à un satellite.</p>`);
    expect(talk?.speakers).toEqual(["Jeanne Martin", "Paul Durand"]);
    expect(
      talks(`<h3><a href="https://www.youtube.com/watch?v=c2">Communiquer dans l’espace</a></h3>
      <p>Très loin de la tech du quotidien, Louis Perrin explique comment parler à un satellite.</p>`)[0]?.speakers,
    ).toEqual(["Louis Perrin"]);
  });

  it("does not take the post's author, introduced in a sentence, for a speaker", () => {
    const found = talks(`<p>Hi, I’m Jane Doe, and together with Raj Patel I travelled to Salt Lake City for KubeCon.</p>
      <ul>
        <li><a href="https://youtu.be/e1">Scaling Kubernetes Controllers</a></li>
        <li><a href="https://youtu.be/e2">Observability Without Tears</a></li>
      </ul>`);
    expect(found.map((t) => t.title)).toEqual(expect.arrayContaining(["Scaling Kubernetes Controllers", "Observability Without Tears"]));
    for (const talk of found) expect(talk.speakers).toEqual([]);
  });

  it("takes no place or company after a comma for a speaker", () => {
    const found = talks(`<ul>
      <li><a href="https://youtu.be/f1">Edge Computing at Scale - Salt Lake City</a></li>
      <li><a href="https://youtu.be/f2">Platform Teams in Practice - Red Hat &amp; Grafana Labs</a></li>
    </ul>`);
    for (const talk of found) expect(talk.speakers).toEqual([]);
  });
});
