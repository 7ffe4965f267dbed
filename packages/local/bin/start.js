#!/usr/bin/env node
// `npm start`: Recap on this machine, as built JavaScript (see launch.js).
import { launch } from "./launch.js";

await launch("start");
