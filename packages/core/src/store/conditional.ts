import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";

/**
 * Runs a conditional write: true when it was applied, false when its condition did not hold
 * (someone else got there first), any other error thrown as is.
 */
export async function applied(write: Promise<unknown>): Promise<boolean> {
  try {
    await write;
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/** Runs a conditional write that returns something: undefined when its condition did not hold. */
export async function unlessTaken<T>(write: Promise<T>): Promise<T | undefined> {
  try {
    return await write;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return undefined;
    throw error;
  }
}
