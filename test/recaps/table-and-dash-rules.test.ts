import { describe, expect, it } from "vitest";
import { extractAt, talksOf } from "../helpers/recap-items";

const base = "https://blog.example.org/2024/05/conference-notes/";
const talks = (html: string) => talksOf(extractAt(base)(html));

describe("timetable rows, speaker-first links and talk details pages", () => {
  it("reads each titled cell of a timetable row as its own talk", () => {
    const html = `<h2>スライドまとめ</h2>
<table><thead><tr><th>時刻</th><th>Track1</th><th>Track2</th><th>Track3</th></tr></thead><tbody>
<tr><td>11:30 ~ 12:00</td><td>型安全なルーティング入門<a href="https://speakerdeck.com/alice/routing">📄</a></td><td>TypeScript と型のパフォーマンス<a href="https://speakerdeck.com/bob/perf">📄</a></td><td>部分型の代数的模型<a href="https://speakerdeck.com/carol/subtyping">📄</a></td></tr>
</tbody></table>`;
    expect(talks(html).map((t) => t.title)).toEqual(["型安全なルーティング入門", "TypeScript と型のパフォーマンス", "部分型の代数的模型"]);
  });

  it("keeps a row of title, speaker and video one talk", () => {
    const html = `<table><tr><th>Talk</th><th>Speaker</th><th>Video</th></tr>
<tr><td>Scaling Kubernetes Calmly</td><td>Ben Hughes</td><td><a href="https://www.youtube.com/watch?v=ay7NibpRAYU">Video</a></td></tr></table>`;
    const found = talks(html);
    expect(found).toHaveLength(1);
    expect(found[0]!.title).toBe("Scaling Kubernetes Calmly");
  });

  it("reads a link named 'Speaker – Title' speaker first, but not a title with a hyphen", () => {
    const html = `<p>Unsere Top-3-Talks der Konferenz waren:</p><ul>
<li><a href="https://www.youtube.com/watch?v=abc123def45">Stefan Tilkov – Architektur 201x</a></li>
<li><a href="https://www.youtube.com/watch?v=xyz987uvw65">Building AI-Ready Platforms - Symphony for Developer and Platform Engineer</a></li>
</ul>`;
    const [first, second] = talks(html);
    expect(first).toMatchObject({ title: "Architektur 201x", speakers: ["Stefan Tilkov"] });
    expect(second!.speakers).not.toContain("Building AI-Ready Platforms");
  });

  it("treats a programme's talk details page as the talk's own page", () => {
    const html = `<ul><li><a href="http://www.javaland.eu/konferenz/vortrag_details_jl.php?locS=0&amp;id=471613">Hypermedia-getriebene REST-Architektur mit Spring</a></li>
<li><a href="http://www.javaland.eu/konferenz/">Die Konferenz</a></li></ul>`;
    expect(talks(html).map((t) => t.title)).toEqual(["Hypermedia-getriebene REST-Architektur mit Spring"]);
  });
});
