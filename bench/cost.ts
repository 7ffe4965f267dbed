/**
 * Benchmark 7 — cost per month at scale, recomputed in every run from what the run counted.
 *
 * Per-operation figures come from this run: DynamoDB requests and units (a probe on its own table
 * replays each operation with a write audit, below), Lambda milliseconds (p50s of sections 2 and 4
 * passed in by run.ts, the rest timed by the probe), events published and log bytes written (the
 * probe's publisher and JSON logger count them). They are multiplied by a workload (WORKLOAD) and
 * list prices (PRICES), both stated below with where each number comes from. `monthlyCost` is pure
 * arithmetic (test/bench-cost.test.ts checks it); `measureCostInputs` measures; `costReport` prints.
 */
import { createRequire } from "node:module";
import { DescribeTableCommand, DynamoDBClient, GetItemCommand, type AttributeValue } from "@aws-sdk/client-dynamodb";
import { alertFollowers } from "@recap/core/follow";
import { dispatchDigests } from "@recap/core/digest";
import type { RecapDeps } from "@recap/core/ports";
import type { SlackOutbound } from "@recap/core/slack";
import { pollDueFeeds, pollFeedBatch } from "@recap/core/feeds";
import { jsonLogger } from "@recap/core/shared";
import type { TableRef } from "@recap/core/store";
import { LOCAL_AWS } from "@recap/local";
import { READ_OPERATIONS, serveAndFollow, type BenchEnv, type RequestCounter } from "./env";
import { rssDocument } from "./fixtures";
import type { RefreshResult } from "./ingest";
import type { SlackResult } from "./slack";
import { fmt, nowMs, table } from "./stats";

// ---------------------------------------------------------------------------------------------
// Workload assumptions (what the bench cannot measure). Each says where its number comes from.

export const WORKLOAD = {
  /**
   * packages/core/src/feeds/schedule.ts: a feed's interval is 7 days ÷ its posts in the last week,
   * clamped to 15 min … 1 day (plus ≤ 30 min spread), so a blog posting at most daily is polled about
   * once a day and a busier feed about once per post. 1.5 allows for a share of busy feeds and for
   * failures' backoff retries.
   */
  pollsPerFeedPerDay: 1.5,
  /** Typical engineering blogs post a few times a week (the bench's fixtures: one post per 9-30 h per feed). */
  newPostsPerFeedPerDay: 0.5,
  /**
   * Re-polls that find nothing new and are answered 304 (ETag/Last-Modified honoured, as WordPress,
   * Ghost, Hugo on GitHub Pages/Netlify do); the rest send the same body again with 200. Assumed.
   */
  share304: 0.6,
  /** A poll that finds something finds one new post (assumed; the bench measures a one-new-item poll). */
  newPostsPerChangedPoll: 1,
  /** One digest per subscribed channel per day (the design: `/recap subscribe`, daily or weekdays). */
  digestsPerChannelPerDay: 1,
  /** Slash-command lookups per channel per day (topic pages, search, topics, feeds). Assumed. */
  lookupsPerChannelPerDay: 5,
  /** Follow alerts delivered per channel per day (`/recap follow`, ≤ 6 an hour per channel by default). Assumed. */
  followAlertsPerChannelPerDay: 2,
  /** definitions.ts: both schedules (poll, digest) run every 15 minutes. */
  scheduleRunsPerDay: 96,
  schedules: 2,
  /** config: RECAP_POLL_BATCH_SIZE default; more due feeds than this are fanned out in batches on the bus. */
  pollBatchSize: 40,
  /** config: RECAP_POLL_CONCURRENCY default: one invocation polls 8 feeds at once (their network waits overlap). */
  pollConcurrency: 8,
  /**
   * Waiting on a real feed server over the internet (connect, TLS, first byte), per fetch. The bench
   * fetches on loopback (~1 ms), so this is added, divided by pollConcurrency. Assumed.
   */
  fetchWaitMs: 250,
  /** Waiting on Slack's Web API per message posted (chat.postMessage). The bench's Slack is a stub. Assumed. */
  slackCallMs: 200,
  /**
   * Lambda at 1024 MB (SST's default, stacks/*.ts) gets ~0.6 vCPU: CPU-bound parts take up to ~2×
   * longer than on the bench machine (section 4's note). Measured ms are multiplied by this. Assumed.
   */
  lambdaCpuFactor: 2,
  /** SST's default memory for every function (stacks/ingest.ts, stacks/http.ts). */
  lambdaMemoryGb: 1,
  /**
   * Invocations that start a new execution environment (INIT billed since 1 Aug 2025). Schedules run
   * every 15 min, often after their environment was reclaimed; bus subscribers and the Slack function
   * are busier. Assumed.
   */
  coldShareScheduled: 0.5,
  coldShareOther: 0.1,
  /**
   * Log bytes Lambda itself writes per invocation (JSON format, sst.config.ts): platform.start and
   * platform.report records, ~150 + ~450 bytes, plus 26 bytes of CloudWatch metadata each. Assumed.
   */
  platformLogBytesPerInvocation: 650,
  /** One EMF metrics line per job invocation (functions/lib/metrics.ts), ~450 bytes with metadata. Assumed. */
  emfLogBytesPerJob: 450,
  /** Posts kept: storage is priced after this many days of ingestion (nothing expires posts). */
  storageAfterDays: 365,
  /** AWS bills a month as 730 hours. */
  daysPerMonth: 730 / 24,
  /**
   * Fixed monthly items outside the issue's five services, counted by hand: EMF custom metrics
   * (13 names at Stage level + 18 at Stage+Function, functions/lib/metrics.ts and runtime/handlers.ts)
   * and alarm metrics (stacks/monitoring.ts: 5 single-metric alarms, AsyncEventsDropped over 7
   * functions, LambdaThrottles over 8: metric-math alarms are billed per metric).
   */
  customMetrics: 31,
  alarmMetrics: 20,
} as const;

