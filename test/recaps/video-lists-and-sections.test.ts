/**
 * Rules added when a project's video round-up, a project's talk list with "<br>by …<br>time" items,
 * a co-located event's wrap-up with numbered talk headings and a session list written in prose
 * joined the evaluation set: a byline ends at a line break, the source's own line breaks are spaces,
 * "#1:" numbering, a video watched within a playlist, "Scenes from BackstageCon", a schedule page's
 * anchor for one session, and speakers named in the sentences under a talk's heading. Every fixture
 * is made up here.
 */
import { describe, expect, it } from "vitest";
import { extractAt, talksOf, youtube } from "../helpers/recap-items";
import { isPlaylist, sectionName } from "../../packages/core/src/recaps/entries";
import { isTalkPage } from "../../packages/core/src/recaps/links";

const baseUrl = "https://project.example.org/blog/2025/conf-recap/";
const extract = extractAt(baseUrl);
const talks = talksOf;
const video = youtube;

describe("a byline on the line under a linked title", () => {
  it("ends at the <br> before the time slot, across the source's own line breaks", () => {
    const html = `<ul>
<li><strong><a href="https://sched.co/1AbcD">Tracing Queues Without Tears</a></strong><br>
by Jane Roe, Acme; Raj Patel, Initech; Ann
Lee, Globex<br>
Wednesday, March 20 • 11:15 - 11:50</li>
<li><strong><a href="https://sched.co/1AbcE">Sampling at the Edge</a></strong><br>
by Mia Wong &amp; Tom Berg, Hooli<br> Thursday, March 21 •
14:30 - 16:00</li>
<li><strong><a href="https://sched.co/1AbcF">Profiles for Everyone</a></strong><br>
by Luis Ortega, Umbrella<br> Friday, March 22 • 09:00 - 09:25</li>
</ul>`;
    const found = talks(extract(html));
    expect(found.map((t) => [t.title, t.speakers, t.organizations])).toEqual([
      ["Tracing Queues Without Tears", ["Jane Roe", "Raj Patel", "Ann Lee"], ["Acme", "Initech", "Globex"]],
      ["Sampling at the Edge", ["Mia Wong", "Tom Berg"], ["Hooli"]],
      ["Profiles for Everyone", ["Luis Ortega"], ["Umbrella"]],
    ]);
  });

  it("reads a link text wrapped over lines as one title, and the byline after it", () => {
    const html = `<ul>
<li><a href="${video("aaaaaaa1")}">Why Your Side Project Needs A
Dashboard</a>: Jane Roe,
Acme</li>
<li><a href="${video("aaaaaaa2")}">Meshing From Monolith to
Microservices</a>: Raj Patel, Initech &amp; Ann Lee, Globex</li>
<li><a href="${video("aaaaaaa3")}">Deep Dive: Queues</a>: Mia
Wong, Hooli</li>
</ul>`;
    expect(talks(extract(html)).map((t) => [t.title, t.speakers])).toEqual([
      ["Why Your Side Project Needs A Dashboard", ["Jane Roe"]],
      ["Meshing From Monolith to Microservices", ["Raj Patel", "Ann Lee"]],
      ["Deep Dive: Queues", ["Mia Wong"]],
    ]);
  });
});

