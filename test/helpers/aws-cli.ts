/**
 * The `recap` CLI run in this process against a deployed stage's resources (`--queue-url`,
 * `--table`): such a command must never open this machine's Recap.
 */
import { runCli } from "@recap/local";

export async function recapAgainstAws(...argv: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await runCli(argv, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) }, () => {
    throw new Error("a command against AWS must not open this machine's Recap");
  });
  return { code, stdout, stderr };
}
