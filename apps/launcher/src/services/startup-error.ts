/** A start that cannot go on for a reason the operator can fix: the launcher prints the message alone, no stack. */
export class StartupError extends Error {}
