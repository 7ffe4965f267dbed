/**
 * The stage settings kept as SST secrets (stacks/data.ts): who may manage Recap from Slack, and
 * which workspaces it serves. Shared by the infrastructure and the functions that read them.
 */
export const STAGE_SETTINGS = { RECAP_SLACK_ADMINS: "RecapSlackAdmins", RECAP_SLACK_TEAM_IDS: "RecapSlackTeamIds" } as const;

/** The placeholder of a stage setting nobody set. */
export const UNSET = "-";
