/* Hand-written to match stacks/; `sst deploy` and `sst dev` regenerate it from the real resources. */
/* eslint-disable */
import "sst";
declare module "sst" {
  export interface Resource {
    RecapBus: {
      arn: string;
      name: string;
      type: "sst.aws.Bus";
    };
    RecapTable: {
      name: string;
      type: "sst.aws.Dynamo";
    };
  }
}
export {};
