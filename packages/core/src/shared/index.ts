/** shared — small utilities every capability uses: stable hashing, bounded concurrency, logging, counted nouns. */
export { stableId, stableFraction } from "./hash";
export { mapWithConcurrency } from "./concurrency";
export { consoleLogger, jsonLogger, quietLogger, silentLogger, withCorrelation, type Logger } from "./log";
export { editDistance, plural } from "./words";
export { truncate } from "./truncate";
export { messageOf } from "./errors";
