/**
 * Slack's Block Kit limits for one message, and a checker that says which ones a message breaks.
 * Lengths are counted in UTF-16 code units, which is never less than Slack's character count.
 *
 * rich_text blocks count too: the text of their `text` and `link` elements and the URL of each link.
 * Slack documents no length limits for them, so we hold each block to the section-text limit and each
 * element to the text-object limit, and only let through the elements we send (text, link, emoji):
 * a mention element would ping, and a link to anything but http(s) has no business in a message.
 */
import type { KnownBlock } from "@slack/types";

export const SLACK_LIMITS = {
  /** Blocks in one message. */
  blocks: 50,
  /** `text` of a section (min 1). */
  sectionText: 3000,
  /** Section `fields`: count, and length of each. */
  sectionFields: 10,
  sectionFieldText: 2000,
  /** Plain text of a header block. */
  headerText: 150,
  /** Elements of a context block, and any one text object. */
  contextElements: 10,
  textObject: 3000,
  /** Elements of an actions block. */
  actionsElements: 25,
  buttonText: 75,
  /** Options of an overflow menu, and of a static select; an option's text and value. */
  overflowOptions: 5,
  selectOptions: 100,
  optionText: 75,
  optionValue: 150,
  actionId: 255,
  blockId: 255,
  buttonValue: 2000,
  buttonUrl: 3000,
  /** Our bound for one rich_text block: all its text plus its link URLs (as for a section's text). */
  richTextBlock: 3000,
  /** Our bound for one rich_text `link` URL (as for a button's). */
  richTextUrl: 3000,
  /** The top-level `text` (notification / fallback): always present. */
  fallbackText: 4000,
  /**
   * Our budget for all text in one message (every text object in the blocks, rich_text element text and
   * link URLs, plus `text`). Slack refuses
   * messages past roughly 12,000 characters in total; this keeps a margin.
   */
  totalText: 10_000,
} as const;

export interface SlackMessageLike {
  text: string;
  blocks: readonly KnownBlock[];
}

