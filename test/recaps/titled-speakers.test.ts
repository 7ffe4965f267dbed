/**
 * Talks named by a heading, or by a paragraph that is only a title, with who gave them on the line
 * after it ("Speaker: …", "presented by …", "Přednášeli …", "vorgestellt von …", "Jane Doe from Acme
 * showed …"), in a post about a conference; and "Title led by Name, Job Title, Company" items.
 * Judged over the whole post: several such pairs, and the post speaks of a conference or its talks.
 * Fixtures are made up here.
 */
import { describe, expect, it } from "vitest";
import { extractRecap } from "@recap/core/recaps";
import { extractAt, talksOf } from "../helpers/recap-items";

const baseUrl = "https://notes.example.org/posts/meshconf-2031/";
const extract = extractAt(baseUrl);
const bylines = (html: string) => talksOf(extract(html)).map((t) => [t.title, t.speakers, t.organizations]);

describe("a title, then who gave it", () => {
  it("reads '##Title:' paragraphs (a broken Markdown heading) over an italic 'Speaker:' line, with the notes under them", () => {
    const html = `<p>Notes from the lightning talks on the first evening of the conference.</p>
      <p>##Faster Builds With Remote Caches:</p><p><em>Speaker: Nora Quist, Logwise</em></p>
      <ul><li>cache keys matter - Build Team, Infra Team, etc.</li><li>measure first</li></ul>
      <p>##Getting Started with Docs Contributions:</p><p><em>Speaker: Emil Varga, Initech</em></p>
      <ul><li>start with typos</li></ul>
      <p>##Tracing Without Tears</p><p><em>Speaker: Ada Brandt, Acme</em></p>
      <ul><li>sample wisely</li></ul>`;
    expect(bylines(html)).toEqual([
      ["Faster Builds With Remote Caches", ["Nora Quist"], ["Logwise"]],
      ["Getting Started with Docs Contributions", ["Emil Varga"], ["Initech"]],
      ["Tracing Without Tears", ["Ada Brandt"], ["Acme"]],
    ]);
  });

  it("reads headings over 'presented by', 'vorgestellt von', 'présenté par' and 'por' lines", () => {
    const html = `<p>My favourite talks of MeshConf 2031.</p>
      <h3>Scaling Queues in Practice</h3><p>Presented by Nora Quist (Logwise)</p><p>Great numbers.</p>
      <h3>Typsichere Konfiguration</h3><p>Vorgestellt von Emil Varga und Ada Brandt</p><p>Sehr gut.</p>
      <h3>Observabilité pour tous</h3><p>Présenté par Lucie Martin</p><p>Bien.</p>
      <h3>Pruebas de carga con k6</h3><p>por Diego Ramos</p><p>Muy útil.</p>`;
    expect(bylines(html)).toEqual([
      ["Scaling Queues in Practice", ["Nora Quist"], ["Logwise"]],
      ["Typsichere Konfiguration", ["Emil Varga", "Ada Brandt"], []],
      ["Observabilité pour tous", ["Lucie Martin"], []],
      ["Pruebas de carga con k6", ["Diego Ramos"], []],
    ]);
  });

  it("reads Czech 'Přednášel / Přednášeli …' lines under headings", () => {
    const html = `<p>Druhý den konference byl plný přednášek.</p>
      <h3>Multi-Cluster Networking Explained</h3><p>Přednášel Jan Novák z Acme Labs. Ukázal demo.</p>
      <h3>GitOps at Scale</h3><p>Přednášeli Eva Dvořáková a Petr Svoboda. Bylo to skvělé.</p>
      <h3>Platforms as Products</h3><p>Přednášela Lucie Horáková z Initech. Moc pěkné.</p>`;
    expect(bylines(html)).toEqual([
      ["Multi-Cluster Networking Explained", ["Jan Novák"], ["Acme Labs"]],
      ["GitOps at Scale", ["Eva Dvořáková", "Petr Svoboda"], []],
      ["Platforms as Products", ["Lucie Horáková"], ["Initech"]],
    ]);
  });

  it("reads headings over a sentence opening with the speaker and their company", () => {
    const html = `<p>Here are the sessions I saw at MeshConf.</p>
      <h3>Queues Without Tears</h3><p>Nora Quist from Logwise showed how retries pile up.</p>
      <h3>Typed Streams</h3><p>Emil Varga from Initech explained the new API.</p>
      <h3>Edge Caching Done Right</h3><p>Ada Brandt from Acme walked through their rollout.</p>`;
    expect(bylines(html)).toEqual([
      ["Queues Without Tears", ["Nora Quist"], ["Logwise"]],
      ["Typed Streams", ["Emil Varga"], ["Initech"]],
      ["Edge Caching Done Right", ["Ada Brandt"], ["Acme"]],
    ]);
  });

  it("keeps the heading whole when a speaker line follows, though it reads 'Title with X' or 'Title - X'", () => {
    const html = `<p>Conference talks from day one.</p>
      <h3>Getting Started with Non-Code Contributions</h3><p>Speaker: Nora Quist, Logwise</p>
      <h3>Building UIs for Clusters - Based ML</h3><p>Speaker: Emil Varga, Initech</p>
      <h3>Open Match - Matchmaking Framework</h3><p>Speaker: Ada Brandt, Acme</p>`;
    expect(talksOf(extract(html)).map((t) => t.title)).toEqual([
      "Getting Started with Non-Code Contributions",
      "Building UIs for Clusters - Based ML",
      "Open Match - Matchmaking Framework",
    ]);
  });
});

