import { describe, expect, it } from "vitest";
import { extractRecap } from "@recap/core/recaps";
import { baseUrl, extract, other, slides, talk, video, yt } from "../helpers/recap-items";

describe("extractRecap on a Medium-style recap", () => {
  it("lists every talk under its 'From …:' section, with bylines, links and the author's takeaway", () => {
    const result = extract("medium-kubecon-eu.html");
    expect(result.detected).toBe(true);
    expect(result.isRecap).toBe(true);
    expect(result.items).toEqual([
      talk(
        "Scaling Argo CD to 5,000 Apps",
        ["Jane Doe", "Raj Patel"],
        ["Intuit", "Red Hat"],
        [
          other("https://sched.co/1YFhA", "Scaling Argo CD to 5,000 Apps"),
          yt("aB3dE5fG7hI", "video"),
          slides("https://static.sched.com/hosted_files/argoconeu24/1a/scaling-argocd.pdf", "presentation"),
        ],
        { section: "ArgoCon", note: "Great deep dive into sharding." },
      ),
      talk(
        "Progressive Delivery Without Tears",
        ["Amira Haddad"],
        ["Akuity"],
        [other("https://sched.co/1YFhB", "Progressive Delivery Without Tears"), video("https://youtu.be/Qw3rT5yU7iO", "recording")],
        { section: "ArgoCon" },
      ),
      talk(
        "Argo Workflows at CERN",
        ["Lukas Meyer"],
        ["CERN"],
        [slides("https://speakerdeck.com/lmeyer/argo-workflows-at-cern", "slides"), yt("Zx9cV8bN7mQ", "video")],
        { section: "ArgoCon" },
      ),
      talk("Backstage at Spotify Scale", ["Helen Greul", "Patrik Oldsberg"], ["Spotify"], [yt("Hg4kL2pO9rS", "video")], {
        section: "BackstageCon",
        note: "The plugin architecture discussion alone was worth it.",
      }),
      talk(
        "Golden Paths That People Actually Use",
        ["Mei Chen"],
        ["Zalando"],
        [other("https://sched.co/1YFhC", "Golden Paths That People Actually Use"), yt("Gp8uY6tR4eW", "watch")],
        { section: "BackstageCon" },
      ),
      talk(
        "Keynote: What Is a Platform, Really?",
        ["Abby Bangser"],
        ["Syntasso"],
        [yt("Pe1dA7yF3hJ", "Keynote: What Is a Platform, Really?")],
        {
          section: "Platform Engineering Day",
        },
      ),
      talk(
        "Panel: Platform Teams in the Wild",
        ["Kat Cosgrove", "Max Körbächer"],
        ["Liquid Reply"],
        [
          other("https://sched.co/1YFhD", "Platform Teams in the Wild"),
          slides("https://docs.google.com/presentation/d/1AbCdEf/edit", "deck"),
        ],
        { section: "Platform Engineering Day" },
      ),
    ]);
  });
});

describe("extractRecap on Markdown-generated HTML", () => {
  it("reads ### talk headings, speaker lines, takeaways and embedded players under ## event headings", () => {
    const result = extract("hugo-markdown-recap.html");
    expect(result.detected).toBe(true);
    expect(result.items).toEqual([
      talk(
        "Keynote: The State of eBPF",
        ["Liz Rice", "Thomas Graf"],
        ["Isovalent"],
        [
          other("https://colocatedeventsna2023.sched.com/event/1Rj4b/keynote-ebpf", "Keynote: The State of eBPF"),
          yt("kE3mN5bV7cX"),
          slides("https://static.sched.com/hosted_files/colocatedeventsna2023/4f/state-of-ebpf.pdf", "Slides"),
        ],
        { section: "Cilium + eBPF Day", note: "eBPF is now boring infrastructure, and that is the point." },
      ),
      talk("Runtime Security with Tetragon", ["Natália Réka Ivánkó", "Anna Kapuścińska"], ["Isovalent"], [yt("tT4gR6hY8jK")], {
        section: "Cilium + eBPF Day",
        note: "A live demo that blocked a container escape in real time.",
      }),
      talk("WASI Preview 2 in Practice", ["Dan Gohman"], ["Fastly"], [video("https://vimeo.com/876543210")], {
        section: "WasmCon",
        note: "The component model finally clicked for me.",
      }),
      talk(
        "Lightning talk: Wasm on the Edge",
        ["Ralph Squillace"],
        ["Microsoft"],
        [slides("https://www.slideshare.net/rsquillace/wasm-on-the-edge", "Slides"), yt("wE5dG7hJ9kL", "Video")],
        { section: "WasmCon" },
      ),
    ]);
  });
});

