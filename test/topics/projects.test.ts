import { describe, expect, it } from "vitest";
import catalog from "../../packages/core/src/topics/projects.json" with { type: "json" };
import { explainTopics, loadTaxonomy, matchTopics, parseTerm } from "../../packages/core/src/topics";
import { projectTerms } from "../../packages/core/src/topics/projects";

/**
 * The Landscape catalog (projects.json, from scripts/landscape-projects.mjs): a post that names a
 * project the taxonomy was never tuned on gets the project's topic, and a project named by an
 * English word counts only as written and with its topic's context.
 */
const taxonomy = loadTaxonomy();
const names = catalog.projects as Record<string, string[]>;
const context = catalog.context as Record<string, string>;
const plainNames = (id: string) => names[id]!.filter((name) => !name.startsWith("="));
const homonyms = (id: string) => names[id]!.filter((name) => name.startsWith("=")).map((name) => name.slice(1));
const ids = (title: string, summary?: string) => matchTopics({ title, summary }, taxonomy);

describe("the project catalog", () => {
  it("files names under the taxonomy's topics, each homonym's topic with context words", () => {
    const topicIds = taxonomy.topics.map((t) => t.id);
    for (const [id, list] of Object.entries(names)) {
      expect(topicIds).toContain(id);
      expect(list.length).toBeGreaterThan(0);
      if (list.some((name) => name.startsWith("="))) expect(context[id], id).toMatch(/\w/);
    }
  });

  it("leaves the taxonomy's own terms to the taxonomy (its hand-tuned topic wins)", () => {
    const fold = (s: string) => s.toLowerCase().replace(/[\s\-_.]+/g, " ");
    const known = new Set(
      taxonomy.topics.flatMap((t) =>
        [...t.aliases, ...t.related, ...(t.weak ?? []), ...t.negative].map((raw) => fold(parseTerm(raw).phrase)),
      ),
    );
    const clashes = Object.values(names)
      .flat()
      .filter((name) => known.has(fold(name.replace(/^=/, ""))));
    expect(clashes, "regenerate projects.json: the taxonomy now has these").toEqual([]);
  });

  it("tags a release post of any catalog project with the project's topic", () => {
    const missed: string[] = [];
    for (const [id, list] of Object.entries(names)) {
      for (const name of list) {
        const written = name.replace(/^=/, "");
        // A homonym's post says what the project does, in its topic's words.
        const summary = name.startsWith("=") ? `The release notes cover ${context[id]!.split("|")[0]}.` : undefined;
        if (!ids(`${written} 2.1 released`, summary).includes(id)) missed.push(`${id}: ${written}`);
      }
    }
    expect(missed).toEqual([]);
  });

  it("tags posts on projects the taxonomy never names, and says the catalog is why", () => {
    expect(ids("Keycloak 26.1 brings passkeys")).toContain("security");
    expect(ids("Introducing Kuma 2.9")).toContain("service-mesh");
    expect(ids("OpenObserve: petabyte-scale search on object storage")).toContain("observability");
    const security = explainTopics({ title: "Keycloak 26.1 brings passkeys" }, taxonomy).find((s) => s.id === "security");
    expect(security?.evidence).toEqual([expect.objectContaining({ source: "title", strength: "project", text: "Keycloak" })]);
  });

  it("counts a homonym only as written and with its topic's context", () => {
    expect(homonyms("security")).toContain("Vault");
    expect(ids("Vault 1.18 released")).not.toContain("security"); // no context: a vault is a vault
    expect(ids("Vault 1.18 released", "Dynamic secrets for every workload.")).toContain("security");
    expect(ids("vault 1.18 released", "Dynamic secrets for every workload.")).not.toContain("security");
    expect(ids("Sentry at a glance", "How the pass was guarded.")).not.toContain("observability");
    expect(ids("Sentry at a glance", "Error tracking with traces and logs.")).toContain("observability");
  });

  it("weighs a project named only in the summary below the taxonomy's own names", () => {
    // Strong in the title; in the summary a generic word of the topic is not enough to confirm it.
    expect(ids("Our identity stack", "We run Keycloak, and keep it secure.")).not.toContain("security");
    expect(ids("Our identity stack", "We run Keycloak for authentication and RBAC.")).toContain("security");
  });

  it("serves a team's replacement of a built-in topic, whose negatives mask catalog names too", () => {
    const security = taxonomy.topics.find((t) => t.id === "security")!;
    const replaced = loadTaxonomy([{ ...security, negative: [...security.negative, "Keycloak Castle"] }]);
    expect(matchTopics({ title: "Keycloak 26.1 brings passkeys" }, replaced)).toContain("security");
    expect(matchTopics({ title: "A weekend at Keycloak Castle" }, replaced)).not.toContain("security");
    expect(projectTerms("a-team-topic")).toEqual([]);
  });

  it("keeps every catalog name of at least four characters", () => {
    for (const name of Object.values(names).flat()) expect(name.replace(/^=/, "").length, name).toBeGreaterThanOrEqual(4);
    expect(plainNames("security")).toContain("Keycloak");
  });
});
