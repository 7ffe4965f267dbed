/** "1 post", "3 posts": a count with its noun, for any text people read (Slack or a terminal). */
export function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