describe("extractRecap on nested lists", () => {
  it("takes the outer item as the section of the talks nested under it, in <ul> and <ol>", () => {
    const result = extract("nested-list-recap.html");
    expect(result.detected).toBe(true);
    expect(result.items).toEqual([
      talk(
        "Developer Portals Are Not Enough",
        ["Sarah Novotny", "Daniel Bryant"],
        ["Independent", "Syntasso"],
        [yt("Ad1vC3xZ5bN", "Developer Portals Are Not Enough")],
        { section: "AppDeveloperCon" },
      ),
      talk("Dapr in Production: Three Years In", ["Mark Fussell"], ["Diagrid"], [yt("Ad2qW4eR6tY", "Dapr in Production: Three Years In")], {
        section: "AppDeveloperCon",
        note: "Pragmatic and honest.",
      }),
      talk(
        "Fireside Chat: Cloud Native at Ten",
        ["Priyanka Sharma", "Kelsey Hightower"],
        ["CNCF"],
        [yt("Kn1aS2dF3gH", "Fireside Chat: Cloud Native at Ten")],
        { section: "Keynotes" },
      ),
      talk(
        "Closing Keynote: AI Meets Kubernetes",
        ["Tim Hockin"],
        ["Google"],
        [yt("Kn2zX3cV4bN", "video"), slides("https://speakerdeck.com/thockin/ai-meets-kubernetes", "slides")],
        { section: "Keynotes" },
      ),
    ]);
  });

  it("keeps a talk whose nested bullets are takeaways as one talk, the bullets as its note", () => {
    const html = `<ul>
      <li><a href="https://youtu.be/n1">One</a> — Ann Lee, Acme<ul><li>Sharding matters.</li><li>So does caching.</li></ul></li>
      <li><a href="https://youtu.be/n2">Two</a> — Bob Ray, Bar</li>
      <li><a href="https://youtu.be/n3">Three</a> — Cy Twombly (Baz)</li>
    </ul>`;
    const result = extractRecap(html, { baseUrl, marked: false });
    expect(result.detected).toBe(true);
    expect(result.items[0]).toEqual(
      talk("One", ["Ann Lee"], ["Acme"], [video("https://youtu.be/n1", "One")], { note: "Sharding matters. So does caching." }),
    );
    expect(result.items.map((i) => i.title)).toEqual(["One", "Two", "Three"]);
  });
});

describe("extractRecap on a recap without links", () => {
  const items = [
    talk("Kubernetes Upgrades Without Fear", ["Ana Silva"], ["Shopify"], [], { section: "Main track" }),
    talk("Debugging Flaky Operators", ["Chen Wei"], ["Alibaba Cloud"], [], { section: "Main track" }),
    talk("Cost-Aware Autoscaling", ["Olu Adeyemi"], ["Monzo"], [], { section: "Main track" }),
    talk("OpenTelemetry Profiling Is Here", ["Jane Smith"], ["Grafana Labs"], [], { section: "Observability Day" }),
    talk("Sampling Strategies That Scale", ["Tomás García"], ["Honeycomb"], [], { section: "Observability Day" }),
  ];

  it("extracts 'Title — Speaker, Company' lines (paragraph lines and list items) when the feed marks it", () => {
    expect(extract("marked-no-links.html", true)).toEqual({ isRecap: true, detected: false, items });
  });

  it("is not detected on its own: without links a list of names is no evidence of talks", () => {
    expect(extract("marked-no-links.html", false)).toEqual({ isRecap: false, detected: false, items: [] });
  });
});

