import { describe, expect, it } from "vitest";
import { classifyLink, extractRecap, looksLikeRecapTitle } from "@recap/core/recaps";

describe("classifyLink", () => {
  it.each([
    ["https://www.youtube.com/watch?v=aB3dE5fG7hI", "", "video"],
    ["https://m.youtube.com/watch?v=aB3dE5fG7hI", "Scaling Argo CD", "video"],
    ["https://youtu.be/aB3dE5fG7hI", "", "video"],
    ["https://www.youtube.com/embed/aB3dE5fG7hI", "", "video"],
    ["https://www.youtube.com/live/aB3dE5fG7hI", "", "video"],
    ["https://www.youtube.com/shorts/aB3dE5fG7hI", "", "video"],
    ["https://www.youtube-nocookie.com/embed/aB3dE5fG7hI", "", "video"],
    ["https://vimeo.com/876543210", "", "video"],
    ["https://player.vimeo.com/video/876543210", "", "video"],
    ["https://cncf.example/talks/42", "Watch the recording", "video"],
    ["https://speakerdeck.com/lmeyer/argo", "", "slides"],
    ["https://www.slideshare.net/x/y", "", "slides"],
    ["https://docs.google.com/presentation/d/1AbC/edit", "", "slides"],
    ["https://example.com/files/talk.PDF", "", "slides"],
    ["https://static.sched.com/hosted_files/kccnceu2024/1a/talk.pptx", "", "slides"],
    ["https://cncf.example/talks/42", "Slides (PDF)", "slides"],
    ["https://cncf.example/talks/42", "deck", "slides"],
    ["https://sched.co/1YFhA", "Scaling Argo CD", "other"],
    ["https://kccnceu2024.sched.com/event/1YFhA", "A presentation about presenting GitOps", "other"],
    ["https://github.com/argoproj/argo-cd", "Argo CD", "other"],
    ["https://www.youtube.com/@cncf", "CNCF channel", "other"],
    ["https://docs.google.com/document/d/1AbC", "notes", "other"],
  ])("%s (%s) → %s", (url, label, kind) => {
    expect(classifyLink(url, label)).toBe(kind);
  });

  it.each([
    ["https://evil.example/youtube.com/watch?v=x", "other"],
    ["https://evil.example/?u=https://youtu.be/x", "other"],
    ["https://youtube.com.evil.example/watch?v=x", "other"],
    ["https://notyoutube.com/watch?v=x", "other"],
    ["https://evil-speakerdeck.com/x", "other"],
    ["https://speakerdeck.com.evil.example/x", "other"],
    ["https://evil.example/static.sched.com/hosted_files/x", "other"],
    ["javascript:alert('youtube.com/watch')", "other"],
    ["not a url", "other"],
  ])("hostile %s → %s", (url, kind) => {
    expect(classifyLink(url, "Scaling Argo CD to 5,000 Apps")).toBe(kind);
  });
});

describe("looksLikeRecapTitle", () => {
  it.each([
    ["KubeCon + CloudNativeCon Europe 2024 Recap", undefined],
    ["My favorite talks from ArgoCon", undefined],
    ["Platform Engineering Day: five takeaways", undefined],
    ["Paris, day 2", "Highlights from KubeCon EU: the talks worth watching"],
    ["Cilium + eBPF Day highlights", undefined],
  ])("recap: %s", (title, summary) => {
    expect(looksLikeRecapTitle(title, summary)).toBe(true);
  });

  it.each([
    ["Weekly recap: cloud native news", undefined],
    ["Recap of the Kubernetes 1.30 release", undefined],
    ["Why we moved our CI to ephemeral runners", "We watched a KubeCon talk first."],
    ["", undefined],
  ])("not a recap: %s", (title, summary) => {
    expect(looksLikeRecapTitle(title, summary)).toBe(false);
  });
});

const baseUrl = "https://blog.example.com/post/";

