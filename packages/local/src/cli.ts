/**
 * `recap` — the command line. Works with or without `npm start` running (it borrows the running
 * server's database, or opens the data directory itself). Every command takes --json.
 */
import { runCli } from "./commands";

// `recap posts | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

// No top-level await: the bundle is CommonJS, so that V8 can cache its compiled code (bin/launch.js).
void runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
}).then((code) => {
  process.exitCode = code;
});
