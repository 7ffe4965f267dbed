import type { Plugin } from "esbuild";

/** The Slack function's bundle may not grow past this many bytes. */
export const HTTP_BUNDLE_BUDGET_BYTES: number;
/** Packages behind Bolt's other receivers, replaced by a stand-in in the Slack function's bundle. */
export const ABSENT_PACKAGES: string[];
/** The esbuild plugin that replaces them. */
export const absentReceivers: Plugin;
declare const plugins: Plugin[];
export default plugins;
