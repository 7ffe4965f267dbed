/**
 * `npm run bench` — feed-ingestion and Slack benchmarks, reported (never asserted): percentiles,
 * ratios and throughput, printed as tables. Everything runs on loopback, in this process (and, for
 * section 4's cold starts, in short-lived child processes); all servers are closed at the end so
 * the process exits by itself.
 *
 *   1. CPU-only pipeline per document: parseFeed → normalizeItems → matchTopics
 *   2. One feed's refresh end to end (dynalite + local bus + loopback feed server)
 *   3. Scheduled poll throughput: pollDueFeeds over many feeds
 *   4. Slack: /recap latency against the 3-second rule (cold start proxy in child processes, warm requests)
 *  4b. Search through the word index at 100,000 posts, against a topic page
 *   5. Conference recaps and topics: extraction, a recap feed's refresh, retag
 *   6. The terminal: a `recap` process's wall time, alone and beside a running server
 *   7. Cost per month at scale (1,000 feeds + 100 channels; 10,000 + 1,000), from this run's counts and timings
 *
 * Set BENCH_QUICK=1 for a fast smoke run with fewer iterations.
 */
import os from "node:os";
import { startEnv, type BenchEnv } from "./env";
import { benchIndexBurst, benchPoll, benchRefresh } from "./ingest";
import { benchHostileInput } from "./hostile";
import { benchPipeline } from "./pipeline";
import { benchCli } from "./cli";
import { benchRecaps } from "./recaps";
import { benchSearch } from "./search";
import { benchSlack } from "./slack";
import { costReport, measureCostInputs, type CostInputs } from "./cost";
import { heading, nowMs } from "./stats";

// The SDK warns about Node versions it will stop supporting; noise in a report.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

const quick = process.env.BENCH_QUICK === "1";

async function main() {
  const started = nowMs();
  const cpus = os.cpus();
  console.log("Recap benchmarks: feed ingestion and Slack");
  console.log(
    `node ${process.version} · ${process.platform}/${process.arch} · ${cpus.length} CPU(s)` +
      (cpus[0] ? ` · ${cpus[0].model.trim()}` : "") +
      ` · ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB` +
      (quick ? " · QUICK mode" : ""),
  );

  console.log(heading("1. CPU pipeline per document: parseFeed → normalizeItems → matchTopics"));
  console.log(
    "Per-item figures are the per-document percentile divided by the item count; topics weighed from every signal (title, summary, categories, lead, feed focus).",
  );
  const pipeline = await benchPipeline({ budgetMsPerCase: quick ? 500 : 3_000 });
  console.log(pipeline.report);
  console.log("\nHostile input (feeds, pages and commands are untrusted): time grows with the size, not its square.");
  console.log(benchHostileInput({ samples: quick ? 3 : 7 }));

  let env: BenchEnv | undefined;
  let costInputs: CostInputs | undefined;
  try {
    env = await startEnv();

    console.log(heading("2. One feed's refresh end to end (fetch → parse → store → record poll)"));
    console.log("dynalite in memory (same process) · local bus · loopback feed server · real fetcher");
    const refresh = await benchRefresh(
      env,
      quick ? { items: 50, warmup: 2, iterations: 5, repeats: 2 } : { items: 50, warmup: 3, iterations: 20, repeats: 3 },
    );
    console.log(refresh.report);

    const feeds = 200;
    const concurrency = 8;
    console.log(heading(`3. Scheduled poll throughput: pollDueFeeds, ${feeds} feeds × 10 items, concurrency ${concurrency}`));
    const poll = await benchPoll(env, { feeds, items: 10, concurrency });
    console.log(poll.report);
    console.log("\nA 10,000-feed burst (250 batches × 8 polls at once, ~2,000 polls/s): index writes on the hottest partition.");
    console.log(benchIndexBurst({ feeds: 10_000, pollsPerSecond: 2_000 }));

    console.log(heading("4. Slack: /recap latency"));
    console.log("Slack shows the user an error when a slash command is not answered within 3 s; lookups are answered in the request.");
    const slack = await benchSlack(
      env,
      quick
        ? { feeds: 10, items: 100, spawns: 2, warmup: 3, iterations: 30, minIterations: 10, budgetMsPerCase: 1_000 }
        : { feeds: 30, items: 100, spawns: 5, warmup: 5, iterations: 200, minIterations: 40, budgetMsPerCase: 4_000 },
    );
    console.log(slack.report);

    const searchPosts = quick ? 10_000 : 100_000;
    console.log(heading(`4b. Search at ${searchPosts.toLocaleString("en-US")} posts: the word index against a topic page`));
    console.log(await benchSearch({ posts: searchPosts, samples: quick ? 20 : 100 }));

    console.log(heading("5. Conference recaps and topics"));
    const recaps = await benchRecaps(env, { budgetMsPerCase: quick ? 300 : 2_000, retagPosts: quick ? 500 : 3_000 });
    console.log(recaps.report);

    // Measured here, while the loopback world is up; printed as section 7.
    costInputs = await measureCostInputs(
      env,
      { refresh, slack },
      quick ? { feeds: 8, items: 10, channels: 4 } : { feeds: 20, items: 10, channels: 10 },
    );
  } finally {
    await env?.close();
  }

  console.log(heading("6. The terminal: a recap command's process"));
  console.log((await benchCli({ runs: quick ? 2 : 5 })).report);

  if (costInputs) {
    console.log(heading("7. Cost per month at scale"));
    console.log(costReport(costInputs, { quick }));
  }

  console.log(`\nTotal bench time ${((nowMs() - started) / 1000).toFixed(1)} s`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
