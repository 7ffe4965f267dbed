#!/usr/bin/env node
/*
 * Derives packages/core/src/topics/projects.json, the matcher's catalog of cloud-native projects by
 * topic, from the CNCF Landscape's landscape.yml (github.com/cncf/landscape; the file is available
 * under CC BY 4.0 as well as Apache-2.0, see its README: the catalog keeps its attribution).
 *
 *   node scripts/landscape-projects.mjs <path-to-landscape.yml> [commit] > packages/core/src/topics/projects.json
 *   npx prettier --write packages/core/src/topics/projects.json
 *
 * Every item of the landscape sits in a "Category / Subcategory"; MAPPING below says which of our
 * topics (test/topics/eval/LABELING.md defines them) a subcategory's projects are about, and why.
 * A subcategory whose items share no purpose of ours maps to nothing. Only an item's home path is
 * read: its `second_path`s mostly file general infrastructure under "AI Native Infra" ("usable
 * for AI"), which says nothing about what a post on it is about.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** [landscape path ("Category / *": the rest of a category; an exact path wins), topic id or null, why]. */
const MAPPING = [
  [
    "Provisioning / Automation & Configuration",
    null,
    "infrastructure as code and config management: no topic covers them (its edge Kubernetes projects, KubeEdge, OpenYurt and SuperEdge, are hand-picked in taxonomy.json as kubernetes)",
  ],
  [
    "Provisioning / Container Registry",
    null,
    "registries and P2P image distribution: a registry post is as often supply-chain security or distribution as CI/CD (tried as ci-cd: more false tags than found ones)",
  ],
  ["Provisioning / Security & Compliance", "security", "scanners, policy engines, identity and access, compliance"],
  ["Provisioning / Key Management", "security", "secrets, workload identity and access"],
  ["Runtime / Cloud Native Storage", "data-storage", "volumes, CSI drivers, object storage, backup and recovery"],
  [
    "Runtime / Container Runtime",
    null,
    "sandboxes, VMs and engines (Podman, gVisor): `kubernetes` is Kubernetes itself, not what runs under it",
  ],
  ["Runtime / Cloud Native Network", "networking", "CNI plugins and cluster networking"],
  [
    "Orchestration & Management / Scheduling & Orchestration",
    null,
    "mixed: Kubernetes add-ons, Nomad, Slurm, workflow engines, serverless and ML platforms (tried as kubernetes: no gain)",
  ],
  ["Orchestration & Management / Coordination & Service Discovery", null, "coordination stores (ZooKeeper, etcd): no topic"],
  ["Orchestration & Management / Remote Procedure Call", null, "RPC frameworks: no topic"],
  ["Orchestration & Management / Service Proxy", "networking", "proxies and load balancers"],
  ["Orchestration & Management / API Gateway", "networking", "ingress and API gateways: the Gateway API's field"],
  ["Orchestration & Management / Service Mesh", "service-mesh", "service meshes"],
  [
    "App Definition and Development / Database",
    null,
    "most posts naming a database are about the application using it: the taxonomy counts Postgres or Kafka as weak evidence only (tried as weak data-storage evidence: no effect)",
  ],
  ["App Definition and Development / Streaming & Messaging", null, "as Database"],
  [
    "App Definition and Development / Application Definition & Image Build",
    null,
    "mixed: Helm, portals, dev tools, image builders, runtimes. Its image builders (Shipwright, kaniko, Buildpacks) and its inner-loop and API-mocking tools (Telepresence, mirrord, Microcks) are hand-picked in taxonomy.json instead (ci-cd, developer-experience); ko is too short to tell from the word",
  ],
  [
    "App Definition and Development / Continuous Integration & Delivery",
    "ci-cd",
    "CI, CD, release and test tools (GitOps ones are in the taxonomy already)",
  ],
  ["Platform / Certified Kubernetes - Distribution", "kubernetes", "Kubernetes distributions"],
  ["Platform / Certified Kubernetes - Hosted", "kubernetes", "managed Kubernetes services"],
  ["Platform / Certified Kubernetes - Installer", "kubernetes", "cluster installers and lifecycle tools"],
  ["Platform / PaaS/Container Service", null, "PaaS: no topic"],
  ["Serverless / Framework", "serverless", "function frameworks"],
  ["Serverless / Hosted Platform", "serverless", "FaaS products"],
  ["Serverless / Installable Platform", "serverless", "self-hosted FaaS"],
  ["Serverless / Tools", null, "mixed vendor tools"],
  ["Serverless / Security", null, "vendor products"],
  ["Observability and Analysis / Observability", "observability", "metrics, logs, traces, profiles, monitoring"],
  ["Observability and Analysis / Chaos Engineering", "reliability", "chaos engineering"],
  ["Observability and Analysis / Feature Flagging", "ci-cd", "feature flags: progressive delivery"],
  ["Observability and Analysis / Continuous Optimization", "finops", "cost visibility and rightsizing"],
  ["Wasm / Runtimes", "webassembly", "Wasm runtimes"],
  ["Wasm / Application Frameworks", "webassembly", "Wasm application frameworks"],
  ["Wasm / Orchestration & Management", "webassembly", "running Wasm workloads (host projects' Wasm flavours are dropped by name)"],
  ["Wasm / Debugging & Observability", "webassembly", "Wasm-specific tooling"],
  ["Wasm / Packaging, Registries & Application Delivery", null, "general registries (Docker Hub, crates.io) that also hold Wasm"],
  ["Wasm / Languages", null, "general languages (Rust, Go, Kotlin) that compile to Wasm among much else"],
  ["Wasm / Tooling", null, "mostly general toolchains (LLVM, cargo)"],
  ["Wasm / Edge/Bare metal", null, "operating systems, not Wasm"],
  ["Wasm / AI/Machine Learning", null, "libraries (FFmpeg, OpenCV) with Wasm builds"],
  ["Wasm / Embedded Functions", null, "hosts that embed Wasm (Envoy, databases)"],
  ["Wasm / Hosted Platforms", null, "vendor products, named after hosts"],
  ["Wasm / Decentralized Platforms", null, "blockchains"],
  ["AI Agent / Workflow Orchestration", null, "general workflow engines (Temporal, Inngest)"],
  ["AI Agent / *", "ai-ml", "agent frameworks, RAG, evaluation, guardrails, vector databases"],
  ["Inference / *", "ai-ml", "model serving"],
  ["Training / *", "ai-ml", "model training"],
  ["Data / Data Science", "ai-ml", "notebooks and ML libraries"],
  ["Data / Data Architecture", null, "as Database"],
  ["AI Native Infra / Orchestration and Scheduling", "ai-ml", "scheduling AI workloads (KubeRay, LeaderWorkerSet)"],
  ["AI Native Infra / Workload Runtime", "ai-ml", "agent sandboxes"],
  ["AI Native Infra / Accelerator and SuperPod", "ai-ml", "GPU and accelerator stacks"],
  ["AI Native Infra / Model Asset and Registry", "ai-ml", "model registries"],
  ["AI Native Infra / Continuous Integration and Delivery", "ai-ml", "MLOps pipelines"],
  ["AI Native Infra / *", null, "general infrastructure also used for AI (gateways, policy, storage, monitoring)"],
  ["Special / *", null, "service providers and training partners: companies"],
  ["CNCF Members / *", null, "member companies"],
];

