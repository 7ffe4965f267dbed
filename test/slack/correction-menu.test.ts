/**
 * The correction menus Slack shows: on post cards (topic pages, follow alerts), on a digest's section
 * labels, and the topic picker; values that round-trip through parseCorrection and nothing else does.
 */
import { describe, expect, it } from "vitest";
import type { Post } from "../../packages/core/src/model/post";
import {
  ACTION_CORRECT,
  ACTION_CORRECT_PICK,
  correctionMenu,
  parseCorrection,
  sectionMenu,
  topicPicker,
} from "../../packages/core/src/slack/correction-menu";
import { renderFollowAlert } from "../../packages/core/src/slack/follow-render";
import { checkLimits } from "../../packages/core/src/slack/limits";
import { parsedTexts } from "../helpers/slack-messages";

const post: Post = {
  id: "3f2a9c0d1e2b4a5c",
  kind: "article",
  url: "https://blog.example.com/p",
  title: "<!channel> *Argo* CD at scale <@U1> with a title long enough to be cut in a menu option",
  summary: "",
  publishedAt: "2026-11-20T08:00:00Z",
  firstSeenAt: "2026-11-20T08:00:00Z",
  topics: ["kubernetes", "gitops"],
  feeds: ["https://blog.example.com/feed"],
  fresh: true,
};
type Option = { text: { text: string }; value: string };
const optionsOf = (element: unknown) => (element as { options: Option[] }).options;

describe("a post card's menu", () => {
  it("offers Not about each topic, then Also about…, with values parseCorrection reads back", () => {
    const [menu] = correctionMenu(post);
    expect(menu).toMatchObject({
      type: "actions",
      block_id: `correct:${post.id}`,
      elements: [{ type: "overflow", action_id: ACTION_CORRECT }],
    });
    const options = optionsOf(menu!.elements[0]);
    expect(options.map((o) => o.text.text)).toEqual(["Not about kubernetes", "Not about gitops", "Also about…"]);
    expect(parseCorrection(options[1]!.value)).toEqual({ command: { name: "correct", postId: post.id, verdict: "not", topic: "gitops" } });
    expect(parseCorrection(options[2]!.value)).toEqual({ pick: post.id });
  });

  it("has two to five distinct options, a button for a post with no topic, and none for ids it could not carry", () => {
    expect(correctionMenu({ ...post, topics: [] })[0]!.elements).toEqual([
      { type: "button", action_id: ACTION_CORRECT, text: { type: "plain_text", text: "Give it a topic…" }, value: `pick|${post.id}` },
    ]);
    expect(optionsOf(correctionMenu({ ...post, topics: ["gitops", "gitops"] })[0]!.elements[0]).map((o) => o.value)).toEqual([
      `not|${post.id}|gitops`,
      `pick|${post.id}`,
    ]);
    const many = { ...post, topics: ["a", "b", "c", "d", "e", "f"] };
    expect(optionsOf(correctionMenu(many)[0]!.elements[0]).map((o) => o.text.text)).toEqual([
      "Not about a",
      "Not about b",
      "Not about c",
      "Not about d",
      "Also about…",
    ]);
    expect(correctionMenu({ ...post, id: "not|an id" })).toEqual([]);
    const hostileTopic = optionsOf(correctionMenu({ ...post, topics: ["a<b", "gitops"] })[0]!.elements[0]);
    expect(hostileTopic.map((o) => o.text.text)).toEqual(["Not about gitops", "Also about…"]);
  });

  it("is on every follow alert, within Slack's limits", () => {
    const alert = renderFollowAlert(post, [{ id: "gitops", label: "GitOps" }], {});
    expect(checkLimits(alert)).toEqual([]);
    expect(alert.blocks.at(-1)).toEqual(correctionMenu(post)[0]);
  });
});

describe("a digest section's menu", () => {
  it("names each post in plain, inert text: Not <topic> first, then Also about…, five at most", () => {
    const posts = [post, { ...post, id: "1111111111111111", title: "Second" }, { ...post, id: "2222222222222222", title: "Third" }];
    const menu = sectionMenu("gitops", posts)!;
    const texts = optionsOf(menu).map((o) => o.text.text);
    expect(texts).toHaveLength(5);
    expect(texts.slice(1, 3)).toEqual(["Not gitops: Second", "Not gitops: Third"]);
    expect(texts[3]).toMatch(/^Also about…: ‹!channel›/);
    expect(texts[4]).toBe("Also about…: Second");
    expect(texts[0]).toMatch(/^Not gitops: ‹!channel› ∗Argo∗ CD at scale ‹@U1›/);
    expect(texts[0]!.length).toBeLessThanOrEqual(75);
    for (const text of parsedTexts([{ type: "section", text: { type: "mrkdwn", text: "x" }, accessory: menu }]))
      expect(text).not.toMatch(/[<>*]/);
    expect(parseCorrection(optionsOf(menu)[4]!.value)).toEqual({ pick: "1111111111111111" });
  });

  it("offers a topic for each post of the Other section, and no menu of one option", () => {
    expect(optionsOf(sectionMenu(undefined, [post, { ...post, id: "1111111111111111", title: "Second" }])).map((o) => o.value)).toEqual([
      `pick|${post.id}`,
      "pick|1111111111111111",
    ]);
    expect(sectionMenu(undefined, [post])).toBeUndefined();
  });
});

describe("the topic picker", () => {
  it("lists the topics the post lacks, each a value for `also`", () => {
    const picker = topicPicker(post, [
      { id: "kubernetes", label: "Kubernetes" },
      { id: "security", label: "Security" },
      { id: "ai-ml", label: "AI & ML" },
    ]);
    expect(checkLimits(picker)).toEqual([]);
    const select = picker.blocks.find((block) => block.type === "actions") as { elements: { action_id: string; options: Option[] }[] };
    expect(select.elements[0]!.action_id).toBe(ACTION_CORRECT_PICK);
    expect(select.elements[0]!.options.map((o) => [o.text.text, o.value])).toEqual([
      ["Security", `also|${post.id}|security`],
      ["AI & ML", `also|${post.id}|ai-ml`],
    ]);
  });
});

describe("parseCorrection", () => {
  it.each([
    "",
    "not|3f2a9c0d1e2b4a5c",
    "maybe|3f2a9c0d1e2b4a5c|gitops",
    "not|3f2a9c0d1e2b4a5c|GitOps",
    "not|a b|gitops",
    "pick|",
    42,
    undefined,
  ])("ignores %j", (value) => {
    expect(parseCorrection(value)).toBeUndefined();
  });
});
