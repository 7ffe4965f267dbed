/**
 * Feeds read in a worker thread, for the long-running local server: parsing a large or hostile
 * document is seconds of CPU in one synchronous stretch, and in the server's own thread it would
 * hold up every Slack answer meanwhile. One worker reads one document at a time, within a time
 * budget (a document still being read when it runs out is refused and the worker replaced) and a
 * memory cap (a worker out of memory fails that document, not the server).
 */
import { Worker } from "node:worker_threads";
import { FeedParseError } from "@recap/core/feeds";
import type { ParsedFeed } from "@recap/core/feeds";
import type { FeedParser } from "@recap/core/ports";

export interface ParseJob {
  id: number;
  text: string;
  contentType?: string;
  documentUrl?: string;
}

export type ParseReply = { id: number; parsed: ParsedFeed } | { id: number; error: { message: string; kind?: FeedParseError["kind"] } };

export interface WorkerParser {
  parse: FeedParser;
  /** Stops the worker; documents still waiting are refused. */
  close(): Promise<void>;
}

export interface WorkerParserOptions {
  /** The worker's script: parse-worker's bundle (or, with `eval`, code that loads its source). */
  file: string | URL;
  eval?: boolean;
  /** How long one document may take, from the moment the worker starts on it. */
  budgetMs: number;
  /** The worker's heap, in MB. */
  maxHeapMb?: number;
}

/** How long a new worker may take to load before the documents waiting for it are refused. */
const STARTUP_MS = 30_000;

interface Pending {
  job: ParseJob;
  resolve: (parsed: ParsedFeed) => void;
  reject: (error: Error) => void;
}

export function startWorkerParser(options: WorkerParserOptions): WorkerParser {
  const queue: Pending[] = [];
  let worker: Worker | undefined;
  let ready = false;
  let current: { pending: Pending; timer: NodeJS.Timeout } | undefined;
  let nextId = 1;
  let closed = false;

  function spawn(): Worker {
    const started = new Worker(options.file, {
      eval: options.eval ?? false,
      resourceLimits: { maxOldGenerationSizeMb: options.maxHeapMb ?? 1024 },
    });
    ready = false;
    // A worker that neither starts nor dies would hold every document back.
    const startup = setTimeout(() => died(started, `it did not start within ${STARTUP_MS / 1000} s`), STARTUP_MS);
    startup.unref();
    started.on("message", (message: ParseReply | "ready") => {
      if (message === "ready") {
        clearTimeout(startup);
        ready = true;
      } else if (current && message.id === current.pending.job.id) {
        const { pending } = finish();
        if ("parsed" in message) pending.resolve(message.parsed);
        else
          pending.reject(
            message.error.kind ? new FeedParseError(message.error.kind, message.error.message) : new Error(message.error.message),
          );
      }
      next();
    });
    // A worker that dies (out of memory, a crash) fails the document it held; the next gets a new one.
    started.on("error", (error) => died(started, error.message));
    started.on("exit", (code) => died(started, `the reader stopped (exit code ${code})`));
    return started;
  }

  function died(which: Worker, why: string) {
    if (worker !== which) return; // one already replaced
    void which.terminate();
    if (!ready) {
      // It never started: every document waiting is refused (the next one tries a new worker).
      worker = undefined;
      for (const pending of queue.splice(0)) pending.reject(new Error(`The feed reader could not start: ${why}`));
      return;
    }
    replace(new FeedParseError("malformed", `Could not be read: ${why}`));
  }

  function finish() {
    const done = current as NonNullable<typeof current>;
    clearTimeout(done.timer);
    current = undefined;
    return done;
  }

  /** Ends the worker that holds a document, refusing the document with `reason`; the queue goes on. */
  function replace(reason: Error) {
    const stopped = worker;
    worker = undefined;
    void stopped?.terminate();
    if (current) finish().pending.reject(reason);
    next();
  }

  function next() {
    if (closed || current) return;
    const pending = queue.shift();
    if (!pending) {
      worker?.unref(); // an idle reader keeps nothing alive
      return;
    }
    worker ??= spawn();
    worker.ref();
    if (!ready) {
      queue.unshift(pending); // started once the worker says it is ready
      return;
    }
    const seconds = Math.round(options.budgetMs / 100) / 10;
    const timer = setTimeout(
      () => replace(new FeedParseError("malformed", `Reading it took more than ${seconds} s: too large or too complex to read`)),
      options.budgetMs,
    );
    current = { pending, timer };
    worker.postMessage(pending.job);
  }

  return {
    parse(text, contentType, documentUrl) {
      if (closed) return Promise.reject(new Error("The feed reader is stopped"));
      return new Promise<ParsedFeed>((resolve, reject) => {
        queue.push({
          job: { id: nextId++, text, ...(contentType ? { contentType } : {}), ...(documentUrl ? { documentUrl } : {}) },
          resolve,
          reject,
        });
        next();
      });
    },
    async close() {
      closed = true;
      for (const pending of queue.splice(0)) pending.reject(new Error("The feed reader is stopped"));
      const stopped = worker;
      worker = undefined;
      if (current) finish().pending.reject(new Error("The feed reader is stopped"));
      await stopped?.terminate();
    },
  };
}
