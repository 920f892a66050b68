// Errors that say whose fault they are. A ConfigurationError is the user's to fix and is printed as
// one line without a stack; anything else that escapes is a bug in aks-gate.

export class ConfigurationError extends Error {
  override readonly name = 'ConfigurationError';
}

/** An input could not be read or understood; the run goes on without it. */
export class InputError extends Error {
  override readonly name = 'InputError';
  constructor(
    message: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message);
  }
}
