import { describe, expect, it } from "vitest";
import { extractRecap } from "@recap/core/recaps";
import { article, baseUrl, extract, other, slides, talk, video, yt } from "../helpers/recap-items";

describe("extractRecap on a CNCF-blog recap with event sections", () => {
  it("takes a heading over several talk entries as their section, the nearest heading winning", () => {
    const result = extract("cncf-blog-sections.html");
    expect(result.detected).toBe(true);
    expect(result.items).toEqual([
      // The intro "All keynote recordings are available on the <a>CNCF YouTube channel</a>." is a sentence, not a talk.
      talk("Keynote: Welcome + Opening Remarks", ["Chris Aniszczyk"], ["CNCF"], [video("https://youtu.be/abc123", "Video")], {
        section: "Keynotes",
      }),
      talk(
        "Keynote: Scaling Inference on Kubernetes",
        ["Clayton Coleman", "Jiaxin Shan"],
        ["Google", "ByteDance"],
        [video("https://youtu.be/def456", "Video")],
        { section: "Keynotes" },
      ),
      talk("Panel: The Future of Platform Engineering", ["Kasper Borg Nissen"], ["Lunar"], [video("https://youtu.be/ghi789", "Video")], {
        section: "Keynotes",
      }),
      talk(
        "Platform as a Product: Lessons From 3 Years",
        ["Abby Bangser"],
        ["Syntasso"],
        [
          other("https://colocatedeventsna2025.sched.com/event/1", "Platform as a Product: Lessons From 3 Years"),
          yt("pe1", "watch"),
          slides("https://static.sched.com/hosted_files/colocatedeventsna2025/pe1.pdf", "slides"),
        ],
        { section: "Platform Engineering Day" },
      ),
      talk(
        "Golden Paths Are Paved With Good Intentions",
        ["Paula Kennedy"],
        ["Syntasso"],
        [other("https://colocatedeventsna2025.sched.com/event/2", "Golden Paths Are Paved With Good Intentions"), yt("pe2", "watch")],
        { section: "Platform Engineering Day" },
      ),
      talk(
        "Running Wasm Workloads in Kubernetes with SpinKube",
        ["Kate Goldenring", "Michelle Dhanani"],
        ["Fermyon"],
        [yt("wasm1", "Running Wasm Workloads in Kubernetes with SpinKube")],
        { section: "WasmCon", note: "SpinKube is ready for production pilots." },
      ),
      talk("WASI 0.3 and the Component Model", ["Luke Wagner"], ["Fastly"], [yt("wasm2", "WASI 0.3 and the Component Model")], {
        section: "WasmCon",
      }),
      article(
        "My KubeCon NA 2025 takeaways",
        [other("https://medium.com/@someone/kubecon-na-2025-takeaways-123", "My KubeCon NA 2025 takeaways")],
        {
          section: "Other recaps",
        },
      ),
      article(
        "What I learned at KubeCon Atlanta",
        [other("https://dev.to/other/what-i-learned-at-kubecon", "What I learned at KubeCon Atlanta")],
        { section: "Other recaps" },
      ),
    ]);
  });
});

describe("extractRecap on one talk per heading", () => {
  it("keeps a heading with one embed, a speaker line and a takeaway as one talk", () => {
    const result = extract("talk-headings-with-embeds.html");
    expect(result.detected).toBe(true);
    expect(result.items).toEqual([
      talk(
        "eBPF-Powered Network Policies at Scale",
        ["Liz Rice"],
        ["Isovalent"],
        [other("https://kccnceu2026.sched.com/event/Abc", "eBPF-Powered Network Policies at Scale"), yt("ebpfVID")],
        { note: "A great intro to how Cilium enforces policy in the kernel." },
      ),
      talk(
        "Dapr Workflows in Production",
        ["Mark Fussell", "Yaron Schneider"],
        ["Diagrid"],
        [yt("daprVID"), slides("https://speakerdeck.com/diagrid/dapr-workflows", "Slides")],
      ),
      talk("Backstage Without the Pain", ["Emma Indal"], ["Spotify"], [video("https://vimeo.com/12345")]),
    ]);
  });
});

