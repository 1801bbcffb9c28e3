/** An error meant for the operator: printed as one clear message, without a stack trace. */
export class CliError extends Error {}
