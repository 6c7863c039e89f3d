import { isRolecallError } from '../core/errors';
import type { IpcError } from './contract';

/** The code of the error a request gets when something unexpected failed in main. */
export const INTERNAL_ERROR_CODE = 'internal';

/**
 * The shape an error crosses IPC in. A RolecallError keeps its code, message and hint (its
 * message is written for users and never holds a secret); anything else becomes a generic
 * error, because its message may quote anything, a token included.
 */
export function toIpcError(error: unknown): IpcError {
  if (isRolecallError(error)) {
    return error.hint === undefined
      ? { code: error.code, message: error.message }
      : { code: error.code, message: error.message, hint: error.hint };
  }
  return {
    code: INTERNAL_ERROR_CODE,
    message: 'Rolecall hit an unexpected problem and did not finish this action.',
    hint: 'Try again; if it keeps happening, the app log has the details.',
  };
}