describe("extractRecap on a tutorial that links talks, videos and a PDF", () => {
  it("is not a recap: its prose and 'Step N' bullets are sentences about links, not talks", () => {
    expect(extract("tutorial-linking-talks.html")).toEqual({ isRecap: false, detected: false, items: [] });
  });

  it("yields no talks even when the feed marks it", () => {
    expect(extract("tutorial-linking-talks.html", true)).toEqual({ isRecap: true, detected: false, items: [] });
  });
});

describe("extractRecap on posts that link many videos or files but list no talks", () => {
  it("does not detect release notes: PR bullets, a demo embed, slides and a recording linked inside commit lines", () => {
    expect(extract("release-notes.html")).toEqual({ isRecap: false, detected: false, items: [] });
  });

  it("does not detect a video tutorial series whose entries are sentences, and yields no talks when marked", () => {
    expect(extract("video-tutorial-series.html")).toEqual({ isRecap: false, detected: false, items: [] });
    // "The episodes" links eight videos: a list of videos, not one talk swallowing them.
    expect(extract("video-tutorial-series.html", true)).toEqual({ isRecap: true, detected: false, items: [] });
  });
});

describe("extractRecap on a weekly newsletter", () => {
  it("detects its 'talks worth watching' list (talk titles with videos) and ignores the news sentences", () => {
    const result = extract("weekly-newsletter.html");
    expect(result.detected).toBe(true);
    expect(result.items).toEqual([
      talk(
        "Kubernetes Is Dead. Long Live Kubernetes!",
        ["Kelsey Hightower"],
        [],
        [yt("nlTalk01", "Kubernetes Is Dead. Long Live Kubernetes!")],
        {
          note: "A provocative closing keynote.",
        },
      ),
      talk(
        "Cutting Our Observability Bill in Half",
        ["Amy Tobey"],
        ["Equinix"],
        [yt("nlTalk02", "Cutting Our Observability Bill in Half")],
        {},
      ),
      talk(
        "Multi-Tenant Clusters at Procter & Gamble",
        ["Nina Patel"],
        ["Procter & Gamble"],
        [yt("nlTalk03", "Multi-Tenant Clusters at Procter & Gamble")],
      ),
      talk(
        "Running 5G Core Functions on Kubernetes",
        ["Omar Haddad"],
        ["AT&T"],
        [yt("nlTalk04", "Running 5G Core Functions on Kubernetes")],
        {},
      ),
    ]);
  });
});

describe("extractRecap on a CNCF-style recap table", () => {
  it("reads each row as Title | Speakers | Video and skips the header row and the playlist sentence", () => {
    const result = extract("cncf-table-recap.html");
    expect(result.detected).toBe(true);
    expect(result.items).toEqual([
      talk("Kubernetes SIG Node: What's New and What's Next", ["Sergey Kanzhelev", "Dixita Narang"], ["Google"], [yt("inTbl01", "Watch")], {
        section: "Maintainer track",
      }),
      talk("Flux: Beyond the Basics", ["Stefan Prodan"], ["ControlPlane"], [yt("inTbl02", "Watch")], { section: "Maintainer track" }),
      talk(
        "Keeping Prometheus Fast at 100M Series",
        ["Bartek Płotka", "Ganesh Vernekar"],
        ["Google", "Grafana Labs"],
        [yt("inTbl03", "Watch")],
        { section: "Maintainer track" },
      ),
      talk(
        "OpenTelemetry for Mobile Apps",
        ["Ravi Kumar"],
        ["Intuit"],
        [other("https://kccncind2025.sched.com/event/Tb4", "OpenTelemetry for Mobile Apps"), yt("inTbl04", "Watch")],
        { section: "Maintainer track" },
      ),
    ]);
  });

  it("takes a row's first cell as its title, so a talk table without a speakers column still counts", () => {
    const row = (title: string, id: string) =>
      `<tr><td>${title}</td><td><a href="https://www.youtube.com/watch?v=${id}">YouTube</a></td></tr>`;
    const rows = [row("SIG Node Update", "r1"), row("Flux: Beyond the Basics", "r2"), row("Keeping Prometheus Fast", "r3")];
    const html = `<h2>Maintainer track</h2><table><tr><th>Session</th><th>Recording</th></tr>${rows.join("")}</table>`;
    const section = { section: "Maintainer track" };
    expect(extractRecap(html, { baseUrl, marked: false })).toEqual({
      isRecap: true,
      detected: true,
      items: [
        talk("SIG Node Update", [], [], [yt("r1", "YouTube")], section),
        talk("Flux: Beyond the Basics", [], [], [yt("r2", "YouTube")], section),
        talk("Keeping Prometheus Fast", [], [], [yt("r3", "YouTube")], section),
      ],
    });
  });
});

