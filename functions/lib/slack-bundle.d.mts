import type { BuildOptions, Plugin } from "esbuild";

/** The Slack function's bundle (all its files) may not grow past this many bytes. */
export const HTTP_BUNDLE_BUDGET_BYTES: number;
/** The Slack function's `nodejs` options, as stacks/http.ts gives them to SST. */
export const SLACK_FUNCTION_NODEJS: { readonly plugins: string; readonly minify: boolean; readonly splitting: boolean };
/** The esbuild options SST's Node runtime builds a function with, for these `nodejs` options (entry: bundle.mjs). */
export function sstBuildOptions(
  nodejs: { minify?: boolean; splitting?: boolean },
  files: { entry: string; outdir: string; plugins: Plugin[] },
): BuildOptions;
/** Packages replaced by a stand-in in the Slack function's bundle. */
export const ABSENT_PACKAGES: string[];
/** The esbuild plugin that replaces them. */
export const absentReceivers: Plugin;
declare const plugins: Plugin[];
export default plugins;
