/**
 * Feeds a new workspace starts with: project and vendor blogs that cover the bundled topics
 * (see topics/taxonomy.json). Only URLs known to serve RSS/Atom directly, so seeding never
 * depends on autodiscovery. Keep it short — teams add their own and can remove any of these.
 */
export const DEFAULT_FEEDS: { url: string; title: string }[] = [
  // Foundations and core projects
  { url: "https://www.cncf.io/blog/feed/", title: "CNCF Blog" },
  { url: "https://kubernetes.io/feed.xml", title: "Kubernetes Blog" },
  // Service mesh and eBPF
  { url: "https://istio.io/latest/blog/feed.xml", title: "Istio Blog" },
  { url: "https://linkerd.io/blog/feed.xml", title: "Linkerd Blog" },
  { url: "https://cilium.io/blog/rss.xml", title: "Cilium Blog" },
  // GitOps
  { url: "https://blog.argoproj.io/feed", title: "Argo Project Blog" },
  { url: "https://fluxcd.io/blog/index.xml", title: "Flux Blog" },
  // Platform engineering and developer portals
  { url: "https://platformengineering.org/blog/rss.xml", title: "PlatformEngineering.org" },
  { url: "https://humanitec.com/blog/rss.xml", title: "Humanitec Blog" },
  { url: "https://backstage.io/blog/rss.xml", title: "Backstage Blog" },
  { url: "https://blog.dapr.io/posts/index.xml", title: "Dapr Blog" },
  // Observability
  { url: "https://opentelemetry.io/blog/index.xml", title: "OpenTelemetry Blog" },
  { url: "https://prometheus.io/blog/feed.xml", title: "Prometheus Blog" },
  { url: "https://grafana.com/blog/index.xml", title: "Grafana Labs Blog" },
  { url: "https://www.honeycomb.io/rss/blog.xml", title: "Honeycomb Blog" },
  // Cloud providers' container blogs
  { url: "https://aws.amazon.com/blogs/containers/feed/", title: "AWS Containers Blog" },
  { url: "https://cloudblog.withgoogle.com/products/containers-kubernetes/rss/", title: "Google Cloud: Containers & Kubernetes" },
];
