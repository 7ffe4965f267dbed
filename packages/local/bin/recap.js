#!/usr/bin/env node
// The `recap` command: the CLI as built JavaScript (see launch.js).
import { launch } from "./launch.js";

await launch("cli");
