/** Runs `src/<entry>.ts` from its bundle in ../dist/, built first when missing or stale. */
export function launch(entry: "cli" | "start"): Promise<void>;
/** The path of `entry`'s bundle in `dist` (default ../dist/), built first unless it is up to date. */
export function bundleFor(entry: "cli" | "start" | "parse-worker", dist?: string): Promise<string>;
/** Whether the bundle exists and every file it was built from is unchanged since it was built. */
export function upToDate(bundle: string): boolean;
/** Runs a CommonJS bundle as `require` would, keeping V8's compiled code for it in a cache beside it. */
export function runBundle(bundle: string): void;