export type Workload = { [K in keyof typeof WORKLOAD]: number };

// ---------------------------------------------------------------------------------------------
// List prices, us-east-1, as published; no free tier counted.

export const PRICES = {
  /** https://aws.amazon.com/lambda/pricing/ — Arm, first 7.5 billion GB-s a month. */
  lambdaArmPerGbSecond: 0.0000133334,
  /** https://aws.amazon.com/lambda/pricing/ — requests, both architectures. */
  lambdaPerMillionRequests: 0.2,
  /**
   * https://aws.amazon.com/dynamodb/pricing/on-demand/ — on-demand since the 1 Nov 2024 cut (50%):
   * $0.625 per million write request units, $0.125 per million read request units, standard table class.
   */
  dynamoPerMillionWru: 0.625,
  dynamoPerMillionRru: 0.125,
  /** https://aws.amazon.com/dynamodb/pricing/on-demand/ — storage, standard table class, per GB-month. */
  dynamoPerGbMonth: 0.25,
  /** https://aws.amazon.com/eventbridge/pricing/ — custom events published to an event bus (per 64 KB chunk). */
  eventBridgePerMillionEvents: 1.0,
  /** https://aws.amazon.com/eventbridge/pricing/ — EventBridge Scheduler invocations. */
  schedulerPerMillionInvocations: 1.0,
  /** https://aws.amazon.com/cloudwatch/pricing/ — Logs, standard class, ingestion (Lambda's vended logs: first tier). */
  logsPerGbIngested: 0.5,
  /** https://aws.amazon.com/cloudwatch/pricing/ — custom metrics (first 10,000), per metric-month. */
  customMetricPerMonth: 0.3,
  /** https://aws.amazon.com/cloudwatch/pricing/ — standard-resolution alarm, per alarm metric-month. */
  alarmMetricPerMonth: 0.1,
} as const;

export type Prices = { [K in keyof typeof PRICES]: number };

/** Issue 14, goal 5: scenario A within US$3 a month. */
export const BUDGET_A_USD = 3;

export const SCENARIOS = [
  { name: "A", feeds: 1_000, channels: 100 },
  { name: "B", feeds: 10_000, channels: 1_000 },
] as const;

export type Scenario = { name: string; feeds: number; channels: number };

// ---------------------------------------------------------------------------------------------
// Measured inputs

/** One operation's measured cost: averages per occurrence. */
export interface OpCost {
  requests: number;
  /** Read request units. */
  readUnits: number;
  /** Write request units: the table's, its indexes', and failed conditional writes'. */
  writeUnits: number;
  /** Events put on the bus. */
  events: number;
  /** Log bytes written by the function (lines + 26 bytes of metadata each). */
  logBytes: number;
  /** Lambda ms billed for it (measured, CPU factor and assumed network waits applied). */
  ms: number;
}

export interface CostInputs {
  /** One feed polled by a scheduled run (its share of the due query, the claim, fetch, store). */
  poll: { notModified: OpCost; unchanged: OpCost; newPost: OpCost };
  /** A scheduled poll run's own work with nothing due: the due query and the summary line. */
  pollRun: OpCost;
  /** Extra per feed handed to a batch (the batch re-reads each feed). */
  fanOutPerFeed: OpCost;
  /** A scheduled digest run with none due; its read units are per subscription listed. */
  digestRun: OpCost;
  digestReadUnitsPerChannel: number;
  /** One channel's digest: claim, posts read, render, post, record. */
  digest: OpCost;
  /** A `post.ingested` invocation's own work (the post, its topics' followers) when nobody follows. */
  followEvent: OpCost;
  /** One follow alert delivered. */
  followAlert: OpCost;
  /** One /recap lookup (the measured commands' mean). */
  lookup: OpCost;
  /** Bytes stored per post (table items and index entries, 100 bytes overhead each). */
  storageBytesPerPost: number;
  /** INIT ms of a cold start (section 4's cold-start proxy: import of the HTTP function). */
  initMs: number;
}

