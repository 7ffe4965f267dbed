/**
 * How tagging weighs a post's evidence (topics/score.ts): each rule is tested as a rule, with
 * texts made for it, on the bundled taxonomy.
 */
import { describe, expect, it } from "vitest";
import { explainTopics, loadTaxonomy, matchTopics, TAG_THRESHOLD, type TopicEvidence } from "../../packages/core/src/topics";
import type { Topic } from "../../packages/core/src/model/topic";

const taxonomy = loadTaxonomy();
const tags = (evidence: TopicEvidence) => matchTopics(evidence, taxonomy);
const score = (evidence: TopicEvidence, id: string) => explainTopics(evidence, taxonomy).find((s) => s.id === id);

describe("script boundaries", () => {
  it("reads a Latin-script name next to Chinese, Japanese or Korean text as a word", () => {
    expect(tags({ title: "部署kubernetes应用的十个技巧" })).toContain("kubernetes");
    expect(tags({ title: "Kubernetesクラスタの運用を自動化する" })).toContain("kubernetes");
    expect(tags({ title: "使用eBPF观测网络" })).toContain("ebpf");
    expect(tags({ title: "Wasmコンポーネント入門" })).toContain("webassembly");
    expect(tags({ title: "Istio로 트래픽 관리하기" })).toContain("service-mesh");
    // And a term written in those scripts right after a Latin word: "Lambda関数", "Kubernetes可观测性".
    expect(tags({ title: "Lambda関数でS3イベントを処理する" })).toContain("serverless");
    expect(tags({ title: "Kubernetes可观测性实践" })).toContain("observability");
  });

  it("still needs a boundary between Latin letters, and finds terms written in those scripts", () => {
    expect(tags({ title: "Kubernetesify your life" })).not.toContain("kubernetes");
    expect(tags({ title: "He said it was fine" })).toEqual([]);
    expect(tags({ title: "服务网格入门" })).toEqual(["service-mesh"]);
    expect(tags({ title: "可観測性を高める方法" })).toEqual(["observability"]);
  });
});

describe("events are not topics", () => {
  it("gives a general conference nothing, and a project's or field's event its topic", () => {
    expect(tags({ title: "Lessons from three years in production", event: "KubeCon + CloudNativeCon Europe 2025" })).toEqual([]);
    expect(tags({ title: "KubeCon EU 2025 recap" })).toEqual([]);
    expect(tags({ title: "Kubernetes Community Days Munich: our notes" })).toEqual([]);
    expect(tags({ title: "Lessons from three years in production", event: "ArgoCon" })).toEqual(["gitops"]);
    expect(tags({ title: "Scaling to 5,000 apps", event: "BackstageCon" })).toEqual(["developer-portals"]);
    expect(tags({ title: "What we got wrong", event: "Platform Engineering Day" })).toEqual(["platform-engineering"]);
  });
});