describe("extractRecap weighing talk evidence", () => {
  const detected = (items: string[]) => extractRecap(`<ul>${items.join("")}</ul>`, { baseUrl, marked: false }).detected;
  const ids = ["w1", "w2", "w3"];

  const bold = (titles: string[]) =>
    titles.map((t, i) => `<li><strong>${t}</strong> [<a href="https://youtu.be/b${i}">Video</a>]</li>`).join("");
  const six = ["Scaling Argo CD", "GitOps for Edge Fleets", "Backstage at Scale", "eBPF for Humans", "Dapr Workflows", "WASI in Practice"];

  it("detects six bold talk titles each with a [Video] link, without bylines or sections", () => {
    expect(detected([bold(six)])).toBe(true);
  });

  it("detects three such titles under a keynotes heading, but not as a bare 'Resources' list of titled links", () => {
    const three = six.slice(0, 3);
    expect(extractRecap(`<h2>Keynotes</h2><ul>${bold(three)}</ul>`, { baseUrl, marked: false }).detected).toBe(true);
    const resources = [
      `<li><a href="https://www.youtube.com/watch?v=rs1">Cilium in 100 seconds</a></li>`,
      `<li><a href="https://www.cncf.io/wp-content/uploads/2024/security-whitepaper.pdf">CNCF Cloud Native Security Whitepaper</a></li>`,
      `<li><a href="https://www.youtube.com/watch?v=rs3">Kubernetes Podcast, episode 200</a></li>`,
    ];
    const post = `<p>We moved to Cilium this spring.</p><h2>Resources</h2><ul>${resources.join("")}</ul>`;
    expect(extractRecap(post, { baseUrl, marked: false }).detected).toBe(false);
  });

  it("does not detect plain-text steps that each link a video: a tutorial reads like that too", () => {
    const steps = ["Install the CLI", "Configure a repository", "Sync the first app"];
    expect(detected(ids.map((id, i) => `<li>${steps[i]} (<a href="https://youtu.be/${id}">video</a>)</li>`))).toBe(false);
  });

  it("does not count sentences or 'Step N' titles as talks, even in bold", () => {
    const prose = [
      "<strong>Step 1: install the operator</strong>",
      "<strong>We recorded the whole migration and you can watch it.</strong>",
      "<strong>This is the part everyone asks about. It took us three sprints to get it right.</strong>",
    ];
    expect(detected(ids.map((id, i) => `<li>${prose[i]} [<a href="https://youtu.be/${id}">Video</a>]</li>`))).toBe(false);
  });
});