/** Every limit the message breaks, in plain words; empty when it is fine to send. */
export function checkLimits(message: SlackMessageLike): string[] {
  const problems: string[] = [];
  const L = SLACK_LIMITS;
  let total = 0;
  const textObject = (where: string, value: unknown, max: number): void => {
    const text = isRecord(value) && typeof value.text === "string" ? value.text : undefined;
    if (text === undefined) return void problems.push(`${where}: missing text object`);
    total += text.length;
    if (text.length === 0) problems.push(`${where}: empty text`);
    if (text.length > max) problems.push(`${where}: text is ${text.length} characters (max ${max})`);
  };

  if (typeof message.text !== "string" || message.text.trim() === "") problems.push("text: the fallback text is empty");
  else {
    total += message.text.length;
    if (message.text.length > L.fallbackText) problems.push(`text: ${message.text.length} characters (max ${L.fallbackText})`);
  }
  for (const key of ["link_names", "parse"]) if (key in message) problems.push(`${key}: must not be set (it turns names into pings)`);
  if (message.blocks.length > L.blocks) problems.push(`blocks: ${message.blocks.length} (max ${L.blocks})`);

  message.blocks.forEach((block: unknown, index) => {
    const where = `blocks[${index}]`;
    if (!isRecord(block)) return void problems.push(`${where}: not an object`);
    if (typeof block.block_id === "string" && block.block_id.length > L.blockId)
      problems.push(`${where}: block_id longer than ${L.blockId}`);
    switch (block.type) {
      case "section": {
        if (block.text === undefined && block.fields === undefined) problems.push(`${where}: section without text or fields`);
        if (block.text !== undefined) textObject(`${where}.text`, block.text, L.sectionText);
        if (block.fields !== undefined) {
          const fields = Array.isArray(block.fields) ? block.fields : [];
          if (fields.length > L.sectionFields) problems.push(`${where}: ${fields.length} fields (max ${L.sectionFields})`);
          fields.forEach((field, i) => textObject(`${where}.fields[${i}]`, field, L.sectionFieldText));
        }
        if (block.accessory !== undefined) checkElement(`${where}.accessory`, block.accessory);
        break;
      }
      case "header":
        textObject(`${where}.text`, block.text, L.headerText);
        break;
      case "context": {
        const elements = Array.isArray(block.elements) ? block.elements : [];
        if (elements.length === 0) problems.push(`${where}: context without elements`);
        if (elements.length > L.contextElements) problems.push(`${where}: ${elements.length} context elements (max ${L.contextElements})`);
        elements.forEach((element, i) => {
          if (isRecord(element) && element.type === "image") return;
          textObject(`${where}.elements[${i}]`, element, L.textObject);
        });
        break;
      }
      case "actions": {
        const elements = Array.isArray(block.elements) ? block.elements : [];
        if (elements.length === 0) problems.push(`${where}: actions without elements`);
        if (elements.length > L.actionsElements) problems.push(`${where}: ${elements.length} actions (max ${L.actionsElements})`);
        const ids = new Set<string>();
        elements.forEach((element, i) => {
          checkElement(`${where}.elements[${i}]`, element);
          const id = isRecord(element) ? element.action_id : undefined;
          if (typeof id === "string") {
            if (ids.has(id)) problems.push(`${where}: action_id "${id}" used twice`);
            ids.add(id);
          }
        });
        break;
      }
      case "rich_text":
        checkRichText(where, block.elements);
        break;
      case "divider":
        break;
      default:
        problems.push(`${where}: block type ${String(block.type)} is not checked here`);
    }
  });

  function checkElement(where: string, element: unknown): void {
    if (!isRecord(element)) return void problems.push(`${where}: not an object`);
    if (element.type === "overflow" || element.type === "static_select") return checkMenu(where, element);
    if (element.type !== "button") return void problems.push(`${where}: element type ${String(element.type)} is not checked here`);
    textObject(`${where}.text`, element.text, L.buttonText);
    if (typeof element.action_id === "string" && element.action_id.length > L.actionId)
      problems.push(`${where}: action_id longer than ${L.actionId}`);
    if (typeof element.value === "string" && element.value.length > L.buttonValue)
      problems.push(`${where}: value is ${element.value.length} characters (max ${L.buttonValue})`);
    if (typeof element.url === "string" && element.url.length > L.buttonUrl) problems.push(`${where}: url longer than ${L.buttonUrl}`);
  }

  /** An overflow menu or a static select: its options' count, texts and values. */
  function checkMenu(where: string, element: Record<string, unknown>): void {
    const options = Array.isArray(element.options) ? element.options : [];
    const [min, max] = element.type === "overflow" ? [2, L.overflowOptions] : [1, L.selectOptions];
    if (options.length < min || options.length > max) problems.push(`${where}: ${options.length} options (${min} to ${max})`);
    if (element.type === "static_select") textObject(`${where}.placeholder`, element.placeholder, L.optionText);
    if (typeof element.action_id === "string" && element.action_id.length > L.actionId)
      problems.push(`${where}: action_id longer than ${L.actionId}`);
    const values = options.map((option: unknown) => (isRecord(option) ? option.value : undefined));
    if (new Set(values).size !== values.length) problems.push(`${where}: option values must be unique`);
    options.forEach((option: unknown, i) => {
      const at = `${where}.options[${i}]`;
      if (!isRecord(option)) return void problems.push(`${at}: not an object`);
      textObject(`${at}.text`, option.text, L.optionText);
      if (typeof option.value !== "string" || option.value.length === 0 || option.value.length > L.optionValue)
        problems.push(`${at}: value must be 1 to ${L.optionValue} characters`);
    });
  }

  /** A rich_text block: sections, lists, quotes and preformatted runs of text, link and emoji elements. */
  function checkRichText(where: string, elements: unknown): void {
    const containers = Array.isArray(elements) ? elements : [];
    if (containers.length === 0) return void problems.push(`${where}: rich_text without elements`);
    let length = 0;
    const inline = (at: string, element: unknown): void => {
      if (!isRecord(element)) return void problems.push(`${at}: not an object`);
      switch (element.type) {
        case "text":
        case "link": {
          const text = element.text;
          if (element.type === "text" && typeof text !== "string") return void problems.push(`${at}: text element without text`);
          if (typeof text === "string") {
            length += text.length;
            if (text.length === 0) problems.push(`${at}: empty text`);
            if (text.length > L.textObject) problems.push(`${at}: text is ${text.length} characters (max ${L.textObject})`);
          }
          if (element.type === "link") {
            const url = typeof element.url === "string" ? element.url : "";
            length += url.length;
            if (!/^https?:\/\/[^\s\p{Cc}<>|]+$/iu.test(url)) problems.push(`${at}: link URL is not a plain http(s) URL`);
            if (url.length > L.richTextUrl) problems.push(`${at}: url longer than ${L.richTextUrl}`);
          }
          return;
        }
        case "emoji":
          if (typeof element.name !== "string" || element.name === "") problems.push(`${at}: emoji without a name`);
          return;
        default:
          problems.push(`${at}: rich text element type ${String(element.type)} is not checked here`);
      }
    };
    const container = (at: string, element: unknown, nested: boolean): void => {
      if (!isRecord(element)) return void problems.push(`${at}: not an object`);
      const children = Array.isArray(element.elements) ? element.elements : [];
      if (children.length === 0) problems.push(`${at}: ${String(element.type)} without elements`);
      switch (element.type) {
        case "rich_text_section":
        case "rich_text_quote":
        case "rich_text_preformatted":
          children.forEach((child, i) => inline(`${at}.elements[${i}]`, child));
          return;
        case "rich_text_list":
          if (nested) return void problems.push(`${at}: nested rich_text_list`);
          children.forEach((child, i) => {
            if (isRecord(child) && child.type === "rich_text_section") container(`${at}.elements[${i}]`, child, true);
            else problems.push(`${at}.elements[${i}]: a list item must be a rich_text_section`);
          });
          return;
        default:
          problems.push(`${at}: rich text element type ${String(element.type)} is not checked here`);
      }
    };
    containers.forEach((element, i) => container(`${where}.elements[${i}]`, element, false));
    total += length;
    if (length > L.richTextBlock) problems.push(`${where}: rich text is ${length} characters (max ${L.richTextBlock})`);
  }

  if (total > L.totalText) problems.push(`total text: ${total} characters (budget ${L.totalText})`);
  return problems;
}

/**
 * Characters of text the message carries: every text object in its blocks, the text of rich_text
 * `text` and `link` elements and the URLs of the links, plus the fallback `text`.
 */
export function totalTextLength(message: SlackMessageLike): number {
  let total = message.text.length;
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (isRecord(value)) {
      if ((value.type === "mrkdwn" || value.type === "plain_text" || value.type === "text") && typeof value.text === "string")
        total += value.text.length;
      else if (value.type === "link") {
        if (typeof value.text === "string") total += value.text.length;
        if (typeof value.url === "string") total += value.url.length;
      } else for (const child of Object.values(value)) visit(child);
    }
  };
  visit(message.blocks);
  return total;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}
