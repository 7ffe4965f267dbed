/**
 * `npm start` with SLACK_APP_TOKEN: the same Bolt listeners over Socket Mode. Slack's side is a
 * loopback Web API (apps.connections.open hands out the socket URL) and a loopback WebSocket
 * server speaking Socket Mode's envelopes.
 */
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocketServer, type WebSocket } from "ws";
import { silentLogger } from "@recap/core/shared";
import { openLocalRecap, startLocalSlack, type LocalRecap, type LocalSlack } from "@recap/local";
import { startFakeSlack, type FakeSlack } from "../helpers/slack";

let slack: FakeSlack;
let sockets: WebSocketServer;
let recap: LocalRecap;
let local: LocalSlack;
const connected: Promise<WebSocket> = new Promise((resolve) => {
  beforeAll(async () => {
    slack = await startFakeSlack();
    sockets = new WebSocketServer({ host: "127.0.0.1", port: 0 });
    await new Promise((ready) => sockets.once("listening", ready));
    const { port } = sockets.address() as AddressInfo;
    slack.answer("apps.connections.open", { ok: true, url: `ws://127.0.0.1:${port}/link` });
    sockets.on("connection", (socket) => {
      socket.send(JSON.stringify({ type: "hello", num_connections: 1, connection_info: { app_id: "A0001" } }));
      resolve(socket);
    });
    recap = await openLocalRecap({
      inMemory: true,
      log: silentLogger,
      env: { SLACK_APP_TOKEN: "xapp-test", SLACK_BOT_TOKEN: "xoxb-test", RECAP_SLACK_API_URL: slack.apiUrl },
    });
    local = await startLocalSlack(recap.deps, { port: 0 });
  });
});

afterAll(async () => {
  await local?.stop();
  await recap?.close();
  await new Promise((done) => sockets.close(done));
  await slack.close();
});

describe("Socket Mode", () => {
  it("connects with the app token and answers /recap through the socket", async () => {
    expect(local.modes).toEqual(["socket"]);
    const socket = await connected;
    expect(slack.calls.find((call) => call.method === "apps.connections.open")).toBeDefined();

    const answered = new Promise<Record<string, unknown>>((resolve) => {
      socket.on("message", (data) => {
        const message = JSON.parse(String(data)) as { envelope_id?: string; payload?: Record<string, unknown> };
        if (message.envelope_id === "env-1") resolve(message.payload ?? {});
      });
    });
    socket.send(
      JSON.stringify({
        envelope_id: "env-1",
        type: "slash_commands",
        accepts_response_payload: true,
        payload: {
          token: "t",
          team_id: "T0001",
          channel_id: "C0001",
          user_id: "U0001",
          command: "/recap",
          text: "topics",
          response_url: "https://hooks.slack.com/commands/T1/1/x",
          trigger_id: "1.2.3",
          api_app_id: "A0001",
        },
      }),
    );
    const payload = await answered;
    expect(payload).toMatchObject({ response_type: "ephemeral" });
    expect(JSON.stringify(payload)).toMatch(/platform-engineering/);
  });
});

describe("the local HTTP port", () => {
  it("says in one line that a busy PORT is busy, and how to pick another", async () => {
    const busy = Number(new URL(local.httpUrl).port);
    const other = await openLocalRecap({ inMemory: true, log: silentLogger, env: {} });
    try {
      await expect(startLocalSlack(other.deps, { port: busy })).rejects.toThrow(
        new RegExp(`^Port ${busy} is in use by another program; set PORT to a free one \\(PORT=${busy + 1} npm start\\)\\.$`),
      );
    } finally {
      await other.close();
    }
  });
});
