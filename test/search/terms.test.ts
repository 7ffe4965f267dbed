/**
 * What a word finds: the rules of shared/search-terms.ts, each as a general case (forms of a word, camel
 * case, scripts written without spaces, stop words), on both sides — a post's terms and a query's.
 */
import { describe, expect, it } from "vitest";
import { holdsPhrases, postTerms, searchQuery } from "@recap/core/posts";

/** True when every word of `query` finds a post with this title (terms only; phrases apart). */
const finds = (title: string, query: string) => {
  const terms = new Set(postTerms({ title, summary: "" }));
  return searchQuery(query.split(" ")).terms.every((term) => terms.has(term));
};

describe("search terms", () => {
  it("a word finds its other English forms, whatever the case and accents", () => {
    expect(finds("Deploying services", "deployment")).toBe(true);
    expect(finds("Deployments of a Service", "deploying SERVICES")).toBe(true);
    expect(finds("Policies for clusters", "policy cluster")).toBe(true);
    expect(finds("Un café à Paris", "CAFE")).toBe(true);
    expect(finds("Deploying services", "deployer")).toBe(true);
    expect(finds("Deploying services", "depot")).toBe(false);
  });

  it("a word written in camel case is found by each of its parts and by itself", () => {
    expect(finds("Upgrading ArgoCD", "argo")).toBe(true);
    expect(finds("Upgrading ArgoCD", "argocd")).toBe(true);
    expect(finds("OpenTelemetry collector", "telemetry")).toBe(true);
    expect(finds("XMLHttpRequest tricks", "http")).toBe(true);
    // The query looks the word up whole: written in camel case or not, it finds the other spelling.
    expect(finds("The go.opentelemetry.io incident", "OpenTelemetry")).toBe(true);
  });

  it("words glued to Chinese or Japanese text are found, and a CJK word by its character pairs", () => {
    expect(finds("部署kubernetes应用", "kubernetes")).toBe(true);
    expect(finds("Kubernetesクラスタの運用", "kubernetes")).toBe(true);
    expect(finds("云原生可观测性实践", "可观测性")).toBe(true);
    expect(finds("云原生可观测性实践", "观测")).toBe(true);
    expect(finds("云原生可观测性实践", "安全")).toBe(false);
  });

  it("stop words and single characters are no terms: they neither index nor narrow a search", () => {
    expect(searchQuery(["the", "a", "with", "x"]).terms).toEqual([]);
    expect(searchQuery(["the", "gitops", "path"]).terms).toEqual(["gitop", "path"]);
    expect(postTerms({ title: "The state of the art", summary: "" })).not.toContain("the");
  });

  it("a word with punctuation is looked up by its parts and kept as a phrase to check as written", () => {
    expect(searchQuery(["argo-cd", "k8s.io"])).toEqual({ terms: ["argo", "cd", "k8s", "io"], phrases: ["argo-cd", "k8s.io"] });
    expect(searchQuery(["Kubernetes"]).phrases).toEqual([]);
    // Punctuation alone is nothing to look for.
    expect(searchQuery(["-", "gitops"])).toEqual({ terms: ["gitop"], phrases: [] });
  });

  it("text is compared in its usual form: decomposed accents, half-width kana, curly quotes, long dashes", () => {
    expect(finds("nai\u0308ve approach", "naïve")).toBe(true);
    expect(finds("de\u0301ploiement rapide", "déploiement")).toBe(true);
    expect(finds("ｸﾗｳﾄﾞの話", "クラウド")).toBe(true);
    const post = { title: "Notes from O’Reilly — the cloud–native track", summary: "" };
    expect(holdsPhrases(post, searchQuery(["O'Reilly"]))).toBe(true);
    expect(holdsPhrases(post, searchQuery(["cloud-native"]))).toBe(true);
  });

  it("a very long word is cut between characters, never inside one", () => {
    const [term] = postTerms({ title: `a${"𐐀".repeat(45)}`, summary: "" });
    expect([...term!]).toHaveLength(40);
    expect(term).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
  });

  it("a CJK summary's character pairs have their own cap, so its words in Latin letters are kept", () => {
    const summary = `${"云原生可观测性实践和平台工程".repeat(40)} Kubernetes`;
    const terms = postTerms({ title: "标题", summary });
    expect(terms).toContain("kubernet");
    expect(terms.filter((term) => /\p{Script=Han}/u.test(term)).length).toBeLessThanOrEqual(200);
  });

  it("a post is indexed under a bounded number of terms, its title's first", () => {
    const summary = Array.from({ length: 300 }, (_, i) => `word${i}`).join(" ");
    const terms = postTerms({ title: "Zebra title", summary, speakers: ["Ada Lovelace"] });
    expect(terms.length).toBe(120);
    expect(terms.slice(0, 4)).toEqual(["zebra", "titl", "ada", "lovelac"]);
  });
});
