/** What went wrong, in one line for a log or a reply: an Error's message, or whatever was thrown. */
export const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));
