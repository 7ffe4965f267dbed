import { describe, expect, it } from "vitest";
import { runDemo } from "@recap/local";

describe("npm run demo", () => {
  it("ingests the bundled sample feeds from loopback and shows a new post announced", async () => {
    const lines: string[] = [];
    await runDemo((line) => lines.push(line));
    const output = lines.join("\n");

    expect(output).toMatch(/Followed "Cloud Native Weekly \(demo\)": 6 posts stored as backfill/);
    expect(output).toMatch(/Followed "Platform Notes \(demo\)" \(discovered from the web page http:\/\/127\.0\.0\.1:\d+\/\)/);
    expect(output).toMatch(/Followed "Wasm Radar \(demo\)": 4 posts stored as backfill/);
    // The KubeCon recap is in two feeds and stored once; tracking parameters are gone.
    expect(output).toMatch(/KubeCon North America 2026 recap.*\(carried by 2 feeds, stored once\)/);
    expect(output).not.toMatch(/utm_/);
    // The recap's talks are posts of their own, linked to it.
    expect(output).toMatch(
      /KubeCon North America 2026 recap[^\n]*\n[^\n]*\n\s+a conference recap: its 4 talks are stored as posts of their own/,
    );
    expect(output).toMatch(
      /Sharding the Argo CD Application Controller\n\s+https:\/\/www\.youtube\.com\/watch\?v=demoArgo01\n\s+a talk at ArgoCon, listed in “KubeCon North America 2026 recap/,
    );
    // Only the new post is announced; the backfill never is.
    const announced = lines.filter((line) => line.includes("bus ▸ post.ingested"));
    expect(announced).toEqual([expect.stringContaining('"Dapr 1.17 adds WebAssembly components" [webassembly, dapr]')]);
  });
});
