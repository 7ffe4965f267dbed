/**
 * What the Slack function's bundle has instead of the packages behind Bolt's other receivers and
 * their OAuth flows (see slack-bundle.mjs). Bolt's modules name them when loaded; a Lambda behind
 * a Function URL, which receives Slack's HTTP requests itself and authorizes with its one bot
 * token, never constructs those receivers or an installer, so none of this is ever called.
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

/** @slack/oauth: the installer Bolt's own receivers build when given OAuth settings. */
export class InstallProvider {
  constructor() {
    absent("Slack's OAuth installer")();
  }
}

/** @slack/oauth: the installation stores Bolt's index re-exports. */
export class FileInstallationStore {
  constructor() {
    absent("Slack's OAuth installation store")();
  }
}
export class MemoryInstallationStore {
  constructor() {
    absent("Slack's OAuth installation store")();
  }
}

/** express, and raw-body: the Express receiver's server and body reader. */
export default absent("The Express receiver");
