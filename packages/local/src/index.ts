/** The one-machine runtime: local database, bus and schedules around the same handlers, plus the CLI and demo. */
export { openLocalRecap, advertiseServer, resolveDataDir, type LocalRecap, type LocalOptions } from "./environment";
export { startDynalite, ensureTable, LOCAL_AWS, LOCAL_TABLE_NAME, type DynaliteServer } from "./dynalite";
export { startSchedules, type LocalSchedules } from "./scheduler";
export { runCli, type CliIo } from "./commands";
export { startEventInbox, inboxPublisher, type EventInbox, type EventInboxAddress } from "./event-inbox";
export { runDemo } from "./demo";
export { startLocalSlack, type LocalSlack } from "./slack";
