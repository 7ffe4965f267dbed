/**
 * Slack on one machine: the same HTTP endpoints as the Function URL on http://127.0.0.1:3000
 * (verified with SLACK_SIGNING_SECRET, ready for a tunnel), and Socket Mode when an app token is
 * given (no public URL at all). Both run the same Bolt listeners as Lambda.
 */
import { serve, type ServerType } from "@hono/node-server";
import { createHttpApp, createSlackApp, SlackRequestReceiver } from "@recap/core/slack";
import type { RecapDeps } from "@recap/core/runtime";

export interface LocalSlack {
  httpUrl: string;
  /** How Slack reaches this process: "http", "socket", both, or neither (CLI and console only). */
  modes: ("http" | "socket")[];
  stop(): Promise<void>;
}

export async function startLocalSlack(deps: RecapDeps, options: { port: number }): Promise<LocalSlack> {
  const { signingSecret, botToken, appToken } = deps.config.slack;
  const modes: LocalSlack["modes"] = [];

  let receiver: SlackRequestReceiver | undefined;
  if (signingSecret && botToken) {
    receiver = new SlackRequestReceiver({ signingSecret, clock: deps.clock, log: deps.log });
    createSlackApp({ deps, config: deps.config.slack, botToken, receiver });
    modes.push("http");
  }
  const server: ServerType = await new Promise((resolve, reject) => {
    const started = serve({ fetch: createHttpApp(receiver).fetch, port: options.port, hostname: "127.0.0.1" }, () => resolve(started));
    started.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        error.code === "EADDRINUSE"
          ? new Error(`Port ${options.port} is in use by another program; set PORT to a free one (PORT=${options.port + 1} npm start).`)
          : error,
      ),
    );
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : options.port;

  let socketApp: ReturnType<typeof createSlackApp> | undefined;
  if (appToken && botToken) {
    socketApp = createSlackApp({ deps, config: deps.config.slack, botToken, socketMode: { appToken } });
    await socketApp.start();
    modes.push("socket");
  }

  return {
    httpUrl: `http://127.0.0.1:${port}`,
    modes,
    async stop() {
      await socketApp?.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
