/**
 * The worker thread `npm start` reads feeds in (feed-parser.ts starts and budgets it): a heavy or
 * hostile document costs this thread its seconds, never the one answering Slack.
 */
import { parentPort } from "node:worker_threads";
import { FeedParseError, parseFeed } from "@recap/core/feeds";
import { messageOf } from "@recap/core/shared";
import type { ParseJob, ParseReply } from "./feed-parser";

const port = parentPort;
if (port) {
  port.on("message", (job: ParseJob) => {
    parseFeed(job.text, job.contentType, job.documentUrl).then(
      (parsed) => port.postMessage({ id: job.id, parsed } satisfies ParseReply),
      (error: unknown) =>
        port.postMessage({
          id: job.id,
          error: { message: messageOf(error), ...(error instanceof FeedParseError ? { kind: error.kind } : {}) },
        } satisfies ParseReply),
    );
  });
  // Loaded (and the XML parser with it, which loads on first use) before the budget's clock starts.
  void parseFeed(`<rss version="2.0"><channel><title>warm</title></channel></rss>`)
    .catch(() => undefined) // a warm-up that fails says nothing of the documents to come
    .then(() => port.postMessage("ready"));
}
