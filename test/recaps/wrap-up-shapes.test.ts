/**
 * Rules added when a day-by-day KubeCon wrap-up, two Microsoft Build recaps and a highlights post
 * full of embedded tweets joined the evaluation set: a heading "Event, Sunday November 10", a
 * microphone emoji used as a bullet, conference session pages, "Name, Org, Name, Org" bylines,
 * embedded social posts, and "Watch the replay" links. Every fixture is made up here.
 */
import { describe, expect, it } from "vitest";
import { extractAt, talksOf } from "../helpers/recap-items";
import { parseByline } from "../../packages/core/src/recaps/byline";
import { isSpeakerLine, namesDatedEvent, sectionName } from "../../packages/core/src/recaps/entries";
import { isTalkPage } from "../../packages/core/src/recaps/links";
import { isGenericLabel } from "../../packages/core/src/recaps/render";

const baseUrl = "https://notes.example.net/2025/10/trip/";
const extract = extractAt(baseUrl);
const talks = talksOf;
const sched = (id: string) => `https://conf2025.sched.com/event/${id}/slug`;

describe("a heading that names an event and the day it ran", () => {
  it("takes the day off the section's name", () => {
    expect(sectionName("Platform Engineering Day, Monday March 31")).toBe("Platform Engineering Day");
    expect(sectionName("WasmCon (April 1)")).toBe("WasmCon");
    expect(sectionName("Keynotes – 2 April 2025")).toBe("Keynotes");
    expect(sectionName("Monday March 31")).toBe("Monday March 31");
  });

  it("names an event whatever it is called, but not the conference's own day", () => {
    expect(namesDatedEvent("Hallway Hackers Unconf, Sunday March 30")).toBe(true);
    expect(namesDatedEvent("Rust Tooling Summit (Tuesday)")).toBe(true);
    expect(namesDatedEvent("KubeCon Day 2, Thursday April 3")).toBe(false);
    expect(namesDatedEvent("Getting there, Sunday")).toBe(false);
    expect(namesDatedEvent("Hallway Hackers Unconf")).toBe(false);
  });

  it("lists the talks under it in that event, and those under a conference day in none", () => {
    const html = [
      `<h2>Hallway Hackers Unconf, Sunday March 30</h2><p>A free day before the main event.</p>`,
      `<ul><li><a href="${sched("a1")}">Shipping Small Binaries - Jane Roe, Acme</a></li></ul>`,
      `<h2>KubeCon Day 1, Wednesday April 2</h2><p>Keynotes, then the expo.</p>`,
      `<ul><li><a href="${sched("a2")}">Scheduling at the Edge - Raj Patel, Initech</a></li></ul>`,
    ].join("\n");
    expect(talks(extract(html)).map((t) => [t.title, t.section ?? null])).toEqual([
      ["Shipping Small Binaries", "Hallway Hackers Unconf"],
      ["Scheduling at the Edge", null],
    ]);
  });
});

describe("a microphone emoji as a list bullet", () => {
  it("is a speaker line only before names", () => {
    expect(isSpeakerLine("🎙️ Jane Roe et Paul Durand")).toBe(true);
    expect(isSpeakerLine("🎤 Jane Roe / Raj Patel 📝 Abstract")).toBe(true);
    expect(isSpeakerLine("🎤 Rethinking Builds With Remote Caches")).toBe(false);
    expect(isSpeakerLine("Speakers: Jane Roe")).toBe(true);
  });

  it("leaves the talk named after it", () => {
    const html = `<h3>Sessions</h3><ul>
<li>🎤 <a href="https://events.example.com/en-US/sessions/DEV101">Rethinking Builds With Remote Caches</a></li>
<li>💻 <a href="https://events.example.com/en-US/sessions/LAB202">Hands-on Tracing for Beginners</a></li>
<li>🎤 <a href="https://events.example.com/en-US/sessions/DEV303">Queues Without Tears</a></li>
</ul>`;
    expect(talks(extract(html)).map((t) => t.title)).toEqual([
      "Rethinking Builds With Remote Caches",
      "Hands-on Tracing for Beginners",
      "Queues Without Tears",
    ]);
  });
});

describe("a conference's page for one session", () => {
  it("is a talk's page", () => {
    expect(isTalkPage("https://events.example.com/en-US/sessions/DEV101")).toBe(true);
    expect(isTalkPage("https://conf.example.org/2024/presentations/jroe.html")).toBe(true);
    expect(isTalkPage("https://events.example.com/en-US/sessions/")).toBe(false);
    expect(isTalkPage("https://blog.example.com/talks/my-talk")).toBe(false);
  });
});

describe("a byline that pairs each speaker with their organization", () => {
  it("reads 'Name, Org, Name, Org'", () => {
    expect(parseByline("Jane Roe, Acmecorp, Raj Patel, Initech")).toEqual({
      speakers: ["Jane Roe", "Raj Patel"],
      organizations: ["Acmecorp", "Initech"],
    });
  });

  it("keeps names followed by their shared organization", () => {
    expect(parseByline("Jane Roe, Raj Patel, Ann Lee, Initech")).toEqual({
      speakers: ["Jane Roe", "Raj Patel", "Ann Lee"],
      organizations: ["Initech"],
    });
  });

  it("works inside a linked schedule title", () => {
    const html = `<ul><li><a href="${sched("b1")}">Where Do CRDs Go Next? - Jane Roe, Acmecorp, Raj Patel, Initech</a></li>
<li><a href="${sched("b2")}">Testing Without Mocks - Ann Lee, Globex</a></li></ul>`;
    expect(talks(extract(html)).map((t) => t.speakers)).toEqual([["Jane Roe", "Raj Patel"], ["Ann Lee"]]);
  });
});

describe("an embedded social post", () => {
  it("is someone else's words, not a talk of the post", () => {
    const tweet = (text: string, id: string) =>
      `<blockquote class="twitter-tweet"><p>${text} <a href="https://t.co/${id}">https://t.co/${id}</a></p>— Someone (@someone) <a href="https://twitter.com/someone/status/${id}">May 5, 2024</a></blockquote>`;
    const html = [
      `<h2>1. Testing</h2><ul><li><a href="https://speakerdeck.com/x/mocks">Testing with fakes</a> - great overview</li></ul>`,
      tweet("Great keynote by @somebody at #conf24", "aa1"),
      `<ul><li><a href="https://speakerdeck.com/x/props">Property tests in practice</a> - to watch</li></ul>`,
      tweet("Amazing talk about data art", "aa2"),
    ].join("\n");
    expect(extract(html).map((t) => t.title)).toEqual(["Testing with fakes", "Property tests in practice"]);
  });
});

describe("a link named by a verb and what it is", () => {
  it("is a link label, not a title", () => {
    for (const label of ["Watch the replay", "Read the abstract", "See the slides", "View slides"])
      expect(isGenericLabel(label), label).toBe(true);
    expect(isGenericLabel("Watch Kubernetes Grow Up")).toBe(false);
  });

  it("leaves no talk of its own", () => {
    const html = `<p>I presented a talk about cluster autoscaling.</p><ul>
<li><a href="https://cfp.example.org/2024/talk/XYZ123/">Read the abstract</a></li>
<li><a href="https://www.youtube.com/watch?v=replay1">Watch the replay</a></li></ul>`;
    expect(talks(extract(html)).map((t) => t.title)).toEqual([]);
  });
});
