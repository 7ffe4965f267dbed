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
    RecapHttp: {
      name: string;
      type: "sst.aws.Function";
      url: string;
    };
    RecapTable: {
      name: string;
      type: "sst.aws.Dynamo";
    };
    RecapSlackAdmins: {
      type: "sst.sst.Secret";
      value: string;
    };
    RecapSlackTeamIds: {
      type: "sst.sst.Secret";
      value: string;
    };
    SlackBotToken: {
      type: "sst.sst.Secret";
      value: string;
    };
    SlackSigningSecret: {
      type: "sst.sst.Secret";
      value: string;
    };
  }
}
export {};
