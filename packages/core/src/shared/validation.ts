/**
 * zod, as Recap validates what comes in at its edges (settings, events, feeds, the taxonomy): the
 * tree-shakeable `zod/mini` with English messages only. The classic API carries every locale and
 * method on every schema — 400 KB of every bundle. Import it as a namespace
 * (`import * as z from "…/shared/validation"`) so a bundler keeps only what is used.
 */
import { config } from "zod/mini";
import en from "zod/v4/locales/en.js";

config(en());

export * from "zod/mini";
