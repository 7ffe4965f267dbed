/**
 * The scheduled poll: find the feeds that are due and refresh each once, with bounded concurrency.
 * When more are due than one function should take, they are fanned out in batches through the bus
 * (`feeds.poll.requested`), each batch polled by its own invocation.
 */
import type { BusEvent } from "../ports/events";
import { ByteBudget } from "../shared/byte-budget";
import { mapWithLimits } from "../shared/concurrency";
import { refreshFeed, type RefreshOutcome } from "./refresh";
import type { PollDeps } from "../ports/deps";

export type { PollDeps };
import { describeFailure } from "./document";
import type { Feed } from "../model/feed";
import type { FeedFetcher } from "../ports/fetch";

/**
 * How long a poller holds a feed it claimed; a crashed poller's feeds are due again after it.
 * Longer than a Lambda can run, so a live poller never loses its claim.
 */
const CLAIM_LEASE_MS = 20 * 60_000;

/**
 * A scheduled poll or batch starts no feed after this long: what it started can still finish inside
 * Lambda's 15 minutes (a fetch takes at most 20 s, autodiscovery three more), and what it did not
 * start stays unclaimed and due, for the next poll. Feeds of one host are fetched two at a time,
 * so a batch of many feeds on one slow host may need it.
 */
export const START_WITHIN_MS = 10 * 60_000;

export interface PollSummary {
  due: number;
  polled: RefreshOutcome[];
  /** Feeds handed to other invocations through the bus. */
  fannedOut: number;
}

export type PollProgress = (done: number, total: number, outcome: RefreshOutcome) => void;

export async function pollDueFeeds(deps: PollDeps, onProgress?: PollProgress): Promise<PollSummary> {
  const due = await deps.store.feeds.due(deps.clock());
  if (due.length > deps.poll.batchSize) {
    return { due: due.length, polled: [], fannedOut: await fanOut(due, deps) };
  }
  return { due: due.length, polled: await pollFeeds(due, deps, { claim: true, onProgress, startWithinMs: START_WITHIN_MS }), fannedOut: 0 };
}

/** A batch handed over by `pollDueFeeds`: polls those of the feeds that are still due. */
export async function pollFeedBatch(feedIds: string[], deps: PollDeps): Promise<RefreshOutcome[]> {
  const now = deps.clock().getTime();
  const feeds = (await Promise.all(feedIds.map((id) => deps.store.feeds.get(id)))).filter(
    (feed): feed is Feed => feed !== undefined && feed.status === "active" && Date.parse(feed.nextPollAt) <= now,
  );
  return pollFeeds(feeds, deps, { claim: true, startWithinMs: START_WITHIN_MS });
}

/**
 * Refreshes feeds concurrently. With `claim`, each feed is first taken with a conditional write so
 * that overlapping runs never poll the same feed twice; without it (an explicit `poll`), it is polled now.
 * Their bodies share one byte budget until each feed's refresh ends: a few huge feeds polled at
 * once take turns instead of exhausting the function's memory. Feeds on one host (a blogging
 * platform's, say) are fetched a few at a time, as a polite crawler does. With `startWithinMs`, no
 * feed is started (or claimed) after that long: those are left for the next poll.
 */
export async function pollFeeds(
  feeds: Feed[],
  deps: PollDeps,
  options: { claim: boolean; onProgress?: PollProgress; startWithinMs?: number },
): Promise<RefreshOutcome[]> {
  let done = 0;
  let late = 0;
  const started = Date.now();
  const budget = new ByteBudget(deps.poll.maxBytesInFlight);
  const limits = { limit: deps.poll.concurrency, perKey: deps.poll.perHost, keyOf: (feed: Feed) => hostOf(feed.url) };
  const outcomes = await mapWithLimits(feeds, limits, async (feed) => {
    let outcome: RefreshOutcome | undefined;
    const bytes = budget.lease();
    try {
      if (options.startWithinMs !== undefined && Date.now() - started >= options.startWithinMs) return void late++;
      if (options.claim && !(await deps.store.feeds.claim(feed, new Date(deps.clock().getTime() + CLAIM_LEASE_MS)))) {
        return undefined; // another poller has it
      }
      const fetchFeed: FeedFetcher = (request, fetchOptions) => deps.fetchFeed(request, { ...fetchOptions, hold: bytes.take });
      outcome = await refreshFeed(feed, { ...deps, fetchFeed });
    } catch (error) {
      // Even recording the failure failed (the table is unreachable): report it and move on.
      deps.log.error("Feed poll could not be recorded", { feedId: feed.id, error: describeFailure(error) });
      outcome = { feedId: feed.id, url: feed.url, status: "failed", error: describeFailure(error), paused: false };
    } finally {
      bytes.close();
    }
    done++;
    const line = `Polled ${done}/${feeds.length}: ${outcome.url}`;
    if (outcome.status === "failed") deps.log.warn(line, outcomeFields(outcome));
    else deps.log.info(line, outcomeFields(outcome));
    options.onProgress?.(done, feeds.length, outcome);
    return outcome;
  });
  if (late > 0) deps.log.warn(`${late} due feeds left for the next poll: this one ran out of time to start them`, { late });
  return outcomes.filter((outcome): outcome is RefreshOutcome => outcome !== undefined);
}

async function fanOut(due: Feed[], deps: PollDeps): Promise<number> {
  const events: BusEvent[] = [];
  for (let start = 0; start < due.length; start += deps.poll.batchSize) {
    events.push({
      detailType: "feeds.poll.requested",
      detail: { feedIds: due.slice(start, start + deps.poll.batchSize).map((feed) => feed.id) },
    });
  }
  const { failed } = await deps.publisher.publish(events);
  if (failed.length > 0) {
    // Those feeds stay due and are picked up by the next run.
    deps.log.error("Some poll batches were not accepted by the bus", { batches: failed.length });
  }
  return due.length - failed.reduce((sum, event) => sum + (event.detail as { feedIds: string[] }).feedIds.length, 0);
}

function outcomeFields(outcome: RefreshOutcome): Record<string, unknown> {
  if (outcome.status === "failed") return { status: "failed", error: outcome.error, paused: outcome.paused };
  return {
    status: outcome.notModified ? "not-modified" : "ok",
    items: outcome.items,
    created: outcome.created,
    announced: outcome.announced,
  };
}

/** Where a feed is served from (host and port): the unit of politeness. */
function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