// ---------------------------------------------------------------------------------------------
// The arithmetic

export interface CostLine {
  service: string;
  usd: number;
  detail: string;
}

export interface MonthlyCost {
  scenario: Scenario;
  lines: CostLine[];
  /** The five services of the issue (Lambda, DynamoDB, EventBridge, Scheduler, Logs). */
  total: number;
  /** Metrics and alarms, fixed, outside the issue's list. */
  fixed: number;
  usage: {
    pollsPerDay: number;
    newPostsPerDay: number;
    invocationsPerMonth: number;
    gbSeconds: number;
    rru: number;
    wru: number;
    events: number;
    logGb: number;
  };
}

const ZERO: OpCost = { requests: 0, readUnits: 0, writeUnits: 0, events: 0, logBytes: 0, ms: 0 };

/** Sum of ops × counts. */
function weigh(parts: [OpCost, number][]): OpCost {
  const total = { ...ZERO };
  for (const [op, count] of parts) {
    for (const key of Object.keys(total) as (keyof OpCost)[]) total[key] += op[key] * count;
  }
  return total;
}

export function monthlyCost(scenario: Scenario, inputs: CostInputs, workload: Workload = WORKLOAD, prices: Prices = PRICES): MonthlyCost {
  const w = workload;
  const days = w.daysPerMonth;
  const { feeds, channels } = scenario;

  // Per day.
  const pollsPerDay = feeds * w.pollsPerFeedPerDay;
  const newPostsPerDay = feeds * w.newPostsPerFeedPerDay;
  const changedPolls = Math.min(pollsPerDay, newPostsPerDay / w.newPostsPerChangedPoll);
  const quietPolls = pollsPerDay - changedPolls;
  const duePerRun = pollsPerDay / w.scheduleRunsPerDay;
  const batchesPerRun = duePerRun > w.pollBatchSize ? Math.ceil(duePerRun / w.pollBatchSize) : 0;
  const fannedFeeds = batchesPerRun > 0 ? pollsPerDay : 0;
  const digests = channels * w.digestsPerChannelPerDay;
  const lookups = channels * w.lookupsPerChannelPerDay;
  const alerts = channels * w.followAlertsPerChannelPerDay;

  const digestRun = { ...inputs.digestRun, readUnits: Math.max(0.5, inputs.digestReadUnitsPerChannel * channels) };
  const ingest = weigh([
    [inputs.poll.newPost, changedPolls],
    [inputs.poll.notModified, quietPolls * w.share304],
    [inputs.poll.unchanged, quietPolls * (1 - w.share304)],
    [inputs.pollRun, w.scheduleRunsPerDay],
    [inputs.fanOutPerFeed, fannedFeeds],
  ]);
  const digest = weigh([
    [digestRun, w.scheduleRunsPerDay],
    [inputs.digest, digests],
  ]);
  const follow = weigh([
    [inputs.followEvent, newPostsPerDay],
    [inputs.followAlert, alerts],
  ]);
  const http = weigh([[inputs.lookup, lookups]]);
  const all = weigh([
    [ingest, 1],
    [digest, 1],
    [follow, 1],
    [http, 1],
  ]);

  // Invocations: two schedules, poll batches, one follow-alerts invocation per post.ingested, one per command.
  const scheduled = w.schedules * w.scheduleRunsPerDay;
  const batches = batchesPerRun * w.scheduleRunsPerDay;
  const other = batches + newPostsPerDay + lookups;
  const invocationsPerDay = scheduled + other;
  const coldStarts = scheduled * w.coldShareScheduled + other * w.coldShareOther;
  const lambdaMsPerDay = all.ms + coldStarts * inputs.initMs;
  const jobs = scheduled + batches + newPostsPerDay;
  const eventsPerDay = all.events + batches;
  const logBytesPerDay = all.logBytes + invocationsPerDay * w.platformLogBytesPerInvocation + jobs * w.emfLogBytesPerJob;

  const gbSeconds = (lambdaMsPerDay / 1000) * w.lambdaMemoryGb * days;
  const invocationsPerMonth = invocationsPerDay * days;
  const rru = all.readUnits * days;
  const wru = all.writeUnits * days;
  const events = eventsPerDay * days;
  const logGb = (logBytesPerDay * days) / 1e9;
  const storedGb = (newPostsPerDay * w.storageAfterDays * inputs.storageBytesPerPost) / 1e9;
  const schedulerInvocations = scheduled * days;

  const m = (value: number) => value / 1e6;
  const lines: CostLine[] = [
    {
      service: "Lambda compute (arm64)",
      usd: gbSeconds * prices.lambdaArmPerGbSecond,
      detail: `${fmt(gbSeconds)} GB-s (${fmt(lambdaMsPerDay / 1000 / 60)} min/day, ${fmt(coldStarts)} cold starts/day)`,
    },
    {
      service: "Lambda requests",
      usd: m(invocationsPerMonth) * prices.lambdaPerMillionRequests,
      detail: `${fmt(invocationsPerMonth)} invocations`,
    },
    { service: "DynamoDB writes", usd: m(wru) * prices.dynamoPerMillionWru, detail: `${fmt(wru)} WRU` },
    { service: "DynamoDB reads", usd: m(rru) * prices.dynamoPerMillionRru, detail: `${fmt(rru)} RRU` },
    {
      service: `DynamoDB storage (month ${Math.round(w.storageAfterDays / 30.4)})`,
      usd: storedGb * prices.dynamoPerGbMonth,
      detail: `${fmt(storedGb, 2)} GB of posts`,
    },
    { service: "EventBridge custom events", usd: m(events) * prices.eventBridgePerMillionEvents, detail: `${fmt(events)} events` },
    {
      service: "EventBridge Scheduler",
      usd: m(schedulerInvocations) * prices.schedulerPerMillionInvocations,
      detail: `${fmt(schedulerInvocations)} invocations`,
    },
    { service: "CloudWatch Logs ingestion", usd: logGb * prices.logsPerGbIngested, detail: `${fmt(logGb * 1000)} MB` },
  ];
  const total = lines.reduce((sum, line) => sum + line.usd, 0);
  const fixed = w.customMetrics * prices.customMetricPerMonth + w.alarmMetrics * prices.alarmMetricPerMonth;
  return {
    scenario,
    lines,
    total,
    fixed,
    usage: { pollsPerDay, newPostsPerDay, invocationsPerMonth, gbSeconds, rru, wru, events, logGb },
  };
}

