/**
 * Counts kept at ingest, made exact again from the table: each feed's item count (polls keep it;
 * one that died between remembering its items and recording its success left it short). Safe to
 * run any time, as often as wanted: it writes only the counts that differ.
 */
import type { RefreshDeps } from "../ports/deps";

export interface RecountSummary {
  feeds: number;
  /** Feeds whose kept count differed from the table's (or had none), and were set right. */
  corrected: number;
}

export async function recountItems(
  deps: Pick<RefreshDeps, "store">,
  onProgress?: (done: number, total: number, feed: { url: string; from?: number; to: number }) => void,
): Promise<RecountSummary> {
  const feeds = await deps.store.feeds.list();
  let corrected = 0;
  for (const [i, feed] of feeds.entries()) {
    const exact = await deps.store.posts.countItems(feed.id);
    if (feed.itemCount !== exact) {
      // Only this field: a poll running meanwhile keeps everything else it records.
      await deps.store.feeds.setItemCount(feed.id, exact);
      corrected++;
    }
    onProgress?.(i + 1, feeds.length, { url: feed.url, ...(feed.itemCount === undefined ? {} : { from: feed.itemCount }), to: exact });
  }
  return { feeds: feeds.length, corrected };
}