describe("extractRecap on one paragraph per talk", () => {
  it("reads title, unlabelled byline line, links line and note line of a paragraph as one talk", () => {
    const html = `<h2>Day 1</h2>
      <p><strong>Scaling Argo CD to 5,000 Apps</strong><br>Jane Doe, Intuit<br><a href="https://youtu.be/p1">Video</a> | <a href="https://speakerdeck.com/x/p1">Slides</a></p>
      <p><strong>Golden Paths That People Use</strong><br>Mei Chen (Zalando)<br><a href="https://youtu.be/p2">Video</a><br>Loved the honesty about failed attempts.</p>
      <p><strong>OpenTelemetry Profiling Is Here</strong><br>Jane Smith, Grafana Labs<br><a href="https://youtu.be/p3">Video</a></p>`;
    expect(extractRecap(html, { baseUrl, marked: false })).toEqual({
      isRecap: true,
      detected: true,
      items: [
        talk(
          "Scaling Argo CD to 5,000 Apps",
          ["Jane Doe"],
          ["Intuit"],
          [video("https://youtu.be/p1", "Video"), slides("https://speakerdeck.com/x/p1", "Slides")],
        ),
        talk("Golden Paths That People Use", ["Mei Chen"], ["Zalando"], [video("https://youtu.be/p2", "Video")], {
          note: "Loved the honesty about failed attempts.",
        }),
        talk("OpenTelemetry Profiling Is Here", ["Jane Smith"], ["Grafana Labs"], [video("https://youtu.be/p3", "Video")], {}),
      ],
    });
  });
});

describe("extractRecap on more shapes", () => {
  it("keeps a heading over a single talk its section (one talk per co-located event)", () => {
    const result = extract("one-talk-sections.html");
    expect(result.detected).toBe(true);
    expect(result.items).toEqual([
      talk("Argo CD at 10,000 Clusters", ["Michael Crenshaw"], ["Intuit"], [yt("a1", "Argo CD at 10,000 Clusters")], {
        section: "ArgoCon",
      }),
      talk("Backstage Plugins Done Right", ["Ben Lambert"], ["Spotify"], [yt("b1", "Backstage Plugins Done Right")], {
        section: "BackstageCon",
      }),
      talk("Scaling the Catalog", ["Patrik Oldsberg"], ["Spotify"], [yt("b2", "Scaling the Catalog")], { section: "BackstageCon" }),
      talk("Measuring Platform Success", ["Colin Griffin"], ["Team Topologies"], [yt("p1", "Measuring Platform Success")], {
        section: "Platform Engineering Day",
      }),
    ]);
  });

  it("drops a top-N list's numbering from talk headings, and reads Speaker: lines, links and takeaways", () => {
    const result = extract("top-talks-numbered.html");
    expect(result.detected).toBe(true);
    expect(result.items).toEqual([
      talk(
        "Cilium Mesh Deep Dive",
        ["Thomas Graf"],
        ["Isovalent"],
        [video("https://youtu.be/c1", "Watch"), slides("https://speakerdeck.com/tgraf/cilium-mesh", "Slides")],
        { note: "Service mesh without sidecars finally feels real." },
      ),
      talk("Event-Driven Autoscaling with KEDA", ["Zbynek Roubalik"], ["Kedify"], [video("https://youtu.be/k1", "Watch")], {
        note: "KEDA's HTTP add-on is worth another look.",
      }),
      talk(
        "OpenTelemetry Profiling GA",
        ["Ryan Perry", "Felix Geisendörfer"],
        ["Grafana Labs", "Datadog"],
        [video("https://youtu.be/o1", "Watch"), slides("https://docs.google.com/presentation/d/xyz/edit", "Slides")],
      ),
    ]);
  });

  it("does not take a weekly link round-up with two videos and a PDF for a recap", () => {
    expect(extract("weekly-links-negative.html")).toEqual({ isRecap: false, detected: false, items: [] });
  });
});