// ---------------------------------------------------------------------------------------------
// The report

const usd = (value: number) => (value < 0.005 && value > 0 ? "<0.01" : value.toFixed(2));

export function costReport(inputs: CostInputs, notes: { quick: boolean }, workload: Workload = WORKLOAD, prices: Prices = PRICES): string {
  const results = SCENARIOS.map((scenario) => monthlyCost(scenario, inputs, workload, prices));
  const [a, b] = results as [MonthlyCost, MonthlyCost];
  const rows = a.lines.map((line, i) => [line.service, usd(line.usd), line.detail, usd(b.lines[i]!.usd), b.lines[i]!.detail]);
  const within = a.total <= BUDGET_A_USD;
  rows.push(
    ["Total (the issue's five services)", usd(a.total), `budget ≤ US$${BUDGET_A_USD}: ${within ? "within" : "OVER"}`, usd(b.total), ""],
    [
      "CloudWatch metrics + alarms (fixed)",
      usd(a.fixed),
      `${workload.customMetrics} EMF metrics, ${workload.alarmMetrics} alarm metrics`,
      usd(b.fixed),
      "",
    ],
    ["Total with fixed", usd(a.total + a.fixed), "", usd(b.total + b.fixed), ""],
  );
  const op = (label: string, cost: OpCost) =>
    [
      label,
      fmt(cost.requests, 3),
      fmt(cost.readUnits, 3),
      fmt(cost.writeUnits, 3),
      fmt(cost.events, 3),
      fmt(cost.logBytes),
      fmt(cost.ms, 3),
    ] as string[];
  const w = workload;
  return [
    `Scenario A: ${fmt(SCENARIOS[0].feeds)} feeds + ${SCENARIOS[0].channels} channels; B: ${fmt(SCENARIOS[1].feeds)} feeds + ${fmt(SCENARIOS[1].channels)} channels. US$ per month, us-east-1 list prices, no free tier.`,
    "",
    table(["service", "A US$", "A usage / month", "B US$", "B usage / month"], rows),
    "",
    "Per operation, measured in this run (DynamoDB units: reads as dynalite reports them; writes audited item by item: the",
    "table's max(old, new) KB, each index entry written (ALL projection: the whole item; a moved key writes twice), failed",
    "conditional writes ≥ 1 WRU). ms: Lambda ms billed, i.e. measured × CPU factor + assumed network waits (below).",
    table(
      ["operation", "DDB req", "RRU", "WRU", "events", "log B", "Lambda ms"],
      [
        op("poll, 304 (per feed)", inputs.poll.notModified),
        op("poll, 200 same body (per feed)", inputs.poll.unchanged),
        op(`poll, 200 with ${w.newPostsPerChangedPoll} new post (per feed)`, inputs.poll.newPost),
        op("scheduled poll run, nothing due", inputs.pollRun),
        op("fan-out, per feed in a batch", inputs.fanOutPerFeed),
        op("scheduled digest run, nothing due", inputs.digestRun),
        op("one channel's digest", inputs.digest),
        op("post.ingested, nobody follows", inputs.followEvent),
        op("one follow alert delivered", inputs.followAlert),
        op("/recap lookup (mean of section 4's)", inputs.lookup),
      ],
    ),
    `Digest run's list of subscriptions: ${fmt(inputs.digestReadUnitsPerChannel, 3)} RRU per channel; storage ${fmt(inputs.storageBytesPerPost)} bytes per post` +
      ` (table + indexes); INIT ${fmt(inputs.initMs)} ms per cold start.`,
    "",
    "Workload (assumed; bench/cost.ts WORKLOAD says where each comes from):",
    `  each feed polled ${w.pollsPerFeedPerDay}×/day (schedule.ts: 7 days ÷ posts last week, 15 min…1 day); ${w.newPostsPerFeedPerDay} new posts/feed/day,` +
      ` ${w.newPostsPerChangedPoll} per changed poll; other polls ${w.share304 * 100}% 304, ${(1 - w.share304) * 100}% 200 same body;`,
    `  ${w.digestsPerChannelPerDay} digest/channel/day; ${w.lookupsPerChannelPerDay} lookups and` +
      ` ${w.followAlertsPerChannelPerDay} follow alerts/channel/day; 2 schedules × ${w.scheduleRunsPerDay}/day; batches of ${w.pollBatchSize} when more are due;`,
    `  Lambda ${w.lambdaMemoryGb * 1024} MB, measured ms × ${w.lambdaCpuFactor} (≈0.6 vCPU), + ${w.fetchWaitMs} ms per fetch ÷ ${w.pollConcurrency} concurrent,` +
      ` + ${w.slackCallMs} ms per Slack post; cold starts ${w.coldShareScheduled * 100}% of schedule runs, ${w.coldShareOther * 100}% of others;`,
    `  logs: measured lines + ${w.platformLogBytesPerInvocation} B platform records per invocation + ${w.emfLogBytesPerJob} B EMF per job;` +
      ` storage after ${w.storageAfterDays} days of posts; a month is 730 h.`,
    "  Left out: feed adds, retags, paused notices, SQS/SNS (near zero), data transfer out, Logs storage and queries.",
    "Lookups were measured on the bench's store (section 4's size); a search reads its words' index rows only (section 4b).",
    `Prices: Lambda arm64 $${prices.lambdaArmPerGbSecond}/GB-s + $${prices.lambdaPerMillionRequests}/M requests; DynamoDB on-demand $${prices.dynamoPerMillionWru}/M WRU,` +
      ` $${prices.dynamoPerMillionRru}/M RRU, $${prices.dynamoPerGbMonth}/GB-month; EventBridge $${prices.eventBridgePerMillionEvents}/M events, Scheduler` +
      ` $${prices.schedulerPerMillionInvocations}/M; Logs $${prices.logsPerGbIngested}/GB; metrics $${prices.customMetricPerMonth}, alarms $${prices.alarmMetricPerMonth} per metric-month.`,
    ...(notes.quick ? ["QUICK mode: fewer samples behind each per-operation figure."] : []),
  ].join("\n");
}