describe("a venue topic", () => {
  it("is a topic when it is the subject, not when it is only where something runs", () => {
    expect(tags({ title: "Kubernetes 1.31: what's new" })).toEqual(["kubernetes"]);
    expect(tags({ title: "Kubernetes RBAC mistakes we keep seeing" })).toContain("kubernetes");
    expect(tags({ title: "Serving LLMs on Kubernetes" })).toEqual(["ai-ml"]);
    expect(tags({ title: "Running Postgres for our team", summary: "We moved every database to Kubernetes last year." })).not.toContain(
      "kubernetes",
    );
    expect(score({ title: "Serving LLMs on Kubernetes" }, "kubernetes")?.evidence).toEqual([
      { source: "title", strength: "weak", text: "Kubernetes", points: 1.5 },
    ]);
  });

  it("is the object another field looks at when that field's noun follows it", () => {
    // "Kubernetes costs", "Kubernetes monitoring": the post is about the costs or the monitoring.
    expect(tags({ title: "Monitoring Kubernetes costs with OpenCost" })).toEqual(["finops"]);
    expect(tags({ title: "Measuring Kubernetes energy use with Kepler" })).toEqual(["sustainability"]);
    expect(tags({ title: "A guide to Kubernetes monitoring" })).not.toContain("kubernetes");
    expect(tags({ title: "Low-latency Kubernetes networking in AWS" })).not.toContain("kubernetes");
    expect(score({ title: "Kubernetes cluster costs explained" }, "kubernetes")?.evidence[0]).toMatchObject({ strength: "weak" });
    // "Kubernetes development", "Kubernetes platform team": the post is about developing, or the platform.
    expect(tags({ title: "Tilt and Skaffold compared for inner loop Kubernetes development" })).not.toContain("kubernetes");
    expect(tags({ title: "Reducing cloud cost for a multi-tenancy Kubernetes platform" })).not.toContain("kubernetes");
    expect(score({ title: "Our Kubernetes platform team" }, "kubernetes")?.evidence[0]).toMatchObject({ strength: "weak" });
    // Not when the noun after it is the project's own ("Kubernetes cost" is not "Kubernetes costume").
    expect(tags({ title: "Kubernetes costume contest at the booth" })).toContain("kubernetes");
    expect(tags({ title: "Kubernetes 1.31: what's new" })).toEqual(["kubernetes"]);
    expect(tags({ title: "Kubernetes RBAC mistakes we keep seeing" })).toContain("kubernetes");
  });

  it("reads its name among a post's categories as where the post's subject runs", () => {
    // Publishers tag everything deployed on Kubernetes "k8s": the category alone is no case.
    const post = { title: "Retries and dead letter sinks with the Kafka broker", categories: ["knative", "k8s"] };
    expect(tags(post)).not.toContain("kubernetes");
    expect(score(post, "kubernetes")?.evidence[0]).toMatchObject({ source: "categories", strength: "weak" });
    // With the title naming it, it still counts.
    expect(tags({ ...post, title: "What changed for pods this year" })).toContain("kubernetes");
  });

  it("reads a category that is the topic's own name as where the post's subject runs, too", () => {
    // A blog that files every post it deploys on Kubernetes under "kubernetes" says where, not what.
    const post = { title: "Read-only functions for tighter isolation", categories: ["openfaas", "kubernetes"] };
    expect(tags(post)).not.toContain("kubernetes");
    expect(score(post, "kubernetes")?.evidence).toEqual([{ source: "categories", strength: "weak", text: "kubernetes", points: 1.25 }]);
    expect(tags({ ...post, feedFocus: { kubernetes: 0.9 } })).not.toContain("kubernetes"); // and no case for the prior
    // A topic that is not a venue keeps its own name as a category at full weight.
    expect(tags({ title: "Notes from our second year", categories: ["observability", "news"] })).toEqual(["observability"]);
    // The title naming a Kubernetes feature still decides.
    expect(tags({ ...post, title: "What changed for pods and DaemonSets this year" })).toContain("kubernetes");
  });

  it("reads only its own name (label, clipping, numeronym) among the categories as a place", () => {
    const post = { title: "Notes from our second year", categories: ["kubevirt"] };
    // A category naming a project or part of Kubernetes files the post under what it is about.
    expect(tags(post)).toEqual(["kubernetes"]);
    expect(score(post, "kubernetes")?.evidence[0]).toMatchObject({ source: "categories", strength: "strong", text: "kubevirt" });
    for (const name of ["kubernetes", "k8s", "kube"]) expect(tags({ ...post, categories: [name] })).toEqual([]);
  });

  it("reads a part of the topic (an API, a component) as the subject wherever it stands", () => {
    expect(tags({ title: "Isolating tenants with ResourceQuotas" })).toContain("kubernetes");
    expect(tags({ title: "Hardening your clusters with Pod Security Standards" })).toContain("kubernetes");
    // Its name after the same word is still only where something runs.
    expect(tags({ title: "Serving LLMs with Kubernetes" })).not.toContain("kubernetes");
  });

  it("is no subject when every piece only says where, however many there are", () => {
    // The title's name before another field's noun ("K8s network", "Kubernetes security"), plus a category.
    const post = { title: "Securing your K8s network with ClusterNetworkPolicy", categories: ["kubernetes", "team"] };
    expect(score(post, "kubernetes")!.score).toBeGreaterThanOrEqual(TAG_THRESHOLD);
    expect(tags(post)).not.toContain("kubernetes");
    expect(tags({ title: "Exploring Kubernetes security in a dashboard", summary: "Kubernetes posture at a glance." })).toEqual([
      "security",
    ]);
    // Japanese and Chinese mark the place after the noun: "on the k8s cluster".
    expect(tags({ title: "おうちk8sクラスタにVaultを構築する" })).not.toContain("kubernetes");
    expect(tags({ title: "Kubernetesクラスタの運用を自動化する" })).toContain("kubernetes");
  });
  it('is the place a tool works when "in" or "to" comes before it and "with" after it', () => {
    expect(tags({ title: "Building resilient observability pipelines in Kubernetes with OpenTelemetry Collector" })).toEqual([
      "observability",
    ]);
    expect(tags({ title: "Migrate your AWS Lambda functions to Kubernetes with OpenFaaS" })).toEqual(["serverless"]);
    expect(tags({ title: "Optimierung der Laufzeitsicherheit in Kubernetes durch den Einsatz von eBPF" })).not.toContain("kubernetes");
    expect(score({ title: "Multi-tenancy in Kubernetes with Cilium" }, "kubernetes")?.evidence[0]).toMatchObject({ strength: "weak" });
    // Either word alone leaves the topic its subject.
    expect(tags({ title: "Soft vs hard multi-tenancy in Kubernetes" })).toContain("kubernetes");
    expect(tags({ title: "Debugging Kubernetes with eBPF gadgets" })).toContain("kubernetes");
    // Only the topic's own name is such a place: a Kubernetes project or API there is still the subject.
    expect(tags({ title: "Persistent storage for virtual machines in KubeVirt with Rook" })).toContain("kubernetes");
    expect(tags({ title: "How to move from Ingress to Gateway API with minimal hassle" })).toContain("kubernetes");
  });

  it("gives the feed's prior no case when its only evidence is where something runs", () => {
    const runsOn = { title: "Serverless functions for Kubernetes" };
    expect(tags({ ...runsOn, feedFocus: { kubernetes: 0.9 } })).not.toContain("kubernetes");
    // A Kubernetes term that is the subject still lets the prior tip a weak case.
    expect(tags({ title: "What changed for pods this year", feedFocus: { kubernetes: 0.9 } })).toContain("kubernetes");
    expect(tags({ title: "What changed for pods this year" })).not.toContain("kubernetes");
  });
});