describe("extractRecap on embeds as blogging platforms write them", () => {
  it("reads Medium's embedly-wrapped YouTube players, and does not take the repeated post title for a section", () => {
    const result = extract("medium-embedly.html");
    expect(result.detected).toBe(true);
    expect(result.items).toEqual([
      talk("Scaling Flux to 1,000 Tenants", ["Stefan Prodan"], ["ControlPlane"], [yt("fluxAbc1234")], {
        note: "Multi-tenancy lockdown is simpler than I thought.",
      }),
      talk("Dapr Agents in Practice", ["Yaron Schneider"], ["Diagrid"], [yt("daprAbc1234")]),
      talk("eBPF for Observability Without the Pain", ["Liz Rice"], ["Isovalent"], [yt("ebpfAbc1234")]),
    ]);
  });

  it("reads WordPress auto-embeds (a bare video URL) and 'Presented by … at <event>' bylines", () => {
    const result = extract("wordpress-auto-embeds.html");
    expect(result.detected).toBe(true);
    expect(result.items).toEqual([
      talk("Building a Golden Path with Backstage", ["Maria Gomez"], ["Acme Corp"], [yt("gP7wQx2LmA1")]),
      talk("Policy as Code with Kyverno", ["Jim Bugwadia"], ["Nirmata"], [yt("Kv9cTz4RbN2")]),
      talk("Cost-Aware Autoscaling with Karpenter", ["Lee Chen"], ["Acme Corp"], [video("https://youtu.be/Yh3sDf8JkL3")]),
    ]);
  });
});

describe("extractRecap on the issue's list shape, with plain-text titles", () => {
  it("reads 'Title — Speaker, Company (video — presentation) — note' under 'From X:' paragraphs, and each linked write-up", () => {
    const result = extract("plain-titles-from-paragraphs.html");
    expect(result.detected).toBe(true);
    expect(result.items).toEqual([
      talk(
        "Scaling Argo CD Beyond One Cluster",
        ["Jane Doe"],
        ["Intuit"],
        [yt("aaaaaaaaaa1", "video"), slides("https://static.sched.com/hosted_files/argocon24/x.pdf", "presentation")],
        { section: "ArgoCon", note: "Sharding really works." },
      ),
      talk("Argo Rollouts in Anger", ["Raj Patel", "Ann Lee"], ["Red Hat"], [yt("aaaaaaaaaa2", "video")], { section: "ArgoCon" }),
      talk(
        "Keynote: The State of Backstage",
        ["Patrik Oldsberg"],
        ["Spotify"],
        [yt("aaaaaaaaaa3", "video"), slides("https://speakerdeck.com/p/state", "presentation")],
        { section: "BackstageCon", note: "Plugins everywhere." },
      ),
      talk("Fireside chat: Portals at Scale", ["Sam Lee", "Kim Park"], ["Zalando", "Expedia"], [yt("aaaaaaaaaa4", "video")], {
        section: "BackstageCon",
      }),
      article("Alex's ArgoCon recap", [other("https://medium.com/@x/argocon-recap", "Alex's ArgoCon recap")], { section: "BackstageCon" }),
      article("Yuki's KubeCon takeaways", [other("https://dev.to/y/kubecon-takeaways", "Yuki's KubeCon takeaways")], {
        section: "BackstageCon",
      }),
    ]);
  });

  it("does not take a 'My favourite talks' heading for an event", () => {
    const result = extract("favourite-talks-list.html");
    expect(result.detected).toBe(true);
    expect(result.items.map((item) => [item.title, item.speakers, item.organizations, item.section])).toEqual([
      ["Securing the Supply Chain with Sigstore", ["Dan Lorenc"], ["Chainguard"], undefined],
      ["Wasm Beyond the Browser", ["Matt Butcher"], ["Fermyon"], undefined],
      ["The Road to Kubernetes 2.0", ["Tim Hockin"], ["Google"], undefined],
    ]);
  });
});