// ---------------------------------------------------------------------------------------------
// Measuring: a write audit on the table's client

const itemSize: (item: Record<string, AttributeValue>) => number = createRequire(import.meta.url)("dynalite/db/index.js").itemSize;

type Item = Record<string, AttributeValue>;
type EventPublisher = RecapDeps["publisher"];
type BusEvent = Parameters<EventPublisher["publish"]>[0][number];

interface IndexShape {
  hash: string;
  range?: string;
  projection: "ALL" | "KEYS_ONLY" | "INCLUDE";
  include: string[];
}

interface WriteAudit {
  /** Write units: table, indexes, failed conditional writes. */
  units(): number;
  /** Bytes stored (items + index entries, 100 bytes overhead each) added since the audit began. */
  storedBytes(): number;
  close(): void;
}

const kb = (item: Item | undefined) => (item ? Math.max(1, Math.ceil(itemSize(item) / 1024)) : 0);

/** Stable text of an item, to tell whether an index entry changed. */
const stable = (item: Item) =>
  JSON.stringify(
    Object.keys(item)
      .sort()
      .map((key) => [key, item[key]]),
  );

/**
 * Reads each item a write touches before and after it (with a separate, uncounted client), and
 * charges what DynamoDB charges: the table write (max of old and new size, per KB), each index whose
 * entry appears, disappears or changes (a changed index key is a delete and a put), and a failed
 * conditional write (the existing item's size, at least 1). Only for the probe: it adds requests.
 */