describe("where evidence is found", () => {
  it("tags from the publisher's categories, weighing a category among many less", () => {
    expect(tags({ title: "Notes from our second year", categories: ["Platform Engineering"] })).toEqual(["platform-engineering"]);
    expect(tags({ title: "Notes from our second year", categories: ["AI & ML"] })).toEqual(["ai-ml"]); // the topic's own label
    const many = ["news", "community", "events", "cloud", "people", "kubernetes"];
    expect(tags({ title: "Notes from our second year", categories: many })).toEqual([]);
    expect(score({ title: "x", categories: many }, "kubernetes")?.score).toBeLessThan(TAG_THRESHOLD);
    // A sixth category weighs a sixth of a post's only one, less than a weak word in the summary.
    const sixth = ["news", "community", "events", "cloud", "people", "Observability"];
    expect(score({ title: "x", categories: sixth }, "observability")?.evidence).toEqual([
      { source: "categories", strength: "strong", text: "Observability", points: 0.5 },
    ]);
    // With a weak word of the summary and one of the lead (1.125 points), that is no case yet.
    const weak = { title: "Notes from our second year", summary: "New dashboards.", lead: "We added alerting to every service." };
    expect(tags({ ...weak, categories: sixth })).toEqual([]);
    expect(tags({ ...weak, categories: sixth.slice(2) })).toEqual(["observability"]); // the fourth of four: 1.5
  });

  it("never tags from the body's lead alone, however often it names a topic", () => {
    const lead = "We spent the quarter on onboarding. Along the way we added OpenTelemetry to a few services.";
    const often = `${lead} Traces in Jaeger, metrics in Prometheus and PromQL dashboards now guide us.`;
    expect(tags({ title: "A quarter of onboarding", lead })).toEqual([]);
    // Not even with no summary at all: a lead tours the stack, and names many topics in passing.
    expect(tags({ title: "A quarter of onboarding", lead: often })).toEqual([]);
    expect(score({ title: "A quarter of onboarding", lead: often }, "observability")?.score).toBe(1.5);
    // The lead and the summary, or the title, together are enough.
    expect(tags({ title: "A quarter of onboarding", summary: "Tracing everywhere.", lead })).toEqual(["observability"]);
    expect(tags({ title: "A quarter of dashboards", lead: often })).toEqual(["observability"]);
  });

  it("does not tag from the lead alone when the post's summary says what it is about, nor when it is a teaser", () => {
    const lead =
      "Our gateways moved to Envoy Gateway. Reliability went up, resilience to zone loss improved, failover is automatic and our SLOs held.";
    const summary = "How our product teams chose a gateway control plane, migrated their routes and what they would do again.";
    // Title and summary are about gateways; the lead's words on reliability are a passing remark.
    expect(tags({ title: "Our journey with a new API gateway", summary, lead })).not.toContain("reliability");
    expect(score({ title: "Our journey with a new API gateway", summary, lead }, "reliability")?.score).toBe(1.5);
    // A teaser changes nothing: the lead still names reliability in passing, among the gateway's merits.
    expect(tags({ title: "Our journey with a new API gateway", summary: "Read on.", lead })).not.toContain("reliability");
    // The feed's focus can still tip the lead's case.
    expect(tags({ title: "Our journey with a new API gateway", summary, lead, feedFocus: { reliability: 0.8 } })).toContain("reliability");
  });

  it("counts one word said again once", () => {
    const summary = "Security matters. Security is everyone's job. Security, security, security.";
    expect(tags({ title: "A note to the team", summary })).toEqual([]);
    expect(score({ title: "A note to the team", summary }, "security")?.evidence).toHaveLength(1);
  });

  it("counts a term inside a longer one as the longer term, once", () => {
    // "availability" in "high availability", "CI" in "CI/CD": the same words, one piece of evidence.
    const ha = { title: "Notes from the quarter", summary: "Our high availability setup." };
    expect(score(ha, "reliability")?.evidence).toEqual([{ source: "summary", strength: "strong", text: "high availability", points: 1.5 }]);
    expect(tags(ha)).toEqual([]);
    expect(score({ title: "Notes from the quarter", summary: "Our CI/CD story." }, "ci-cd")?.evidence).toHaveLength(1);
    // Two terms side by side are still two.
    expect(tags({ ...ha, summary: "Our high availability setup and its failover." })).toEqual(["reliability"]);
  });

  it("lets generic words add up where a name is missing", () => {
    expect(
      tags({
        title: "What makes your platform succeed",
        summary: "Adoption comes from developers who choose the self-service path because it is the easiest one.",
      }),
    ).toEqual(["platform-engineering"]);
    expect(tags({ title: "What makes your platform succeed" })).toEqual([]);
  });

  it("counts a talk's speakers' organizations a little", () => {
    expect(tags({ title: "Faster packet paths", organizations: ["Isovalent"] })).toEqual([]);
    expect(score({ title: "Faster packet paths", organizations: ["Isovalent"] }, "ebpf")?.evidence).toEqual([
      { source: "organizations", strength: "strong", text: "Isovalent", points: 1 },
    ]);
    const xdp = { title: "Faster packet paths", summary: "Our load balancer now drops bad packets in XDP." };
    expect(tags(xdp)).not.toContain("ebpf");
    expect(tags({ ...xdp, organizations: ["Isovalent"] })).toContain("ebpf");
  });

  it("lets what a feed mostly publishes tip a weak case, never tag a post alone", () => {
    const weak = { title: "Surviving the holiday traffic", summary: "What our on call rota learned." };
    expect(tags(weak)).not.toContain("reliability");
    expect(tags({ ...weak, feedFocus: { reliability: 0.8 } })).toContain("reliability");
    expect(tags({ ...weak, feedFocus: { reliability: 0.3 } })).not.toContain("reliability");
    expect(tags({ title: "Our office moved", feedFocus: { reliability: 1 } })).toEqual([]);
  });
});

