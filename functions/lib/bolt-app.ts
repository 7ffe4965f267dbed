/**
 * What `@slack/bolt` is in the Slack function's bundle (slack-bundle.mjs): the App class and the
 * log levels, which is all Recap constructs. Bolt's index also loads its Express, AWS Lambda and
 * Socket Mode receivers, its Assistant and conversation store: ~30 ms of a cold start for nothing.
 */
export { default as App, LogLevel } from "@slack/bolt/dist/App";
