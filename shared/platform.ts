// The port between the core and whoever runs it (CLI, GitHub Action, Azure DevOps task). The core
// only logs through it; adapters decide how each line reaches their platform's log.

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  debug(message: string): void;
}

export const silentLogger: Logger = { info() {}, warn() {}, debug() {} };