async function auditWrites(table: TableRef, endpoint: string): Promise<WriteAudit> {
  const raw = new DynamoDBClient({ endpoint, ...LOCAL_AWS });
  const description = (await raw.send(new DescribeTableCommand({ TableName: table.tableName }))).Table;
  const tableKeys = (description?.KeySchema ?? []).map((key) => key.AttributeName!);
  const indexes: IndexShape[] = (description?.GlobalSecondaryIndexes ?? []).map((index) => ({
    hash: index.KeySchema!.find((key) => key.KeyType === "HASH")!.AttributeName!,
    range: index.KeySchema!.find((key) => key.KeyType === "RANGE")?.AttributeName,
    projection: (index.Projection?.ProjectionType ?? "ALL") as IndexShape["projection"],
    include: index.Projection?.NonKeyAttributes ?? [],
  }));
  const entryOf = (item: Item | undefined, index: IndexShape): Item | undefined => {
    if (!item || !item[index.hash] || (index.range && !item[index.range])) return undefined;
    if (index.projection === "ALL") return item;
    const keep = new Set([...tableKeys, index.hash, ...(index.range ? [index.range] : []), ...index.include]);
    return Object.fromEntries(Object.entries(item).filter(([name]) => keep.has(name)));
  };
  const stored = (item: Item | undefined) =>
    item
      ? itemSize(item) +
        100 +
        indexes.reduce((sum, index) => {
          const entry = entryOf(item, index);
          return sum + (entry ? itemSize(entry) + 100 : 0);
        }, 0)
      : 0;
  const keyOf = (item: Item): Item => Object.fromEntries(tableKeys.map((name) => [name, item[name]!]));
  const read = async (key: Item) =>
    (await raw.send(new GetItemCommand({ TableName: table.tableName, Key: key, ConsistentRead: true }))).Item;

  let units = 0;
  let storedBytes = 0;
  const name = "benchWriteAudit";
  table.client.middlewareStack.add(
    (next, context) => async (args) => {
      const operation = (context.commandName ?? "").replace(/Command$/, "");
      // At the build step the document client has marshalled the input: keys are AttributeValues.
      const input = args.input as {
        Item?: Item;
        Key?: Item;
        RequestItems?: Record<string, { PutRequest?: { Item: Item }; DeleteRequest?: { Key: Item } }[]>;
      };
      let keys: Item[] = [];
      if (operation === "PutItem" || operation === "Put") keys = [keyOf(input.Item!)];
      else if (["UpdateItem", "Update", "DeleteItem", "Delete"].includes(operation)) keys = [input.Key!];
      else if (operation === "BatchWriteItem" || operation === "BatchWrite") {
        keys = (input.RequestItems?.[table.tableName] ?? []).map((request) =>
          request.PutRequest ? keyOf(request.PutRequest.Item) : request.DeleteRequest!.Key,
        );
      }
      if (keys.length === 0) return next(args);
      const before = await Promise.all(keys.map(read));
      try {
        const result = await next(args);
        const after = await Promise.all(keys.map(read));
        keys.forEach((_, i) => {
          const [old, now] = [before[i], after[i]];
          units += Math.max(1, kb(old), kb(now));
          for (const index of indexes) {
            const [a, b] = [entryOf(old, index), entryOf(now, index)];
            if (!a && !b) continue;
            if (!a || !b) units += kb(a ?? b);
            else if (a[index.hash]!.S !== b[index.hash]!.S || (index.range && a[index.range]!.S !== b[index.range]!.S))
              units += kb(a) + kb(b);
            else if (stable(a) !== stable(b)) units += kb(b);
          }
          storedBytes += stored(now) - stored(old);
        });
        return result;
      } catch (error) {
        if ((error as { name?: string }).name === "ConditionalCheckFailedException") units += Math.max(1, kb(before[0]));
        throw error;
      }
    },
    { step: "build", name, priority: "low" },
  );
  return {
    units: () => units,
    storedBytes: () => storedBytes,
    close: () => {
      table.client.middlewareStack.remove(name);
      raw.destroy();
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Measuring: the probe

const sumReads = (requests: RequestCounter) =>
  [...requests.units.entries()].reduce((sum, [operation, units]) => sum + (READ_OPERATIONS.has(operation) ? units : 0), 0);

/** A Slack that accepts everything at once (the wait on the real one is WORKLOAD.slackCallMs). */
const stubSlack: SlackOutbound = {
  postDigest: async () => ({ ok: true, ts: "1795000000.000100" }),
  postMessage: async () => ({ ok: true, ts: "1795000000.000200" }),
  updateMessage: async () => ({ ok: true, ts: "1795000000.000200" }),
  userTimeZone: async () => undefined,
  postToChannel: async () => ({ ok: true }),
  respond: async () => undefined,
};

/** `doc` with the <item> blocks of `extra` inserted before its first item (newest first, as feeds list them). */
function withItemsOf(doc: string, extra: string): string {
  const blocks = extra.slice(extra.indexOf("    <item>"), extra.lastIndexOf("</item>") + "</item>".length);
  const at = doc.indexOf("    <item>");
  return `${doc.slice(0, at)}${blocks}\n${doc.slice(at)}`;
}

export interface CostProbeOptions {
  feeds: number;
  items: number;
  channels: number;
}

export interface Measured {
  refresh: RefreshResult;
  slack: SlackResult;
}

/**
 * Replays each priced operation on a fresh table with the write audit on, and turns the measured
 * figures into per-operation costs. Lambda ms for polls and lookups come from sections 2 and 4.
 */
export async function measureCostInputs(
  env: BenchEnv,
  measured: Measured,
  options: CostProbeOptions,
  workload: Workload = WORKLOAD,
): Promise<CostInputs> {
  const recap = await env.recap({
    RECAP_POLL_CONCURRENCY: String(workload.pollConcurrency),
    RECAP_POLL_PER_HOST: String(workload.pollConcurrency),
    RECAP_POLL_BATCH_SIZE: String(options.feeds * 10),
  });
  const audit = await auditWrites(recap.table, env.dynalite.endpoint);
  try {
    let logBytes = 0;
    const log = jsonLogger((line) => void (logBytes += Buffer.byteLength(line) + 26));
    let events = 0;
    const published: BusEvent[] = [];
    const publisher: EventPublisher = {
      async publish(batch) {
        events += batch.length;
        published.push(...batch);
        return recap.deps.publisher.publish(batch);
      },
    };
    const deps = { ...recap.deps, log, publisher, slack: stubSlack };
    const { clock, requests } = recap;

    /** Runs `work` and returns what it cost, divided by `per`. */
    const measure = async (per: number, work: () => Promise<unknown>): Promise<OpCost> => {
      const before = { requests: requests.total(), reads: sumReads(requests), writes: audit.units(), events, logBytes };
      const t0 = nowMs();
      await work();
      const ms = nowMs() - t0;
      return {
        requests: (requests.total() - before.requests) / per,
        readUnits: (sumReads(requests) - before.reads) / per,
        writeUnits: (audit.units() - before.writes) / per,
        events: (events - before.events) / per,
        logBytes: (logBytes - before.logBytes) / per,
        ms: ms / per,
      };
    };

    // Feeds: first polls, then a re-poll each way, then one new item each.
    const DAY = 86_400_000;
    const { routes, feedIds } = await serveAndFollow(env, deps, clock(), {
      count: options.feeds,
      items: options.items,
      name: "cost",
      seed: 7000,
    });
    const pollRound = async (check: { created: number }) =>
      measure(options.feeds, async () => {
        const summary = await pollDueFeeds(deps);
        if (summary.polled.length !== options.feeds) throw new Error(`cost probe: polled ${summary.polled.length} of ${options.feeds}`);
        for (const outcome of summary.polled) {
          if (outcome.status !== "ok" || outcome.created !== check.created) {
            throw new Error(`cost probe: unexpected poll outcome ${JSON.stringify(outcome)}`);
          }
        }
      });
    await pollRound({ created: options.items });
    clock.advance(2 * DAY);
    const unchanged = await pollRound({ created: 0 });
    clock.advance(2 * DAY);
    for (const route of routes) route.honorValidators = true;
    const notModified = await pollRound({ created: 0 });
    clock.advance(2 * DAY);
    const storedBefore = audit.storedBytes();
    routes.forEach((route, i) => {
      const extra = rssDocument({ items: 1, prefix: `cost-new-${i}`, newest: clock(), seed: 7500 + i });
      route.body = withItemsOf(route.body, extra);
      route.etag = `"cost-${i}-v2"`;
    });
    const newPost = await pollRound({ created: 1 });
    const storageBytesPerPost = (audit.storedBytes() - storedBefore) / options.feeds;
    const pollRun = await measure(1, () => pollDueFeeds(deps));

    // Fan-out: a batch re-reads each feed (nothing is due, so it stops there).
    const batch = await measure(options.feeds, () => pollFeedBatch(feedIds, deps));
    // Its events (one feeds.poll.requested per batch) are counted by monthlyCost from the batch count.
    const fanOutPerFeed = batch;

    // Digests: channels due now (00:00 UTC has passed), then a run with none due. An hour on, so the
    // new posts are past the digest's settle time (DIGEST_SETTLE_MS) and each digest carries them.
    clock.advance(DAY / 24);
    for (let i = 0; i < options.channels; i++) {
      await deps.store.subscriptions.save({
        channelId: `CCOST${i}`,
        time: "00:00",
        timeZone: "UTC",
        days: "daily",
        topics: [],
        createdAt: clock().toISOString(),
        status: "active",
      });
    }
    const digestsAll = await measure(options.channels, async () => {
      const deliveries = await dispatchDigests(deps);
      if (deliveries.length !== options.channels || deliveries.some((d) => d.result !== "posted")) {
        throw new Error(`cost probe: digests ${JSON.stringify(deliveries).slice(0, 300)}`);
      }
    });
    const digestRun = await measure(1, async () => {
      if ((await dispatchDigests(deps)).length !== 0) throw new Error("cost probe: a digest was due twice");
    });
    // One channel's digest: the whole run less its list of subscriptions, per channel (the feed
    // titles its digests show are looked up once per run and shared: their cost is in here).
    const digest: OpCost = {
      requests: digestsAll.requests - digestRun.requests / options.channels,
      readUnits: digestsAll.readUnits - digestRun.readUnits / options.channels,
      writeUnits: digestsAll.writeUnits - digestRun.writeUnits / options.channels,
      events: digestsAll.events,
      logBytes: digestsAll.logBytes - digestRun.logBytes / options.channels,
      ms: Math.max(0, digestsAll.ms - digestRun.ms / options.channels),
    };

    // Follow alerts: a new post's event with nobody following, then with one channel following its topic.
    const event = published
      .filter((e) => e.detailType === "post.ingested")
      .map((e) => e.detail as { postId: string; topics: string[] })
      .find((detail) => detail.topics.length > 0);
    if (!event) throw new Error("cost probe: no post.ingested event with topics");
    const detail = event as Parameters<typeof alertFollowers>[0];
    const followEvent = await measure(1, () => alertFollowers(detail, deps));
    await deps.store.follows.save({ channelId: "CFOLLOW", topicId: event.topics[0]!, createdAt: clock().toISOString(), status: "active" });
    const followedEvent = await measure(1, async () => {
      const deliveries = await alertFollowers(detail, deps);
      if (deliveries.length !== 1) throw new Error(`cost probe: follow alerts ${JSON.stringify(deliveries)}`);
    });
    const followAlert: OpCost = {
      requests: followedEvent.requests - followEvent.requests,
      readUnits: Math.max(0, followedEvent.readUnits - followEvent.readUnits),
      writeUnits: followedEvent.writeUnits - followEvent.writeUnits,
      events: 0,
      logBytes: Math.max(0, followedEvent.logBytes - followEvent.logBytes),
      ms: Math.max(0, followedEvent.ms - followEvent.ms),
    };

    // Lambda ms: sections 2 and 4 where they measured it, the probe's timings elsewhere.
    const w = workload;
    const cpu = (ms: number) => ms * w.lambdaCpuFactor;
    const fetchWait = w.fetchWaitMs / w.pollConcurrency;
    const { p50, items } = measured.refresh;
    const perNewItem = Math.max(0, (p50.first - p50.unchanged) / items);
    const lookups = measured.slack.warm.filter((row) => row.label.startsWith("/recap"));
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
    const bundle = measured.slack.cold.find((row) => row.variant.startsWith("esbuild")) ?? measured.slack.cold[0];
    return {
      poll: {
        notModified: { ...notModified, ms: cpu(p50.notModified) + fetchWait },
        unchanged: { ...unchanged, ms: cpu(p50.unchanged) + fetchWait },
        newPost: { ...newPost, ms: cpu(p50.unchanged + perNewItem * w.newPostsPerChangedPoll) + fetchWait },
      },
      pollRun: { ...pollRun, ms: cpu(pollRun.ms) },
      fanOutPerFeed: { ...fanOutPerFeed, ms: cpu(fanOutPerFeed.ms) },
      digestRun: { ...digestRun, ms: cpu(digestRun.ms) },
      digestReadUnitsPerChannel: digestRun.readUnits / options.channels,
      digest: { ...digest, ms: cpu(digest.ms) + w.slackCallMs },
      followEvent: { ...followEvent, ms: cpu(followEvent.ms) },
      followAlert: { ...followAlert, ms: cpu(followAlert.ms) + w.slackCallMs },
      lookup: {
        requests: mean(lookups.map((row) => row.ddbRequests)),
        readUnits: mean(lookups.map((row) => row.readUnits)),
        writeUnits: 0,
        events: 0,
        logBytes: 0,
        ms: cpu(mean(lookups.map((row) => row.p50))),
      },
      storageBytesPerPost,
      initMs: bundle ? cpu(bundle.importP50) : 0,
    };
  } finally {
    audit.close();
  }
}
