/**
 * The scheduled poll: find the feeds that are due and refresh each once, with bounded concurrency.
 * When more are due than one function should take, they are fanned out in batches through the bus
 * (`feeds.poll.requested`), each batch polled by its own invocation. A run takes at most
 * FIRST_POLLS_PER_RUN feeds never polled before, all in one batch; the others wait for later runs.
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

/**
 * The most feeds never polled before that one scheduled run takes, those added longest ago first;
 * the others stay due and are taken by the next runs (1,000 imported at once: five runs, 75
 * minutes). Feeds polled before are never held back by it.
 *
 * Why: a feed's first successful poll stores its whole backlog (20–50 posts is usual), and each new
 * post writes its month's `SEEN#<month>` index entry — one partition for every post of the month —
 * and a row in each of its topics' and words' partitions, which the posts of every first poll share.
 * An index partition takes about 1,000 writes a second. A thousand first polls fanned out at once
 * (25 batches × 8 polls, some 200 polls a second) would send it about 10,000.
 *
 * How it was sized: a run's first polls travel in one batch, so at most RECAP_POLL_CONCURRENCY (8)
 * run at once. At about a second a poll (the burst bench's assumption), that is ~8 × 50 = 400 posts
 * a second: 400 writes a second on the month's SEEN# partition (one per post stored, as bench/ingest.ts
 * measures in "First polls after an import", which prints both cases), and at most as many on the
 * hottest word's, within a partition's budget however many first polls the run takes.
 * 200 first polls, 8 at a time, are all started within START_WITHIN_MS even if each took the
 * fetch's 20-second limit (25 rounds × 20 s = 500 s < 600 s), so a run's first polls are over before
 * the next run's begin (unless the bus hands the batch over late): two runs' overlapping would
 * double that rate.
 */
export const FIRST_POLLS_PER_RUN = 200;

/** A feed with no successful poll yet: its next success stores its whole backlog. */
const isFirstPoll = (feed: Feed) => feed.lastSuccessAt === undefined;

const byAddedAt = (a: Feed, b: Feed) => (a.addedAt < b.addedAt ? -1 : a.addedAt > b.addedAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * What one run takes of the due feeds: every feed polled before (in due order), and the
 * FIRST_POLLS_PER_RUN never-polled ones added longest ago. The rest are left as they are: still
 * due, and older than any feed added after them, so each is taken within a few runs.
 */
function takeDue(due: Feed[]): { polledBefore: Feed[]; firstPolls: Feed[]; deferred: number } {
  const firstPolls = due.filter(isFirstPoll).sort(byAddedAt);
  return {
    polledBefore: due.filter((feed) => !isFirstPoll(feed)),
    firstPolls: firstPolls.slice(0, FIRST_POLLS_PER_RUN),
    deferred: Math.max(0, firstPolls.length - FIRST_POLLS_PER_RUN),
  };
}

export interface PollSummary {
  due: number;
  polled: RefreshOutcome[];
  /** Feeds handed to other invocations through the bus. */
  fannedOut: number;
  /** Due feeds never polled before that this run left for the next ones (FIRST_POLLS_PER_RUN). */
  deferred: number;
}

export type PollProgress = (done: number, total: number, outcome: RefreshOutcome) => void;

export async function pollDueFeeds(deps: PollDeps, onProgress?: PollProgress): Promise<PollSummary> {
  const due = await deps.store.feeds.due(deps.clock());
  const { polledBefore, firstPolls, deferred } = takeDue(due);
  if (deferred > 0) {
    deps.log.info(`${deferred} never-polled feeds left for the next runs: a run takes ${FIRST_POLLS_PER_RUN} first polls`, {
      deferred,
      firstPolls: firstPolls.length,
    });
  }
  if (polledBefore.length + firstPolls.length > deps.poll.batchSize) {
    return { due: due.length, polled: [], fannedOut: await fanOut(polledBefore, firstPolls, deps), deferred };
  }
  const taken = new Set(firstPolls);
  const feeds = due.filter((feed) => !isFirstPoll(feed) || taken.has(feed));
  return {
    due: due.length,
    polled: await pollFeeds(feeds, deps, { claim: true, onProgress, startWithinMs: START_WITHIN_MS }),
    fannedOut: 0,
    deferred,
  };
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

/**
 * Feeds polled before go in batches of `batchSize`; the run's first polls all go in one batch of
 * their own, so that no more of them run at once than one invocation polls (FIRST_POLLS_PER_RUN).
 */
async function fanOut(polledBefore: Feed[], firstPolls: Feed[], deps: PollDeps): Promise<number> {
  const batches: Feed[][] = [];
  for (let start = 0; start < polledBefore.length; start += deps.poll.batchSize) {
    batches.push(polledBefore.slice(start, start + deps.poll.batchSize));
  }
  if (firstPolls.length > 0) batches.push(firstPolls);
  const events: BusEvent[] = batches.map((batch) => ({
    detailType: "feeds.poll.requested",
    detail: { feedIds: batch.map((feed) => feed.id) },
  }));
  const { failed } = await deps.publisher.publish(events);
  if (failed.length > 0) {
    // Those feeds stay due and are picked up by the next run.
    deps.log.error("Some poll batches were not accepted by the bus", { batches: failed.length });
  }
  const handedOver = polledBefore.length + firstPolls.length;
  return handedOver - failed.reduce((sum, event) => sum + (event.detail as { feedIds: string[] }).feedIds.length, 0);
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
