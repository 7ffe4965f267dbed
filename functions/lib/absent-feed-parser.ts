/**
 * What the Slack function's bundle has instead of rss-parser (see slack-bundle.mjs): the feed
 * parser loads it on first use, and only the functions that read feeds run the parser.
 */
export default class Parser {
  constructor() {
    throw new Error("The feed parser is not part of the Slack function's bundle (functions/lib/slack-bundle.mjs)");
  }
}
