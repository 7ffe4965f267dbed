/**
 * Reading a fetched body as a feed. On Lambda the parser runs in the function itself (one request
 * at a time, its timeout the budget); the long-running local server hands it to a worker thread,
 * so that one heavy feed never holds up its Slack answers (packages/local/src/parse-worker.ts).
 */
import type { ParsedFeed } from "../model/feed";

/** Resolves with the feed, or rejects with FeedParseError ("not-a-feed" or "malformed"). */
export type FeedParser = (text: string, contentType?: string, documentUrl?: string) => Promise<ParsedFeed>;
