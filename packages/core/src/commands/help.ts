/** The command list, the same in Slack (`/recap help`) and the terminal (`recap help`). */
/** Every command of the shared grammar: its usage and what it does (Slack's help, the CLI's `help`). */
export const COMMAND_USAGE: readonly (readonly [usage: string, summary: string])[] = [
  ["help", "this list"],
  ["<topic>, topic <topic>", "newest posts of a topic, e.g. gitops"],
  ["search <words>", "posts with every word (or a form of it: deploy, deploying) in the title, summary, or a talk's speakers and event"],
  ["topics", "topics with posts in the last 7 days (counted), then the quiet ones"],
  ["topic add <id> <label> [aliases…]", "a new topic, e.g. topic add accessibility Accessibility a11y"],
  ["topic alias <id> <alias>", "one more name for a topic"],
  ["correct <post-id> not|also|undo <topic>", "the team's word on a post's topic (each post's menu does it in Slack)"],
  ["topic cues <topic>", "what corrections taught about a topic"],
  ["topic forget <topic> <cue-id>", "unlearn one of those cues"],
  ["retag [--since <YYYY-MM-DD>]", "apply the topics again to stored posts"],
  ["feeds [all]", "followed feeds and their health (past 50 feeds, Slack lists those needing a look unless all)"],
  ["add <url> [recap]", 'follow a feed ("recap": it carries conference recaps)'],
  ["remove <url|id>", "stop following a feed"],
  ["resume <url|id>", "bring a paused feed back"],
  ["latest", "what arrived since yesterday"],
  ["subscribe [HH:MM] [zone] [weekdays|daily] [topics…]", "this channel gets the digest (defaults: 09:00 your time, daily, every topic)"],
  ["subscription", "this channel's digest settings and last delivery"],
  ["unsubscribe", "this channel stops getting the digest"],
  ["digest", "preview this channel's next digest"],
  ["follow <topic>", "this channel gets each new post on the topic as it arrives"],
  ["unfollow <topic>", "this channel stops getting the topic's new posts"],
  ["following", "the topics this channel follows"],
  ["share <command>", "post the answer in the channel, not just to you"],
];

export function helpText(): string {
  const rows = COMMAND_USAGE;
  const width = Math.max(...rows.map(([usage]) => usage.length));
  return [
    "Recap commands (/recap <command> in Slack, recap <command> in a terminal):",
    ...rows.map(([usage, what]) => `  ${usage.padEnd(width)}  ${what}`),
  ].join("\n");
}
