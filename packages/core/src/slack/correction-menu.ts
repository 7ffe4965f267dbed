/**
 * Correcting a post's topics from Slack. A post card (topic pages, search, follow alerts) gets a
 * menu: "Not about <topic>" for each of its topics, and "Also about…", which answers with a picker
 * of every topic. A digest keeps one block per post (a day must fit one message), so each section's
 * label carries the menu for its posts instead. A choice runs `correct <post-id> not|also <topic>`.
 * Values are written here and read back by `parseCorrection`, which accepts nothing else: a forged
 * value can only ever correct a post, which anyone may do anyway.
 */
import type { ActionsBlock, Overflow, PlainTextOption } from "@slack/types";
import type { Command, TopicRef } from "../model/command";
import type { Post } from "../model/post";
import { oneLine, plainInert } from "./escape";
import type { RenderedMessage } from "./blocks";
import { data, sentence, words } from "./sentence";

export const ACTION_CORRECT = "recap_correct";
export const ACTION_CORRECT_PICK = "recap_correct_pick";

/** Overflow menus hold at most 5 options: on a card, up to 4 "Not about", then "Also about…". */
const MAX_OPTIONS = 5;
const OPTION_TEXT = 75;
const MAX_PICKER_TOPICS = 100;
const PICK = "pick";
const POST_ID = "[A-Za-z0-9_-]{1,64}";
const TOPIC_ID = "[a-z0-9]+(?:-[a-z0-9]+)*";
/** verdict|post id|topic id; "pick|<post id>" opens the picker. */
const VALUE = new RegExp(`^(not|also)\\|(${POST_ID})\\|(${TOPIC_ID})$`);
const PICK_VALUE = new RegExp(`^${PICK}\\|(${POST_ID})$`);
const safePost = (id: string) => new RegExp(`^${POST_ID}$`).test(id);
const safeTopic = (id: string) => id.length <= 40 && new RegExp(`^${TOPIC_ID}$`).test(id);

/** An option whose label may hold outside text (titles, team labels): inert, no emoji codes read. */
const option = (text: string, value: string): PlainTextOption => ({
  text: { type: "plain_text", text: plainInert(text, OPTION_TEXT) || "…", emoji: false },
  value,
});
const titleOf = (post: Pick<Post, "title">) => oneLine(post.title) || "this post";

/**
 * The menu under a post card: none for a post whose id our values could not carry. A post with no
 * topic has nothing to take off, so it gets a button to the picker (a menu needs two options).
 */
export function correctionMenu(post: Pick<Post, "id" | "topics">): ActionsBlock[] {
  if (!safePost(post.id)) return [];
  const pick = `${PICK}|${post.id}`;
  const not = [...new Set(post.topics)].filter(safeTopic).slice(0, MAX_OPTIONS - 1);
  const element: ActionsBlock["elements"][number] =
    not.length === 0
      ? { type: "button", action_id: ACTION_CORRECT, text: { type: "plain_text", text: "Give it a topic…" }, value: pick }
      : {
          type: "overflow",
          action_id: ACTION_CORRECT,
          options: [...not.map((id) => option(`Not about ${id}`, `not|${post.id}|${id}`)), option("Also about…", pick)],
        };
  return [{ type: "actions", block_id: `correct:${post.id}`, elements: [element] }];
}

/**
 * A digest section's menu: "Not <topic>: <title>" for its posts, then "Also about…: <title>" while
 * there is room; the Other section (no topic) offers a topic for each. Undefined when there would
 * be fewer than the two options Slack asks of a menu.
 */
export function sectionMenu(topicId: string | undefined, posts: readonly Pick<Post, "id" | "title">[]): Overflow | undefined {
  const cards = posts.filter((post) => safePost(post.id));
  const options =
    topicId !== undefined && safeTopic(topicId)
      ? [
          ...cards.map((post) => option(`Not ${topicId}: ${titleOf(post)}`, `not|${post.id}|${topicId}`)),
          ...cards.map((post) => option(`Also about…: ${titleOf(post)}`, `${PICK}|${post.id}`)),
        ]
      : cards.map((post) => option(`A topic for: ${titleOf(post)}`, `${PICK}|${post.id}`));
  if (options.length < 2) return undefined;
  return { type: "overflow", action_id: ACTION_CORRECT, options: options.slice(0, MAX_OPTIONS) };
}

/** The answer to "Also about…": every topic the post does not have yet, in a select. */
export function topicPicker(post: Pick<Post, "id" | "title" | "topics">, topics: readonly TopicRef[]): RenderedMessage {
  const choices = topics.filter((topic) => safeTopic(topic.id) && !post.topics.includes(topic.id)).slice(0, MAX_PICKER_TOPICS);
  if (choices.length === 0 || !safePost(post.id)) return sentence([words("“"), data(post.title, 150), words("” has every topic already.")]);
  const question = sentence([words("Which topic is “"), data(post.title, 150), words("” also about?")]);
  return {
    text: question.text,
    blocks: [
      ...question.blocks,
      {
        type: "actions",
        block_id: `pick:${post.id}`,
        elements: [
          {
            type: "static_select",
            action_id: ACTION_CORRECT_PICK,
            placeholder: { type: "plain_text", text: "Pick a topic" },
            options: choices.map((topic) => option(topic.label, `also|${post.id}|${topic.id}`)),
          },
        ],
      },
    ],
  };
}

/** A menu choice as the command it stands for, a request for the picker, or undefined for anything else. */
export function parseCorrection(value: unknown): { command: Extract<Command, { name: "correct" }> } | { pick: string } | undefined {
  if (typeof value !== "string") return undefined;
  const pick = PICK_VALUE.exec(value);
  if (pick) return { pick: pick[1]! };
  const match = VALUE.exec(value);
  if (!match) return undefined;
  return { command: { name: "correct", verdict: match[1] as "not" | "also", postId: match[2]!, topic: match[3]! } };
}
