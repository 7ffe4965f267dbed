/**
 * commands — the one command language of Slack and the CLI: parse text into a Command, run it
 * against the store into an Outcome (plain data) that each side renders its own way.
 */
export type * from "../model/command";
export { PAGE_SIZE } from "../model/command";
export { parseCommand, formatCommand, COMMAND_KEYWORDS, MAX_PAGE } from "./grammar";
export { COMMAND_USAGE, helpText } from "./help";
export { runCommand, addOutcome, feedHealth, type CommandContext, type CommandDeps } from "./execute";