/**
 * Names that are English words (or a name, a place, an animal): they count only with a word of
 * their topic nearby (CONTEXT), and case-sensitively as the project writes itself ("Vault" with
 * "secrets"). One written in lower case ("kind") can't be told from the word at all: dropped.
 */
const HOMONYMS = new Set(
  (
    "Airlock Arks Bamboo Beats Brigade Bucket Caddy CAMEL Carina Cartographer Cartography Cedar Chalice Chroma " +
    "Clair Concourse Consul Copa Curve Dex Elastic Falcon Flagger Fugue Gardener Gloo Goldilocks Graphite " +
    "Haystack Hexa Hubble Inlets Keep Kilo Kong Lunatic Mackerel Membrane Monocle Nightingale Palette Parsec " +
    "Passage Pinniped Pinpoint Plural Pluto Polaris Ragas Rudder Screwdriver Sentinel Sentry Sidekick Skipper " +
    "Slime Sparta Stash Strands Swift Teleport Teller Topaz Triton Typhoon Unleash Unstructured Vault Vector " +
    "Vineyard kind"
  ).split(" "),
);

/** Words so common in posts on the topic itself that even its context can't tell the project. */
const TOO_COMMON = new Set(
  (
    "Accordion|Agent Evaluation|Ambient|Applications Manager|Architect|Boundary|Browser Use|DataSet|" +
    "Embrace|Encore|Foresight|Guidance|Instructor|Outlines|Radar|Scale|Split|Standard Library"
  ).split("|"),
);

