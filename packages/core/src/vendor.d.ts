// wink-porter2-stemmer ships no types: its whole API is one function.
declare module "wink-porter2-stemmer" {
  /** The Porter2 (English Snowball) stem of a lower-case word. */
  export default function stem(word: string): string;
}
