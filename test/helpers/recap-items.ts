import { readFileSync } from "node:fs";
import { extractRecap, type RecapItem, type RecapLink } from "@recap/core/recaps";

/** Builders for the exact items the recap extractor tests expect, and a fixture reader. */
export const baseUrl = "https://blog.example.com/2024/03/recap/";

export const fixture = (name: string) => readFileSync(new URL(`../fixtures/recaps/${name}`, import.meta.url), "utf8");
export const extract = (name: string, marked = false) => extractRecap(fixture(name), { baseUrl, marked });

export const video = (url: string, label = ""): RecapLink => ({ kind: "video", url, label });
export const slides = (url: string, label: string): RecapLink => ({ kind: "slides", url, label });
export const other = (url: string, label: string): RecapLink => ({ kind: "other", url, label });
export const yt = (id: string, label = "") => video(`https://www.youtube.com/watch?v=${id}`, label);

export function talk(
  title: string,
  speakers: string[],
  organizations: string[],
  links: RecapLink[],
  rest: Partial<RecapItem> = {},
): RecapItem {
  return { kind: "talk", title, speakers, organizations, links, ...rest };
}

export function article(title: string, links: RecapLink[], rest: Partial<RecapItem> = {}): RecapItem {
  return { kind: "article", title, speakers: [], organizations: [], links, ...rest };
}

/** The items of a post body's HTML, read as a feed's full content is (marked-up), at `base`. */
export const extractAt = (base: string) => (html: string) => extractRecap(html, { baseUrl: base, marked: true }).items;
export const talksOf = (items: RecapItem[]) => items.filter((item) => item.kind === "talk");
export const youtube = (id: string) => `https://www.youtube.com/watch?v=${id}`;