describe("'Title led by Name, Job Title, Company' items", () => {
  it("drops the job titles, 'Co-founder and CEO' included, and keeps people and companies", () => {
    const sched = (id: string) => `https://sched.co/${id}`;
    const html = `<p>Sessions featuring our project at MeshConf:</p><ul>
      <li><a href="${sched("Ab1")}">Intro Birds of a Feather Session</a> led by Nora Quist, Software Engineer, <a href="https://logwise.example.com">Logwise</a> and Emil Varga, Cloud Infrastructure Developer, <a href="https://initech.example.com">Initech</a><ul><li>Tuesday @ 10:50 AM</li></ul></li>
      <li><a href="${sched("Ab2")}">Running VMs Beside Containers</a> presented by Ada Brandt, Co-founder and CEO, <a href="https://acme.example.com">Acme</a><ul><li>Thursday @ 1:45 PM</li></ul></li>
    </ul>`;
    expect(bylines(html)).toEqual([
      ["Intro Birds of a Feather Session", ["Nora Quist", "Emil Varga"], ["Logwise", "Initech"]],
      ["Running VMs Beside Containers", ["Ada Brandt"], ["Acme"]],
    ]);
  });
});

describe("posts that are not recaps keep their headings", () => {
  it("a tutorial whose section headings are followed by 'Note: …' lines", () => {
    const html = `<h2>Install the CLI</h2><p>Note: Homebrew Users should run the update first.</p><p>Then run the installer.</p>
      <h2>Configure the Cluster</h2><p>Note: Jane Doe from Acme wrote the defaults.</p><p>Edit the file.</p>
      <h2>Deploy the App</h2><p>Note: Staging Clusters differ.</p><p>Apply the manifest.</p>
      <p>Build Your Image</p><p>Note: Docker Desktop works too.</p>`;
    expect(talksOf(extract(html))).toEqual([]);
    expect(extractRecap(html, { baseUrl, marked: false }).isRecap).toBe(false);
  });

  it("an interview whose 'Speaker:' lines are answers, not names", () => {
    const html = `<p>We talked to our new maintainer about the conference season.</p>
      <h3>How did you start?</h3><p>Speaker: I started coding when I was twelve, mostly games.</p>
      <h3>Getting Into Open Source</h3><p>Speaker: A friend showed me the issue tracker.</p>
      <p>What Keeps You Going</p><p>Speaker: The people, honestly. And the talks at meetups.</p>
      <p>Advice for Newcomers</p><p>Speaker: Just ask. Everybody was new once.</p>`;
    expect(talksOf(extract(html))).toEqual([]);
    expect(extractRecap(html, { baseUrl, marked: false }).isRecap).toBe(false);
  });

  it("a blog whose post titles are followed by author bylines", () => {
    const html = `<p>Latest from our engineering blog.</p>
      <p>Migrating Our Build System</p><p>By Nora Quist</p><p>We moved to a new build tool last spring.</p>
      <p>Caching at the Edge</p><p>By Emil Varga</p><p>How we cut latency in half.</p>
      <p>What We Learned From Outages</p><p>By Ada Brandt</p><p>A look back at the year.</p>`;
    expect(talksOf(extract(html))).toEqual([]);
    expect(extractRecap(html, { baseUrl, marked: false }).isRecap).toBe(false);
    // With headings for titles, a link-less blog index is still no recap.
    const headed = html.replace(/<p>((?:Migrating|Caching|What We)[^<]*)<\/p>/g, "<h3>$1</h3>");
    expect(extractRecap(headed, { baseUrl, marked: false }).isRecap).toBe(false);
  });

  it("two title + speaker pairs are not enough to pair titles with speaker lines", () => {
    const html = `<p>Notes from the conference.</p>
      <p>Faster Builds With Remote Caches</p><p>Speaker: Nora Quist, Logwise</p>
      <p>Tracing Without Tears</p><p>Speaker: Ada Brandt, Acme</p>`;
    const found = talksOf(extract(html));
    expect(found.filter((t) => t.speakers.includes("Nora Quist") || t.speakers.includes("Ada Brandt"))).toEqual([]);
    expect(found.map((t) => t.title)).not.toContain("Tracing Without Tears");
  });
});

