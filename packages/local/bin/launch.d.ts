/** Runs `src/<entry>.ts` from its bundle in ../dist/, built first when missing or stale. */
export function launch(entry: "cli" | "start"): Promise<void>;
/** Whether every file the bundle was built from is unchanged since it was built. */
export function upToDate(bundle: string): boolean;
