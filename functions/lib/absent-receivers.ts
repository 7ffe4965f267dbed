/**
 * What the Slack function's bundle has instead of the packages behind Bolt's other receivers (see
 * slack-bundle.mjs). Bolt's modules name them when loaded; a Lambda behind a Function URL, which receives
 * Slack's HTTP requests itself, never constructs those receivers, so none of this is ever called.
 */
const absent = (what: string) => () => {
  throw new Error(`${what} is not part of the Slack function's bundle (functions/lib/slack-bundle.mjs)`);
};

/** @slack/socket-mode: Socket Mode's client. */
export class SocketModeClient {
  constructor() {
    absent("Socket Mode")();
  }
}

/** express, and raw-body: the Express receiver's server and body reader. */
export default absent("The Express receiver");
