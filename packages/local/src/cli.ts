/**
 * `recap` — the command line. Works with or without `npm start` running (it borrows the running
 * server's database, or opens the data directory itself). Every command takes --json.
 */
import { runCli } from "./commands";

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