describe("a co-located event's wrap-up with numbered talk headings", () => {
  const list = "&list=PLxyz123";
  const html = `<h2>Scenes from QueueCon</h2>
<p>A full day of talks from across the community.</p>
<h3>#1: <a href="${video("bbbbbbb1")}${list}">Unlocking Your Queue's Potential: driving adoption at scale</a></h3>
<p><img src="/img/stage.jpg" alt="On stage"></p>
<p>Learn how to bridge the gap between the numbers and your own experience. Acme's Jane Roe shares her insights on adoption.</p>
<h3>#2: <a href="${video("bbbbbbb2")}${list}">Panel: What Do Trains and Queues Have in Common?</a></h3>
<p>A riddle of a title. This panel — featuring Raj Patel (Initech), Ann Lee &amp; Mia Wong (Globex) — brings adopters together.</p>
<h3>#3: <a href="${video("bbbbbbb3")}${list}">Exemplary Queue Templates</a></h3>
<p>Templates are the heart of self-service. Tom Berg from Hooli walks through how they keep theirs easy to update.</p>
<h3>Watch all the recordings</h3>
<p>See the full <a href="https://www.youtube.com/playlist?list=PLxyz123">QueueCon playlist</a>.</p>
<h2>Breaking through the bustle at the main conference</h2>
<p>The expo was busy all week.</p>`;

  it("lists each numbered heading as a talk, without its number, in the event the section heading names", () => {
    const found = talks(extract(html));
    expect(found.map((t) => [t.title, t.section])).toEqual([
      ["Unlocking Your Queue's Potential: driving adoption at scale", "QueueCon"],
      ["Panel: What Do Trains and Queues Have in Common?", "QueueCon"],
      ["Exemplary Queue Templates", "QueueCon"],
    ]);
    expect(found[0]!.links.map((l) => l.kind)).toEqual(["video"]);
  });

  it("takes the speakers from the sentences under the heading", () => {
    expect(talks(extract(html)).map((t) => [t.speakers, t.organizations])).toEqual([
      [["Jane Roe"], ["Acme"]],
      [
        ["Raj Patel", "Ann Lee", "Mia Wong"],
        ["Initech", "Globex"],
      ],
      [["Tom Berg"], ["Hooli"]],
    ]);
  });

  it("does not take someone merely mentioned for the speaker", () => {
    const mention = `<h3><a href="${video("ccccccc1")}">Scaling Queues</a></h3>
<p>The room was full. Later that day Jane Roe from Acme asked about retries in the hallway.</p>
<h3><a href="${video("ccccccc2")}">Retry Budgets</a></h3><p>A short one.</p>
<h3><a href="${video("ccccccc3")}">Queue Metrics</a></h3><p>Lots of graphs.</p>`;
    expect(talks(extract(mention)).map((t) => t.speakers)).toEqual([[], [], []]);
  });

  it("names the event after 'from', 'at' or 'during', not the conference itself", () => {
    expect(sectionName("Scenes from BackstageCon")).toBe("BackstageCon");
    expect(sectionName("What we saw at Cilium + eBPF Day")).toBe("Cilium + eBPF Day");
    expect(sectionName("Photos from KubeCon")).toBe("Photos from KubeCon");
    expect(sectionName("Lessons from a year of on-call")).toBe("Lessons from a year of on-call");
  });

  it("tells a video watched within a playlist from the playlist itself", () => {
    expect(isPlaylist("https://www.youtube.com/watch?v=bbbbbbb1&list=PLxyz123")).toBe(false);
    expect(isPlaylist("https://www.youtube.com/playlist?list=PLxyz123")).toBe(true);
    expect(isPlaylist("https://www.youtube.com/@cncf")).toBe(true);
  });
});

describe("a session list written in prose", () => {
  it("takes a schedule page's anchor for one session as that session's page", () => {
    expect(isTalkPage("https://conf.example.com/schedule#target=where-should-i-run-my-code-1a2b3c")).toBe(true);
    expect(isTalkPage("https://conf.example.com/schedule#top")).toBe(false);
    expect(isTalkPage("https://conf.example.com/schedule")).toBe(false);
  });

  it("lists the sessions a paragraph links, with who gives them", () => {
    const s = (slug: string) => `https://conf.example.com/schedule#target=${slug}-91e716a3`;
    const html = `<p>The schedule was unveiled this week, and I wanted to highlight some of the talks I&rsquo;d like to watch!</p>
<p>To explore the compute options, I&rsquo;d recommend <a href="${s("abcs-of-container-engines-tips")}">ABCs of Container Engines: tips and best practices</a> by Jane Roe, and <a href="${s("go-beyond-paas-with-flexible-apps")}">Go beyond PaaS with Flexible Apps</a> by Raj Patel.</p>
<p>On serverless, I spotted <a href="${s("live-coding-a-serverless-app-today")}">Live coding a serverless app</a> by Ann Lee, Mia Wong, Tom van Berg, and <a href="${s("serverless-computing-options-compared")}">Serverless computing options</a> by Luis Ortega.</p>`;
    expect(talks(extract(html)).map((t) => [t.title, t.speakers])).toEqual([
      ["ABCs of Container Engines: tips and best practices", ["Jane Roe"]],
      ["Go beyond PaaS with Flexible Apps", ["Raj Patel"]],
      ["Live coding a serverless app", ["Ann Lee", "Mia Wong", "Tom van Berg"]],
      ["Serverless computing options", ["Luis Ortega"]],
    ]);
  });
});