describe("extractRecap on hostile input", () => {
  const html = `<h2>Track &amp; Field</h2><ul>
    <li><a href="https://www.youtube.com/watch?v=h1">Using *bold* _it_ ~strike~ &lt;@U123&gt; &amp; &lt;!channel&gt;</a> — Jane Doe, Acme<script>alert("<li>x</li>")</script></li>
    <li><a href="javascript:alert(1)">Bad link talk</a> — <a href="mailto:raj@evil.example">Raj Patel</a>,  Evil (<a href="https://youtu.be/h2">video</a>)</li>
    <li><a href="https://evil.example/youtube.com/watch?v=x">Sneaky\u0007 Title\u200B here\uE000</a> — Ann Lee (Foo) <a href="data:text/html,hi">slides</a> <a href="https://vimeo.com/1">video</a></li>
    <li><a href="https://youtu.be/h4">video</a> — Bob Ray, Bar</li>
    <li><a href="https://youtu.be/h5"><img src="x.png"></a> <a href="#x">In page anchor</a> — Cy Twombly, Baz</li>
  </ul>`;

  it("keeps markup-looking and mrkdwn characters as plain text and drops unsafe links", () => {
    const result = extractRecap(html, { baseUrl, marked: false });
    expect(result.detected).toBe(true);
    expect(result.items).toEqual([
      {
        kind: "talk",
        title: "Using *bold* _it_ ~strike~ <@U123> & <!channel>",
        speakers: ["Jane Doe"],
        organizations: ["Acme"],
        links: [{ kind: "video", url: "https://www.youtube.com/watch?v=h1", label: "Using *bold* _it_ ~strike~ <@U123> & <!channel>" }],
        section: "Track & Field",
      },
      {
        kind: "talk",
        title: "Bad link talk",
        speakers: ["Raj Patel"],
        organizations: ["Evil"],
        links: [{ kind: "video", url: "https://youtu.be/h2", label: "video" }],
        section: "Track & Field",
      },
      {
        kind: "talk",
        title: "Sneaky Title here",
        speakers: ["Ann Lee"],
        organizations: ["Foo"],
        links: [
          { kind: "other", url: "https://evil.example/youtube.com/watch?v=x", label: "Sneaky Title here" },
          { kind: "video", url: "https://vimeo.com/1", label: "video" },
        ],
        section: "Track & Field",
      },
      // "<a>video</a> — Bob Ray, Bar" has no title: a link label is never one.
      {
        kind: "talk",
        title: "In page anchor",
        speakers: ["Cy Twombly"],
        organizations: ["Baz"],
        links: [{ kind: "video", url: "https://youtu.be/h5", label: "" }],
        section: "Track & Field",
      },
    ]);
  });

  it.each([
    "",
    "<",
    "<<<>>>&&&;",
    "\u0000\u0001\uFFFF",
    "<a href=",
    "<ul><li><a href='https://youtu.be/x'>",
    "<![CDATA[ <li> ]]><!-- <ul>",
    "</ul></li></h2><h3>",
  ])("never throws on garbage %j", (garbage) => {
    expect(extractRecap(garbage, { baseUrl: "::not a url", marked: true })).toEqual({ isRecap: true, detected: false, items: [] });
  });

  it("never throws on non-string input from an untyped caller", () => {
    const untyped = extractRecap as (html: unknown, options: unknown) => unknown;
    expect(untyped(null, undefined)).toEqual({ isRecap: false, detected: false, items: [] });
    expect(untyped(42, { baseUrl: 7, marked: "yes" })).toEqual({ isRecap: false, detected: false, items: [] });
  });

  // How fast is bench/'s business (section 5); here: it finishes, and caps what it returns.
  it("reads 2 MB of recap HTML and caps the items at 300", () => {
    const row = (i: number) =>
      `<li><a href="https://sched.co/${i}">Talk number ${i} about things</a> — Jane Doe, Intuit (<a href="https://youtu.be/v${i}">video</a>)</li>`;
    const html = `<main><ul>${Array.from({ length: 15_000 }, (_, i) => row(i)).join("\n")}</ul></main>`;
    expect(html.length).toBeGreaterThan(2_000_000);
    const result = extractRecap(html, { baseUrl, marked: false });
    expect(result.detected).toBe(true);
    expect(result.items).toHaveLength(300);
    expect(result.items[299]?.title).toBe("Talk number 299 about things");
  });

  // Each would take seconds to minutes with a backtracking pattern (vitest's timeout fails a hang);
  // read linearly, each yields its one talk.
  it("reads hostile runs that make backtracking patterns blow up, and drops over-long links", () => {
    const video = (i: number) => `<a href="https://youtu.be/abcdefghij${i}">video</a>`;
    const runs = [
      `<p><b>Title</b><br>${". ".repeat(40_000)}${video(0)}</p>`,
      `<p><b>Title</b>${"&nbsp;".repeat(3_000)}x${video(0)}</p>`,
      `<p><b>Title</b> (${Array.from({ length: 600 }, (_, i) => `${video(i)}, `).join("")}</p>`,
      `<p><b>Title</b> ${"(".repeat(2_000)}${video(0)}</p>`,
      `<ul><li><b>Title</b>${" ;".repeat(4_000)}presented by ${video(0)}</li></ul>`,
    ];
    for (const html of runs) {
      const [first] = extractRecap(html, { baseUrl, marked: true }).items;
      expect(first?.title, html.slice(0, 40)).toBe("Title");
      expect(first?.links[0]?.url).toBe("https://youtu.be/abcdefghij0");
    }
    const long = `https://files.example.com/deck.pdf?pad=${"x".repeat(3_000)}`;
    const item = `<li>Big Talk About Things — Jane Doe, Intuit (<a href="https://youtu.be/abcdefghijk">video</a> — <a href="${long}">slides</a>)</li>`;
    const [talk] = extractRecap(`<ul>${item}</ul>`, { baseUrl, marked: true }).items;
    expect(talk?.links.map((link) => link.url)).toEqual(["https://youtu.be/abcdefghijk"]);
  });

  it("survives deeply nested unclosed markup", () => {
    const html = `${"<div><span>".repeat(5_000)}<ul>${"<li><a href='https://youtu.be/a'>T</a> — A B, C".repeat(500)}`;
    expect(extractRecap(html, { baseUrl, marked: true })).toMatchObject({ isRecap: true, detected: false });
  });
});