describe("extractRecap on a livestream recap", () => {
  it("keeps where each talk starts in the stream, so talks on one video stay apart", () => {
    const at = (seconds: number, form: "watch" | "embed") =>
      form === "watch"
        ? `https://www.youtube.com/watch?v=streamAbc12&t=${seconds}s`
        : `https://www.youtube.com/embed/streamAbc12?start=${seconds}`;
    const html = `<p><strong>From Platform Engineering Day (one livestream):</strong></p><ul>${[
      ["Platforms as Products", "Dana Lee, Acme", at(120, "watch")],
      ["Golden Paths in Practice", "Sam Ortiz, Initech", at(1800, "watch")],
      ["Measuring Developer Experience", "Ana Ruiz, Globex", at(3600, "embed")],
    ]
      .map(([title, byline, url]) => `<li>${title} — ${byline} (<a href="${url}">video</a>)</li>`)
      .join("")}</ul>`;
    const result = extractRecap(html, { baseUrl, marked: false });
    expect(result.detected).toBe(true);
    expect(result.items.map((item) => [item.title, item.links.map((link) => link.url)])).toEqual([
      ["Platforms as Products", ["https://www.youtube.com/watch?v=streamAbc12&t=120s"]],
      ["Golden Paths in Practice", ["https://www.youtube.com/watch?v=streamAbc12&t=1800s"]],
      ["Measuring Developer Experience", ["https://www.youtube.com/watch?v=streamAbc12&t=3600"]],
    ]);
  });
});

describe("extractRecap on an ordered list of bold titles with Recording and Slides links", () => {
  it("takes each item for a talk (its speaker from a note that opens with them), and a sentence introducing the list for no section", () => {
    const result = extract("ordered-list-recordings.html");
    expect(result.detected).toBe(true);
    expect(result.items).toEqual([
      talk("Keynote: The Component Model Is Here", ["Luke Wagner"], ["Fastly"], [yt("wasmKey0001", "Recording")], {
        note: "Luke Wagner (Fastly) walked through WASI 0.3 and async.",
      }),
      talk(
        "Spin 3.0 Deep Dive",
        ["Radu Matei"],
        ["Fermyon"],
        [yt("wasmSpin001", "Recording"), slides("https://speakerdeck.com/radu/spin-3", "Slides")],
        {
          note: "Radu Matei (Fermyon) showed the new trigger model.",
        },
      ),
      talk("wasmCloud in Production at Adobe", ["Colin Murphy"], ["Adobe"], [yt("wasmCloud01", "Recording")], {
        note: "Colin Murphy (Adobe) on running wasmCloud at scale.",
      }),
    ]);
  });
});

describe("extractRecap on speaker-first lines", () => {
  it("reads 'Jane Smith (Grafana Labs): <a>Title</a>' as the talk's speakers, then its title", () => {
    const result = extract("speakers-first.html");
    expect(result.detected).toBe(true);
    expect(result.items.map((item) => [item.title, item.speakers, item.organizations, item.section])).toEqual([
      ["OpenTelemetry Profiling Is Here", ["Jane Smith"], ["Grafana Labs"], "Observability Day"],
      ["Sampling Strategies That Scale", ["Tomás García"], ["Honeycomb"], "Observability Day"],
      ["eBPF Profiles Without Agents", ["Priya Raman"], ["Contoso"], "Observability Day"],
    ]);
  });

  it("keeps a kind label before a title part of the title, never a speaker", () => {
    const html = `<ul>${["Lightning Talk", "Fireside Chat", "Closing Keynote"]
      .map(
        (kind, i) => `<li>${kind}: <a href="https://www.youtube.com/watch?v=kindLabel0${i}">Talk Number ${i}</a> — Jane Doe, Intuit</li>`,
      )
      .join("")}</ul>`;
    expect(extractRecap(html, { baseUrl, marked: true }).items.map((item) => [item.title, item.speakers])).toEqual([
      ["Lightning Talk: Talk Number 0", ["Jane Doe"]],
      ["Fireside Chat: Talk Number 1", ["Jane Doe"]],
      ["Closing Keynote: Talk Number 2", ["Jane Doe"]],
    ]);
  });
});
