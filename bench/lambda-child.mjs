/**
 * The child process of benchmark 4(a): a fresh Node process that imports a Lambda handler module
 * the way the runtime does (its module-level wiring runs on import), then answers the Function URL
 * events it was given, timing each step. Plain JavaScript, so the same file runs under
 * `node --import tsx` (the TypeScript sources) and plain `node` (an esbuild bundle).
 *
 *   argv[2]                  the handler module's file URL
 *   BENCH_LAMBDA_EVENTS      JSON array of { label, event } (Function URL events, already signed)
 *
 * Prints one line `BENCH_RESULT {json}` and exits by itself (the parent treats a hang as a failure).
 * Host names do not resolve here: the endpoints it is given are loopback IP addresses, and anything
 * else (Slack's API, AWS's real endpoints) fails at once instead of leaving the machine.
 */
import dns from "node:dns";

// performance.now() counts from process start: this is Node's boot plus any --import loaders.
const bootMs = performance.now();

const refuse = (hostname) => Object.assign(new Error(`bench: no lookups outside loopback (${hostname})`), { code: "ENOTFOUND" });
dns.lookup = (hostname, options, callback) => {
  const done = typeof options === "function" ? options : callback;
  if (hostname === "localhost") return done(null, "127.0.0.1", 4);
  process.nextTick(() => done(refuse(hostname)));
};
dns.promises.lookup = async (hostname) => {
  if (hostname === "localhost") return { address: "127.0.0.1", family: 4 };
  throw refuse(hostname);
};

const t0 = performance.now();
const { handler } = await import(process.argv[2]);
const importMs = performance.now() - t0;

const context = { functionName: "recap-bench", awsRequestId: "bench-1" };
const answers = [];
for (const { label, event } of JSON.parse(process.env.BENCH_LAMBDA_EVENTS ?? "[]")) {
  const started = performance.now();
  const response = await handler(event, context);
  answers.push({
    label,
    ms: performance.now() - started,
    status: response.statusCode,
    body: String(response.body ?? "").slice(0, 2000),
    headers: response.headers,
    isBase64Encoded: response.isBase64Encoded,
  });
}

console.log(`BENCH_RESULT ${JSON.stringify({ bootMs, importMs, answers })}`);
