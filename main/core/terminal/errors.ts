import { RolecallError } from '../errors';

/** No terminal Rolecall can open was found (or the chosen one is not installed). */
export class TerminalNotFoundError extends RolecallError {
  constructor(message: string) {
    super('terminal-not-found', message, {
      hint: 'Install a terminal (or the one you chose), or pick another in Settings → Terminal. The "Copy env" action works without one.',
    });
  }
}

/** The terminal setting names a terminal Rolecall does not know, or one that does not exist on this platform. */
export class UnknownTerminalError extends RolecallError {
  constructor(setting: string, known: readonly string[]) {
    super('unknown-terminal', `"${setting}" is not a terminal Rolecall can open here.`, {
      hint: `Choose one of: auto, ${known.join(', ')}.`,
    });
  }
}
