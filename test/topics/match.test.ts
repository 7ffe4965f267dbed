import { describe, expect, it } from "vitest";
import bundled from "../../packages/core/src/topics/taxonomy.json" with { type: "json" };
import { findTopic, loadTaxonomy, matchTopics, parseTerm, parseTopics, suggestTopics } from "../../packages/core/src/topics";
import type { Topic } from "../../packages/core/src/model/topic";
import { compiled, hits, locate, SCAN } from "../../packages/core/src/topics/compile";

const taxonomy = loadTaxonomy();
const ids = (title: string, summary?: string) => matchTopics({ title, summary }, taxonomy);

describe("taxonomy data", () => {
  it("validates and has unique kebab-case ids", () => {
    const topics = parseTopics(bundled);
    // What loadTaxonomy uses unchecked (it skips validating the file it ships with): the same topics.
    expect(loadTaxonomy().topics).toEqual(topics);
    const topicIds = topics.map((t) => t.id);
    expect(new Set(topicIds).size).toBe(topicIds.length);
    for (const id of topicIds) expect(id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
    expect(topicIds).toEqual(
      expect.arrayContaining([
        "platform-engineering",
        "ai-ml",
        "webassembly",
        "ebpf",
        "kubernetes",
        "security",
        "observability",
        "gitops",
        "developer-portals",
        "dapr",
        "workload-specification",
        "serverless",
        "service-mesh",
        "multi-tenancy",
        "developer-experience",
        "open-source-business",
        "sustainability",
      ]),
    );
  });

  it("gives every topic a label, description and at least one term", () => {
    for (const t of taxonomy.topics) {
      expect(t.label.length).toBeGreaterThan(0);
      expect(t.description.length).toBeGreaterThan(10);
      expect(t.aliases.length + t.related.length).toBeGreaterThan(0);
    }
  });

  it("rejects bad data with a clear message", () => {
    const dup = { id: "x", label: "X", description: "", aliases: ["x"] };
    expect(() => parseTopics([dup, dup])).toThrow(/duplicate topic id "x"/);
    expect(() => parseTopics([{ ...dup, id: "Not Kebab" }])).toThrow(/kebab-case/);
    expect(() => parseTopics([{ ...dup, aliases: ["=Score@"] }])).toThrow(/term must be/);
    expect(() => parseTopics([{ ...dup, alias: ["typo"] }])).toThrow(/Invalid topic list/);
  });

  it("returns one cached, frozen taxonomy when there are no extras", () => {
    expect(loadTaxonomy()).toBe(taxonomy);
    expect(Object.isFrozen(taxonomy.topics)).toBe(true);
  });

  it("appends extra topics and lets them replace a bundled one by id", () => {
    const extra: Topic[] = [
      { id: "rust", label: "Rust", description: "The Rust language", aliases: ["Rust", "Cargo"], related: [], negative: ["rust belt"] },
      { ...taxonomy.topics.find((t) => t.id === "dapr")!, aliases: ["Dapr", "sidecar runtime"] },
    ];
    const t = loadTaxonomy(extra);
    expect(t.topics.at(-1)!.id).toBe("rust");
    expect(t.topics.findIndex((x) => x.id === "dapr")).toBe(taxonomy.topics.findIndex((x) => x.id === "dapr"));
    expect(matchTopics({ title: "Rewriting our sidecar runtime in Rust" }, t)).toEqual(["dapr", "rust"]);
    expect(matchTopics({ title: "Life in the Rust Belt" }, t)).toEqual([]);
  });
});

describe("matchTopics", () => {
  // [title, summary, expected ids in taxonomy order]
  const cases: [string, string | undefined, string[]][] = [
    // platform engineering
    ["What is platform engineering, really?", undefined, ["platform-engineering"]],
    ["Notes from PlatformCon", "Golden paths beat tickets", ["platform-engineering"]],
    // Issue 5's related projects: Humanitec means workload specification and platform engineering.
    ["Building an IDP with Humanitec", undefined, ["platform-engineering"]], // Humanitec alone hints at workload specs, weakly
    ["Platform-Engineering maturity model", undefined, ["platform-engineering"]],
    ["Configuring SAML with your IdP", undefined, []], // identity provider, not a developer platform
    // AI / ML
    ["Serving LLMs on Kubernetes with vLLM", undefined, ["ai-ml"]], // Kubernetes is only where it runs
    ["MLOps pipelines that don't hurt", undefined, ["ai-ml"]],
    ["AI/ML workloads need GPUs", undefined, ["ai-ml"]],
    ["GenAI for incident reviews", undefined, ["ai-ml", "reliability"]],
    ["He said the release was ready", "Nobody said otherwise.", []],
    // WebAssembly
    ["Wasm components in production", undefined, ["webassembly"]],
    ["WASI 0.2 is here", undefined, ["webassembly"]],
    ["Fermyon Spin 3.0 released", undefined, ["webassembly"]],
    ["Running Spin apps on AKS with SpinKube", undefined, ["webassembly"]],
    ["Spin up a cluster in five minutes", undefined, []],
    ["How to spin up preview clusters", undefined, []],
    // eBPF
    ["eBPF for networking people", undefined, ["ebpf", "networking"]],
    ["Writing BPF programs with libbpf", undefined, ["ebpf"]],
    ["Tetragon runtime enforcement", undefined, ["ebpf", "security"]],
    ["Cilium 1.18: what's new", undefined, ["networking"]], // a CNI; eBPF only when the post says so
    // Kubernetes
    ["K8s 1.35 release notes", undefined, ["kubernetes"]],
    ["kubernetes v1.35: Timbernetes", undefined, ["kubernetes"]],
    ["KubeCon + CloudNativeCon recap", undefined, []], // an event is not a topic
    ["Ｋ８ｓ on a Raspberry Pi", undefined, ["kubernetes"]], // full-width characters
    // security
    ["Generating SBOMs for every image", undefined, ["security"]],
    ["Signing images with Sigstore and cosign", undefined, ["security"]],
    ["Software supply-chain attacks in 2026", undefined, ["security"]],
    ["Falco rules for crypto miners", undefined, ["ebpf", "security"]], // Falco is eBPF-based
    ["Critical vulnerabilities in runc", undefined, ["security"]],
    ["Social Security numbers explained", undefined, []],
    // observability
    ["OpenTelemetry collector tips", undefined, ["observability"]],
    ["OTel semantic conventions for GenAI", undefined, ["ai-ml", "observability"]],
    ["Prometheus 3.0 native histograms", undefined, ["observability"]],
    ["Ray tracing on the GPU", undefined, []],
    // GitOps
    ["Argo CD 3.0 is out", undefined, ["gitops"]],
    ["Progressive delivery with Argo Rollouts", undefined, ["ci-cd"]], // Rollouts is not GitOps
    ["Speeding up container image builds", undefined, ["ci-cd"]],
    ["Woodpecker 3.0 released", "Replay pipelines from the server and register your own agents.", ["ci-cd"]],
    ["A woodpecker in the garden", undefined, []], // the bird: no CI word near it
    ["How to build a B2B sales pipeline", undefined, []], // a pipeline that is not a build
    ["ETL pipeline basics with Airflow", "Data pipelines move data from sources to a warehouse.", []],
    ["Flux 2.4 adds OCI artifacts", undefined, ["gitops"]],
    ["Flux reconciles Helm releases", undefined, ["kubernetes", "gitops"]],
    ["Building a Flux Capacitor", "Great Scott! 1.21 gigawatts.", []],
    ["Magnetic flux in transformers", undefined, []],
    ["The Argonauts sail again", undefined, []],
    // developer portals
    ["Backstage software templates at scale", undefined, ["developer-portals"]],
    ["Choosing an internal developer portal", undefined, ["developer-portals"]],
    ["Backstage passes for the concert", undefined, []],
    // Dapr, Score
    ["Dapr workflows for sagas", undefined, ["dapr"]],
    ["Score: one workload spec for every platform", undefined, ["workload-specification"]],
    ["Deploying with score-compose and score-k8s", undefined, ["kubernetes", "workload-specification"]], // score-k8s does target K8s
    ["Describing workloads with Score", "A developer-centric workload specification.", ["workload-specification"]],
    ["What was the score of the game?", undefined, []],
    ["Score big savings on cloud bills", undefined, ["finops"]], // not a Score workload spec
    // serverless
    ["Scale to zero with KEDA", undefined, ["serverless"]],
    ["Knative Serving vs OpenFunction", undefined, ["serverless"]],
    ["Serverless cold starts explained", undefined, ["serverless"]],
    // service mesh
    ["Comparing service meshes in 2026", undefined, ["service-mesh"]],
    ["Istio ambient mesh goes GA", undefined, ["service-mesh"]],
    ["Linkerd 2.18 and the mesh without sidecars", undefined, ["service-mesh"]],
    ["Mesh Wi-Fi routers reviewed", undefined, []],
    ["Data mesh for analytics teams", undefined, []],
    // multi-tenancy
    ["Multi-tenancy with vCluster", undefined, ["multi-tenancy"]],
    ["Capsule: multi tenant Kubernetes clusters", undefined, ["kubernetes", "multi-tenancy"]],
    ["Hosted control planes with Kamaji", undefined, ["multi-tenancy"]],
    ["A time capsule from 1999", undefined, []],
    // developer experience
    ["Measuring DevEx with DORA metrics", undefined, ["developer-experience"]],
    ["Fixing the inner loop", "Faster developer feedback with Tilt.dev", ["developer-experience"]],
    // open source business
    ["Why we relicensed to the BSL", undefined, ["open-source-business"]],
    ["OpenTofu one year later", undefined, ["open-source-business"]],
    ["The business of open source", "Funding maintainers is hard.", ["open-source-business"]],
    // sustainability
    ["Carbon-aware scheduling on Kubernetes", undefined, ["sustainability"]],
    ["Measuring pod energy with Kepler", undefined, ["sustainability"]],
    ["Green software patterns", undefined, ["sustainability"]],
    ["Open source sustainability is a funding problem", undefined, ["open-source-business"]],
    ["Kepler's laws of planetary motion", undefined, []],
    // software pipelines, not oil, gas or sales ones
    ["Keeping pipelines safe", "Operators inspect their pipelines with smart pigs.", []],
    ["Speeding up our deploy pipeline", "Every commit now builds in four minutes.", ["ci-cd"]],
    ["Faster pipelines and builds for every commit", undefined, ["ci-cd"]],
    // testing and build times, in any language
    ["Finding flaky tests with Allure", undefined, ["ci-cd"]],
    ["テスト自動化の始め方", undefined, ["ci-cd"]],
    ["Monorepo build time slowdown", undefined, ["ci-cd"]],
    // Kubernetes extensions and tools are Kubernetes, edge ones too
    ["KubeVirt v1.0 has landed!", undefined, ["kubernetes"]],
    ["深度解读OpenYurt：边缘自治能力设计解析", undefined, ["kubernetes"]],
    ["SuperEdge 0.9 released", undefined, ["kubernetes"]],
    // container image builders build software: ci-cd ("container image builds")
    ["Introducing Shipwright - Part 1", undefined, ["ci-cd"]],
    ["Rootless Buildah in unprivileged environments", undefined, ["ci-cd"]],
    ["kpack 0.13 released", undefined, ["ci-cd"]],
    ["Containerizing a Spring Boot app with Jib", "No Dockerfile: Jib builds the image from Maven.", ["ci-cd"]],
    ["Jib and mainsail trim for light air", "How to set the sails upwind.", []],
    ["Reproducible container images", undefined, ["ci-cd"]],
    ["Reproducible builds for Go binaries", undefined, ["ci-cd"]],
    // contract tests gate a release (ci-cd); API mocks let developers work without the real dependency
    ["Contract testing microservices with Pact", undefined, ["ci-cd"]],
    ["A pact between two families", "The treaty lasted a century.", []],
    ["Simulating CloudEvents with AsyncAPI and Microcks", undefined, ["developer-experience"]],
    ["API mocking for frontend teams with WireMock", undefined, ["developer-experience"]],
    ["Minikube adds an addon for node inspection", undefined, ["kubernetes"]],
    // signing projects, audits and DDoS are security
    ["Notary Project announces Notation v1.1.0", undefined, ["security"]],
    ["Karmada 安全审计结果发布", undefined, ["kubernetes", "security"]],
    ["Dropping DDoS floods at line rate with XDP", undefined, ["ebpf", "security"]],
    // a gateway built on Envoy is networking, not a mesh
    ["Announcing Envoy Gateway 1.0", "A Gateway API implementation for north-south traffic.", ["networking"]],
    // AWS Lambda by its short name, not the calculus
    ["Lambda関数でS3イベントを処理する", undefined, ["serverless"]],
    ["Lambda calculus for working programmers", "Functions, substitution and why it still matters.", []],
    // a project's move through its foundation
    ["Kubescape reaches incubation", "Congratulations on becoming a CNCF incubating project.", ["security", "open-source-business"]],
    // platform orchestrators, productivity of engineers
    ["What we learned running KusionStack at scale", undefined, ["platform-engineering"]],
    ["DORA explores DevOps: how can engineers measure productivity?", undefined, ["developer-experience"]],
    ["Bazel and JetBrains co-maintain the IntelliJ plugin", undefined, ["ci-cd", "developer-experience"]],
    // security's everyday vocabulary, in English and German
    ["Post-quantum cryptography and TLS", undefined, ["security"]],
    ["Continuous fuzzing for Go projects", undefined, ["security"]],
    ["The backdoor that almost shipped", undefined, ["security"]],
    ["Hunting malware with eBPF", undefined, ["ebpf", "security"]],
    ["Zwei Schwachstellen in Nagios", undefined, ["security", "observability"]], // Nagios is a monitoring system
    // homonyms: a house's security, a film called Argo
    ["Home security on a budget", "Cameras, locks and alarms against burglars.", []],
    ["Argo ★★★★½", "Ben Affleck directs a tense political thriller.", []],
    ["Argo at scale", "Syncing 5,000 applications to 200 clusters.", ["gitops"]],
    // projects whose purpose is the topic
    ["etcd 3.6 released", undefined, ["kubernetes", "data-storage"]], // Kubernetes' store, and a key-value store
    ["Kubewarden 1.20 released", undefined, ["security"]], // a policy engine
    ["Kmesh 1.0 released", undefined, ["ebpf", "service-mesh"]], // an eBPF-based sidecarless mesh
    ["Introducing kctrl, kapp-controller's CLI", undefined, ["kubernetes"]],
    ["k3d v5: local clusters in Docker", undefined, ["kubernetes"]],
    // kinds of database, testing and cost
    ["Choosing a key-value store", undefined, ["data-storage"]],
    ["We built a time-series database", undefined, ["data-storage"]],
    ["Running UI tests in containers", undefined, ["ci-cd"]],
    ["Making e2e tests fast", undefined, ["ci-cd"]],
    ["Over-provisioned clusters", "Costs we could cut.", ["finops"]],
    ["Over-provisioned clusters", undefined, []], // one cost word is a hint, not a case
    // compliance regimes and certificates are security; a certificate's hot reload is no inner loop
    ["What GDPR means for your logs", undefined, ["security"]],
    ["Hot-reload certificates without restarts", "Rotating TLS certificates for the proxy.", ["security"]],
    // Cluster API providers and multi-cluster managers run Kubernetes clusters; CNAB bundles ship releases
    ["Metal3 introduces pivoting", undefined, ["kubernetes"]],
    ["High availability hubs in Open Cluster Management", undefined, ["kubernetes", "reliability"]],
    ["Porter bundles with mixins", undefined, ["ci-cd"]],
    ["The porter carried our bags", undefined, []],
    // open source program offices run open source's business side
    ["What an OSPO does all day", undefined, ["open-source-business"]],
    // the fields' ordinary vocabulary, not only project names
    ["Cutting a release train every two weeks", undefined, ["ci-cd"]],
    ["Artifact promotion from staging to prod", undefined, ["ci-cd"]],
    ["Scaling self-hosted runners", undefined, ["ci-cd"]],
    ["Semantic versioning for Helm charts", undefined, []], // weak: release notes say it in passing
    ["Our Dockerfile tips", undefined, []],
    ["Writing runbooks people actually use", undefined, ["reliability"]],
    ["Cutting MTTR in half", undefined, ["reliability"]],
    ["Load shedding and graceful degradation under overload", undefined, ["reliability"]],
    ["Toil is everywhere", undefined, []], // the everyday word alone
    ["Burn rate alerts for your SLOs", undefined, ["reliability"]],
    ["Our startup's burn rate", undefined, []], // cash burn: no SRE cue
    ["Showback before chargeback", undefined, ["finops"]],
    ["Disputing a credit card chargeback", undefined, []], // payments, no cost-allocation cue
    ["Unit economics of a SaaS startup", undefined, []],
    ["Spot VMs for batch jobs", undefined, ["finops"]],
    ["Spot the difference", undefined, []],
    ["Cognitive load and the inner loop", undefined, ["developer-experience"]],
    ["It works on my machine, again", undefined, ["developer-experience"]],
    ["Onboarding new engineers", "Cutting onboarding time from weeks to days", ["developer-experience"]],
    ["Customer onboarding checklist", undefined, []],
    ["Backup and restore for Postgres on Kubernetes", undefined, ["data-storage"]],
    ["Point-in-time recovery explained", undefined, ["data-storage"]],
    ["Restore your faith in meetings", undefined, []],
    ["The replication crisis in psychology", undefined, []], // no database or storage cue
    ["Thinnest viable platform", undefined, ["platform-engineering"]],
    ["Paved paths and developer self-service", undefined, ["platform-engineering"]],
    ["Our developer platform pricing", undefined, []], // a vendor's product
    ["Threat modeling for beginners", undefined, ["security"]],
    ["Container escape via a privileged container", undefined, ["security"]],
    ["Configuring SSO for your team", undefined, []], // weak: setup steps name it in passing
    ["Dynamic Resource Allocation reaches GA", undefined, ["kubernetes"]],
    ["Writing your first controller with kubebuilder", undefined, ["kubernetes"]],
    ["Feature gates in our mobile app", undefined, []], // no Kubernetes cue
    ["Overlay networks and IPAM explained", undefined, ["networking"]],
    ["Network effects in marketplaces", undefined, []],
    ["Networking opportunities at the conference", undefined, []],
    ["Alert fatigue and golden signals", undefined, ["observability"]],
    ["Data observability for your warehouse", undefined, []],
    ["Copyleft versus permissive licenses", undefined, ["open-source-business"]],
    ["An open source initiative for schools", undefined, []], // not the OSI: case-sensitive
    ["Hosted control planes and shared clusters", undefined, ["multi-tenancy"]],
    ["Finding your Azure tenant ID", undefined, []],
    ["Attaching kprobes and uprobes", undefined, ["ebpf"]],
    ["Ztunnel and waypoint proxies in ambient mode", undefined, ["service-mesh"]],
    ["Edge functions with Step Functions", undefined, ["serverless"]],
    ["Aurora Serverless v2 pricing", undefined, []], // a database, not FaaS-style compute
    ["Prompt injection and deep learning models", undefined, ["ai-ml", "security"]],
    ["ApplicationSets and the app of apps pattern", undefined, ["gitops"]],
    ["Building wasm32 targets before WasmCon", undefined, ["webassembly"]],
    ["Embodied carbon and greenhouse gas accounting for servers", undefined, ["sustainability"]],
    ["Blue-green deployments, the green way", undefined, ["ci-cd"]], // not sustainability: a deployment strategy
    ["Writing a Backstage software template", undefined, ["developer-portals"]],
    ["Running daprd next to your app", undefined, ["dapr"]],
    // several topics at once, in taxonomy order
    [
      "KubeCon recap: platform engineering, eBPF and OpenTelemetry",
      "Backstage everywhere, and Argo CD on every booth.",
      ["platform-engineering", "ebpf", "observability"], // one passing mention each of Backstage and Argo CD
    ],
  ];

  it.each(cases)("%s", (title, summary, expected) => {
    expect(ids(title, summary)).toEqual(expected);
  });

  it("tags from the summary when it says more than a passing word", () => {
    expect(ids("Weekly links", "<p>Our take on eBPF &amp; Wasm.</p>")).toEqual([]);
    expect(ids("Weekly links", "<p>Our take on eBPF &amp; Wasm: WASI components and XDP.</p>")).toEqual(["webassembly", "ebpf"]);
  });

  it("is tolerant of Unicode punctuation and invisible characters", () => {
    expect(ids("Kubernetes’ new scheduler")).toEqual(["kubernetes"]);
    expect(ids("platform\u2011engineering at scale")).toEqual(["platform-engineering"]);
    expect(ids("«Open\u00A0Telemetry» everywhere")).toEqual(["observability"]);
    expect(ids("Kuber\u00ADnetes hyphenation")).toEqual(["kubernetes"]);
  });

  it("does not let a phrase span the title and the summary", () => {
    expect(ids("Building a service", "Mesh networking at home")).toEqual([]);
  });

  it("masks negatives per occurrence instead of vetoing the post", () => {
    expect(ids("Spin up a cluster, then deploy Spin components")).toEqual(["webassembly"]);
  });

  it("is case-sensitive only where the data says so", () => {
    expect(ids("kubernetes, KUBERNETES, Kubernetes")).toEqual(["kubernetes"]);
    expect(ids("ai is everywhere")).toEqual([]); // "=AI"
    expect(ids("Using AI responsibly")).toEqual(["ai-ml"]);
  });
});

describe("findTopic", () => {
  it.each([
    ["k8s", "kubernetes"],
    ["K8S", "kubernetes"],
    ["observability", "observability"],
    ["Platform Engineering", "platform-engineering"],
    ["platform_engineering", "platform-engineering"],
    ["#platformengineering", "platform-engineering"],
    ["otel", "observability"],
    ["wasm", "webassembly"],
    ["LLMs", "ai-ml"],
    ["service meshes", "service-mesh"],
    ["AI & ML", "ai-ml"],
    ["backstage", "developer-portals"], // a related project, as a last resort
    ["Argo CD", "gitops"],
  ])("%s → %s", (query, id) => {
    expect(findTopic(query, taxonomy)?.id).toBe(id);
  });

  it("returns undefined for unknown or empty queries", () => {
    expect(findTopic("cobol", taxonomy)).toBeUndefined();
    expect(findTopic("   ", taxonomy)).toBeUndefined();
  });
});

describe("suggestTopics", () => {
  const suggest = (q: string, max?: number) => suggestTopics(q, taxonomy, max).map((t) => t.id);

  it("corrects typos", () => {
    expect(suggest("obervability")[0]).toBe("observability");
    expect(suggest("kubernets")[0]).toBe("kubernetes");
    expect(suggest("gitpos")[0]).toBe("gitops");
    expect(suggest("webasembly")[0]).toBe("webassembly");
  });

  it("completes prefixes and finds substrings", () => {
    expect(suggest("obs")[0]).toBe("observability");
    expect(suggest("sustain")).toContain("sustainability");
    expect(suggest("mesh")).toContain("service-mesh");
  });

  it("resolves aliases exactly", () => {
    expect(suggest("k8s")[0]).toBe("kubernetes");
  });

  it("respects max and returns nothing for noise", () => {
    expect(suggest("s", 2).length).toBeLessThanOrEqual(2);
    expect(suggest("zzzzqqq")).toEqual([]);
    expect(suggest("")).toEqual([]);
    expect(suggest("observability", 0)).toEqual([]);
  });
});

describe("the prefilter", () => {
  it("finds every hit a full scan finds, on texts made of the taxonomy's own terms", () => {
    const { topics, prefilter } = compiled(taxonomy);
    const terms = topics.flatMap((ct) =>
      [...ct.topic.aliases, ...ct.topic.related, ...(ct.topic.weak ?? [])].map((raw) => parseTerm(raw).phrase),
    );
    const glue = [" ", "-", "", "部署", "の", "é", ", ", "\u00a0", "x", "’s ", "#", "Ｋ"];
    let seed = 7;
    const pick = <T>(list: readonly T[]) => list[(seed = (seed * 1103515245 + 12345) % 2 ** 31) % list.length]!;
    for (let round = 0; round < 300; round++) {
      const text = Array.from(
        { length: 6 },
        () => `${pick(glue)}${pick([(s: string) => s, (s: string) => s.toUpperCase(), (s: string) => s.toLowerCase()])(pick(terms))}`,
      ).join("");
      const starts = locate(prefilter, topics.length, text);
      topics.forEach((ct, i) => {
        const scanned = hits(ct, text, text, SCAN);
        expect(starts[i] === undefined ? [] : hits(ct, text, text, starts[i]), `${ct.topic.id} in ${JSON.stringify(text)}`).toEqual(
          scanned,
        );
      });
    }
  });
});

describe("project classes (round 3 vocabulary)", () => {
  it.each([
    ["OKD 4.15 is out", "kubernetes"],
    ["Installing Kubermatic on bare metal", "kubernetes"],
    ["Konveyor Community HackFest", "kubernetes"],
    ["Move2Kube: migrating Cloud Foundry apps", "kubernetes"],
    ["Writing controllers with Kubebuilder", "kubernetes"],
    ["HAMi graduates to incubation", "ai-ml"],
    ["Fair sharing with the KAI Scheduler", "ai-ml"],
    ["Serving models with llm-d", "ai-ml"],
    ["Getting started with TensorRT-LLM", "ai-ml"],
    ["Eclipse Che 7.90 released", "developer-experience"],
    ["Writing a devfile for your project", "developer-experience"],
    ["Running SeaweedFS in production", "data-storage"],
    ["StackGres 1.10 brings new Postgres extensions", "data-storage"],
    ["Redpanda vs Apache Kafka", "data-storage"],
    ["SSO for Grafana with Authelia", "security"],
    ["Syncing secrets with Infisical", "security"],
    ["What's new in Grafana Alloy", "observability"],
    ["On-call rotations in Opsgenie", "reliability"],
    ["Flux Operator 0.10 released", "gitops"],
    ["Migrating from Bitbucket Pipelines", "ci-cd"],
    ["Feature experiments with GrowthBook", "ci-cd"],
    ["Deploying to Kong Gateway", "networking"],
    ["Anthos Service Mesh deep dive", "service-mesh"],
    ["Hosted clusters with KubeSlice", "multi-tenancy"],
    ["Introducing Qovery environments", "platform-engineering"],
    ["Harness Internal Developer Portal now GA", "developer-portals"],
    ["Building agents with Dapr Agents", "dapr"],
    ["Forgejo's governance model", "open-source-business"],
    ["Cutting our bill with CloudZero", "finops"],
    ["Measuring emissions with Cloud Carbon Footprint", "sustainability"],
    ["Debugging packets with pwru", "ebpf"],
    ["Compiling JavaScript to Wasm with Javy", "webassembly"],
  ])("tags %j as %s", (title, topic) => {
    expect(ids(title)).toContain(topic);
  });

  it("keeps ambiguous project names untagged without their topic's context", () => {
    expect(ids("Coder of the year: a profile")).not.toContain("developer-experience");
    expect(ids("The Garden in spring")).not.toContain("developer-experience");
    expect(ids("A Forklift driver's story")).not.toContain("kubernetes");
    expect(ids("Cursor position in terminals")).not.toContain("ai-ml");
    expect(ids("Harbor seals return to the bay")).not.toContain("ci-cd");
    expect(ids("Dragonfly sightings this summer")).not.toContain("data-storage");
    expect(ids("Grok the basics of Go")).not.toContain("ai-ml");
    expect(ids("Port of Rotterdam expands")).not.toContain("developer-portals");
  });

  it("tags ambiguous names with their context", () => {
    expect(ids("Coder workspaces on Kubernetes", "Self-hosted development environments with Terraform templates")).toContain(
      "developer-experience",
    );
    expect(ids("Forklift 2.5 migrates VMs to KubeVirt")).toContain("kubernetes");
    expect(ids("Dragonfly as a Redis replacement", "An in-memory cache compatible with Redis")).toContain("data-storage");
  });
});
