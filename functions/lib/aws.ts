/**
 * The production adapters: the linked DynamoDB table and EventBridge bus (names from SST's
 * `Resource`), settings from the environment. Built once per Lambda container, outside handlers.
 */
import { Resource } from "sst";
import { loadConfig } from "@recap/core/config";
import { eventBridgePublisher } from "@recap/core/events";
import { createDeps, type RecapDeps } from "@recap/core/runtime";
import { consoleLogger } from "@recap/core/shared";
import { connectTable } from "@recap/core/store";

export function awsDeps(): RecapDeps {
  return createDeps({
    table: connectTable(Resource.RecapTable.name),
    publisher: eventBridgePublisher({ busName: Resource.RecapBus.name, log: (message) => consoleLogger.warn(message) }),
    config: loadConfig(process.env, "lambda"),
  });
}
