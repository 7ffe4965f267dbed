#!/usr/bin/env node
// The `recap` command: runs the TypeScript CLI through tsx, so there is no build step.
import { register } from "tsx/esm/api";

register();
await import("../src/cli.ts");
