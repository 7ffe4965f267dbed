/** The one table and the bus. The table's keys and indexes come from the schema the code uses. */
import { sstDynamoArgs } from "../packages/core/src/store/schema";

export const table = new sst.aws.Dynamo("RecapTable", {
  ...sstDynamoArgs(),
  transform: {
    table: (args) => {
      args.pointInTimeRecovery = { enabled: true };
    },
  },
});

export const bus = new sst.aws.Bus("RecapBus");