/** Items filed under a mapped subcategory that are something else: [name, why]. */
const NOT_OF_THEIR_SUBCATEGORY = new Map([["crun", "a general OCI runtime, filed under Wasm for its Wasm handler"]]);

/** The topic words a homonym needs nearby, per topic: what a post on such a project says. */
const CONTEXT = {
  security:
    "security|identity|authentication|authorization|access|policy|policies|secrets|vulnerability|vulnerabilities|SSO|OAuth|OIDC|CVE|scanning|signing|compliance|RBAC|certificates",
  "ci-cd":
    "CI|CI/CD|pipeline|pipelines|build|builds|registry|registries|image|images|OCI|artifact|artifacts|release|releases|deploy|deployment|deployments|feature flag|feature flags|testing",
  "data-storage":
    "storage|database|databases|SQL|volume|volumes|backup|backups|restore|replication|query|queries|streaming|messaging|queue|queues",
  networking:
    "network|networking|gateway|gateways|ingress|proxy|proxies|load balancer|load balancing|CNI|API gateway|traffic|DNS|routing|TLS",
  "service-mesh": "mesh|service mesh|sidecar|sidecars|mTLS|Envoy",
  serverless: "serverless|functions|FaaS|Lambda|event-driven",
  kubernetes: "Kubernetes|K8s|kubectl|cluster|clusters",
  reliability: "chaos|fault|faults|resilience|experiment|experiments|SRE",
  finops: "cost|costs|spend|rightsizing|FinOps|savings",
  observability: "metrics|logs|logging|tracing|traces|monitoring|observability|telemetry|dashboards|OpenTelemetry|Prometheus|alerting",
  webassembly: "Wasm|WebAssembly|WASI",
  "ai-ml": "AI|LLM|LLMs|model|models|ML|agent|agents|inference|training|GPU|GPUs",
};

const MIN_LENGTH = 4; // "ko", "kpt", "TUF": too short to tell from other words and acronyms

