/**
 * Every error Rolecall shows a user is a RolecallError: a stable `code` that callers match on
 * (never the message text), and a message that says what happened and what to do next.
 * Messages never carry a secret.
 */
export class RolecallError extends Error {
  readonly code: string;
  /** What the user can do about it, shown on its own line by the CLI and the window. */
  readonly hint: string | undefined;

  constructor(code: string, message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.hint = options.hint;
  }

  /** The plain shape that crosses IPC and `--json` output. */
  toJSON(): { code: string; message: string; hint?: string } {
    return this.hint === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, hint: this.hint };
  }
}

/** Input the user gave (a flag, a setting, a URL) is not usable. */
export class InvalidInputError extends RolecallError {
  constructor(message: string, options: { hint?: string; cause?: unknown } = {}) {
    super('invalid-input', message, options);
  }
}

/** A file or lock could not be read, written or taken. */
export class StorageError extends RolecallError {
  constructor(code: string, message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(code, message, options);
  }
}

/** True when `error` is a RolecallError with one of `codes` (or any code when none is given). */
export function isRolecallError(error: unknown, ...codes: string[]): error is RolecallError {
  return error instanceof RolecallError && (codes.length === 0 || codes.includes(error.code));
}

/** The `code` of a Node system error (`ENOENT`, `EACCES`, …), if it has one. */
export function systemErrorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = (error as { code: unknown }).code;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}