describe("plain headings whose first sentence calls them a talk", () => {
  it("takes headings of one rank as talks when three of them open with 'the talk' in a post about a conference", () => {
    const html = `<p>Jsem na konferenci KubeCon a tady jsou moje poznámky.</p>
      <h2>Co jsem se dozvěděl</h2><p>Chodil jsem hodně po přednáškách.</p>
      <h3>Simplifying Multi-Cluster Networking</h3><p>Cilium už nějakou dobu podporuje Cluster Mesh.</p>
      <h3>Platforms as a Product</h3><p>Moc pěkná přednáška o platformách. Platforma potřebuje vizi.</p>
      <h3>Argo at Scale</h3><p>Přednáška byla o Adobe v číslech.</p>
      <h3>Scale GitOps with Agents</h3><p>This talk introduced the agent. It was fun.</p>`;
    expect(talksOf(extract(html)).map((t) => t.title)).toEqual([
      "Simplifying Multi-Cluster Networking",
      "Platforms as a Product",
      "Argo at Scale",
      "Scale GitOps with Agents",
    ]);
  });

  it("does not count 'In the keynote, we …', nor a post that names no conference", () => {
    const keynote = `<p>Our conference recap.</p>
      <h2>New Renderer</h2><p>In the keynote, we shared the new renderer.</p>
      <h2>Streaming Rendering</h2><p>In the keynote, we also showed streaming.</p>
      <h2>Better Tooling</h2><p>During the session, the team showed tools.</p>`;
    expect(talksOf(extract(keynote))).toEqual([]);
    const webDev = `<p>How our web framework keeps users signed in.</p>
      <h3>Session Storage</h3><p>The session store keeps one record per user.</p>
      <h3>Token Rotation</h3><p>This session token changes on every request.</p>
      <h3>Expiry Rules</h3><p>A session expires after an hour.</p>
      <h3>Cleanup Jobs</h3><p>Old records go away nightly.</p>`;
    expect(talksOf(extract(webDev))).toEqual([]);
  });
});
