/** The Function URL Slack calls: slash commands, interactivity and events, plus GET /health. */
import { HTTP_FUNCTION } from "../packages/core/src/runtime/definitions";
import { bus, environment, slackSecrets, table } from "./data";
import { HANDLERS } from "./handlers";

export const http = new sst.aws.Function("RecapHttp", {
  handler: HANDLERS.http,
  url: true,
  link: [table, bus, ...slackSecrets],
  environment,
  timeout: `${HTTP_FUNCTION.timeoutSeconds} seconds`,
  // More memory is more CPU: cold starts and lookups stay well inside Slack's 3 seconds.
  memory: "1024 MB",
});