/** The landscape's items: name, path and the fields the filters read (a reader for its regular layout). */
function readLandscape(text) {
  const items = [];
  let category, subcategory, item;
  for (const line of text.split("\n")) {
    let m;
    if ((m = /^    name: (.+)$/.exec(line))) category = m[1].trim();
    else if ((m = /^        name: (.+)$/.exec(line))) subcategory = m[1].trim();
    else if (/^          - item:/.test(line)) items.push((item = { path: `${category} / ${subcategory}` }));
    else if (item && (m = /^            (name|repo_url|crunchbase): (.+)$/.exec(line)))
      item[m[1]] = m[2].trim().replace(/^(['"])(.*)\1$/, "$2");
  }
  return items;
}

/** The topic MAPPING gives a landscape path (null: none). */
function topicOf(path) {
  const row = MAPPING.find(([p]) => p === path) ?? MAPPING.find(([p]) => p.endsWith(" / *") && path.startsWith(p.slice(0, -1)));
  if (!row) throw new Error(`landscape path "${path}" is not in MAPPING: decide what it maps to`);
  return row[1];
}

/** Case-, separator-insensitive form, as the matcher compares phrases. */
const fold = (s) =>
  s
    .toLowerCase()
    .replace(/[\s\-_.]+/g, " ")
    .trim();

/** The names an item goes by: "CDK for Kubernetes (CDK8s)" is both; "Stash by AppsCode" is "Stash". */
function namesOf(raw) {
  const name = raw
    .replace(/[®™]/g, "")
    .replace(/\s+by\s+.*$/i, "")
    .replace(/^Project\s+/, "")
    .replace(/\(formerly\s+/, "(")
    .trim();
  const paren = /^(.*?)\s*\(([^)]+)\)$/.exec(name);
  return paren ? [paren[1], paren[2]] : [name];
}

/** A vendor's own name ("NetApp", "Huawei") is a company, not a project: its crunchbase slug says so. */
function isVendorName(item, name) {
  const slug = /organization\/([^/?#]+)/.exec(item.crunchbase ?? "")?.[1];
  return slug !== undefined && fold(slug).replace(/ /g, "").startsWith(fold(name).replace(/ /g, ""));
}

function main([file, commit]) {
  if (!file) throw new Error("usage: node scripts/landscape-projects.mjs <landscape.yml> [commit]");
  const taxonomy = JSON.parse(readFileSync(fileURLToPath(new URL("../packages/core/src/topics/taxonomy.json", import.meta.url)), "utf8"));
  // Every phrase of the taxonomy, any topic: its hand-tuned word wins (Argo is GitOps, not CI/CD),
  // and a name that contains one ("Grafana Mimir", "Dapr SDK") is that term plus a qualifier.
  const phrase = (raw) => fold(raw.replace(/^=/, "").replace(/@.*$/, ""));
  const known = new Set(taxonomy.flatMap((t) => [...t.aliases, ...t.related, ...(t.weak ?? []), ...t.negative].map(phrase)));
  const plain = taxonomy.flatMap((t) => [...t.aliases, ...t.related].filter((raw) => !raw.includes("@")).map(phrase));
  const contains = (name) => plain.some((term) => ` ${name} `.includes(` ${term} `));

  const byTopic = new Map();
  const used = new Set(); // HOMONYMS, TOO_COMMON and NOT_OF_THEIR_SUBCATEGORY names met: the rest are stale
  const skipped = { short: 0, tooCommon: 0, known: 0, contains: 0, vendor: 0, lowerCaseHomonym: 0, notOfSubcategory: 0 };
  for (const item of readLandscape(readFileSync(file, "utf8"))) {
    const topic = topicOf(item.path);
    // A host project's Wasm flavour ("containerd (Wasm)") is the host; "(member)" marks a company.
    if (!topic || !item.name || /\((?:wasm|member)\)/i.test(item.name)) continue;
    for (const name of namesOf(item.name)) {
      const folded = fold(name);
      if (HOMONYMS.has(name) || TOO_COMMON.has(name) || NOT_OF_THEIR_SUBCATEGORY.has(name)) used.add(name);
      const why =
        name.length < MIN_LENGTH
          ? "short"
          : TOO_COMMON.has(name)
            ? "tooCommon"
            : known.has(folded)
              ? "known"
              : contains(folded)
                ? "contains"
                : !item.repo_url && isVendorName(item, name)
                  ? "vendor"
                  : HOMONYMS.has(name) && name === name.toLowerCase()
                    ? "lowerCaseHomonym"
                    : NOT_OF_THEIR_SUBCATEGORY.has(name)
                      ? "notOfSubcategory"
                      : undefined;
      if (why) {
        skipped[why]++;
        continue;
      }
      (byTopic.get(topic) ?? byTopic.set(topic, new Set()).get(topic)).add(HOMONYMS.has(name) ? `=${name}` : name);
    }
  }
  const ids = taxonomy.map((t) => t.id).filter((id) => byTopic.has(id));
  const projects = Object.fromEntries(ids.map((id) => [id, [...byTopic.get(id)].sort((a, b) => a.localeCompare(b))]));
  const withHomonyms = ids.filter((id) => projects[id].some((name) => name.startsWith("=")));
  const missing = withHomonyms.filter((id) => !CONTEXT[id]);
  if (missing.length > 0) throw new Error(`CONTEXT has no words for ${missing.join(", ")}, whose homonyms need them`);
  const context = Object.fromEntries(withHomonyms.map((id) => [id, CONTEXT[id]]));
  const catalog = {
    source: `CNCF Landscape, landscape.yml${commit ? ` at ${commit}` : ""} (github.com/cncf/landscape), CC BY 4.0; derived by scripts/landscape-projects.mjs`,
    context,
    projects,
  };
  process.stdout.write(`${JSON.stringify(catalog, null, 2)}\n`);
  const count = Object.values(projects).reduce((n, list) => n + list.length, 0);
  console.error(`${count} names; skipped: ${JSON.stringify(skipped)}`);
  const stale = [...HOMONYMS, ...TOO_COMMON, ...NOT_OF_THEIR_SUBCATEGORY.keys()].filter((name) => !used.has(name));
  if (stale.length > 0) console.error(`listed but not among the mapped items (remove them): ${stale.join(", ")}`);
}

main(process.argv.slice(2));