describe("team cues", () => {
  const withCues = (cues: Partial<Topic>) => loadTaxonomy(taxonomy.topics.filter((t) => t.id === "finops").map((t) => ({ ...t, ...cues })));

  it("are weak evidence, capped so they tip a case and never decide it", () => {
    const taught = withCues({ teamCues: ["ledger", "invoice", "procurement"] });
    const title = "Ledger, invoice and procurement";
    expect(matchTopics({ title }, taught)).toEqual([]);
    expect(explainTopics({ title }, taught).find((s) => s.id === "finops")?.score).toBe(1);
    expect(matchTopics({ title, summary: "Our cloud costs per team." }, taught)).toEqual(["finops"]);
  });

  it("are no case for the feed's prior on their own", () => {
    const taught = withCues({ teamCues: ["backyard garden"] });
    const title = "Our backyard garden";
    expect(matchTopics({ title, feedFocus: { finops: 0.9 } }, taught)).toEqual([]);
    expect(matchTopics({ title, summary: "What it costs.", feedFocus: { finops: 0.9 } }, taught)).toEqual(["finops"]);
  });

  it("mask a phrase for one topic only", () => {
    const taught = withCues({ teamNegative: ["cloud cost of living"] });
    expect(matchTopics({ title: "The cloud cost of living in Zurich" }, taught)).toEqual([]);
    expect(matchTopics({ title: "The cloud cost of our platform" }, taught)).toEqual(["finops"]);
  });
});