describe("extractRecap on a normal post", () => {
  it("does not detect a post that embeds one video and links docs pages and another video", () => {
    expect(extract("normal-post.html")).toEqual({ isRecap: false, detected: false, items: [] });
    expect(extract("normal-post.html", true).detected).toBe(false);
  });

  it("does not detect a long list where only three bullets point at talks", () => {
    const prose = Array.from({ length: 20 }, (_, i) => `<li>Step ${i}: configure the thing properly.</li>`).join("");
    const talks = [1, 2, 3].map((i) => `<li><a href="https://youtu.be/t${i}">Talk ${i} on tuning</a> — Ann Lee, Acme</li>`).join("");
    expect(extractRecap(`<ul>${prose}${talks}</ul>`, { baseUrl, marked: false }).detected).toBe(false);
  });

  it("does not count one video linked under every bullet as three", () => {
    const html = ["One", "Two", "Three", "Four"]
      .map((t) => `<li><a href="https://youtu.be/same">${t} thing</a> — Ann Lee, Acme</li>`)
      .join("");
    expect(extractRecap(`<ul>${html}</ul>`, { baseUrl, marked: false }).detected).toBe(false);
  });
});

describe("extractRecap on a whole article page", () => {
  it("reads only the post body: no nav, header, footer, aside, TOC, share, tag or bio links", () => {
    const result = extract("article-page.html");
    expect(result.detected).toBe(true);
    expect(result.items).toEqual([
      talk(
        "Flux at Scale: 10,000 Clusters",
        ["Stefan Prodan"],
        ["Weaveworks"],
        [other("https://blog.example.com/2023/11/flux-notes/", "Flux at Scale: 10,000 Clusters"), yt("Fx1aB2cD3eF", "video")],
      ),
      talk(
        "OCI Artifacts for Everything",
        ["Hidde Beydals"],
        ["Weaveworks"],
        [
          other("https://sched.co/1R2mK", "OCI Artifacts for Everything"),
          slides("https://static.sched.com/hosted_files/gitopsconna23/7c/oci.pdf", "slides"),
        ],
      ),
      talk("GitOps for Edge Fleets", ["Carlos Santana", "Dan Garfield"], ["Codefresh"], [yt("Fx4gH5iJ6kL", "GitOps for Edge Fleets")], {}),
    ]);
  });
});

describe("extractRecap on links to other recaps", () => {
  it("lists other people's recap posts as articles after the talks", () => {
    const result = extract("other-recaps.html");
    expect(result.detected).toBe(true);
    expect(result.items).toEqual([
      talk("Software Templates That Do Not Rot", ["Lee Mills"], ["Spotify"], [yt("Bs1qW2eR3tY", "Software Templates That Do Not Rot")], {
        section: "BackstageCon",
      }),
      talk(
        "Migrating 2,000 Services into the Catalog",
        ["Lisa Chan"],
        ["Expedia"],
        [yt("Bs2aS3dF4gH", "Migrating 2,000 Services into the Catalog")],
        { section: "BackstageCon", note: "slides are not online yet." },
      ),
      talk(
        "Backstage Security Review, a Year Later",
        ["Ben Lambert"],
        ["Roadie"],
        [yt("Bs3zX4cV5bN", "Backstage Security Review, a Year Later")],
        {
          section: "BackstageCon",
        },
      ),
      {
        kind: "article",
        title: "Roadie's BackstageCon EU 2024 recap",
        speakers: [],
        organizations: [],
        links: [other("https://roadie.io/blog/backstagecon-eu-2024-recap/", "Roadie's BackstageCon EU 2024 recap")],
        section: "Other recaps",
      },
      {
        kind: "article",
        title: "My KubeCon Paris notes",
        speakers: [],
        organizations: [],
        links: [other("https://dev.to/someone/my-kubecon-paris-notes-4k2j", "My KubeCon Paris notes")],
        section: "Other recaps",
      },
      {
        kind: "article",
        title: "Five takeaways from Platform Engineering Day",
        speakers: [],
        organizations: [],
        links: [other("https://example.dev/blog/platform-engineering-day-takeaways", "Five takeaways from Platform Engineering Day")],
        section: "Other recaps",
      },
    ]);
  });
});
