import { RolecallError } from '../errors';

/** A URL the product will not open in a browser (not https, not an AWS host, or disguised). */
export class UrlNotAllowedError extends RolecallError {
  constructor(reason: string) {
    super('url-not-allowed', `Rolecall will not open that link: ${reason}.`, {
      hint: 'Rolecall opens only https pages of AWS sign-in, the AWS console and IAM Identity Center (and the local sandbox it was told about).',
    });
  }
}

/** No browser of the requested kind is installed (or none at all could be found). */
export class BrowserNotFoundError extends RolecallError {
  constructor(what: string) {
    super('browser-not-found', `No ${what} was found on this computer.`, {
      hint: 'Install it, choose its path in Settings → Browser, or choose "Print the link" and open it yourself.',
    });
  }
}

/** A program (browser or terminal) could not be started. */
export class LaunchError extends RolecallError {
  readonly program: string;

  constructor(program: string, options: { cause?: unknown; systemCode?: string } = {}) {
    const missing = options.systemCode === 'ENOENT';
    super(missing ? 'program-not-found' : 'launch-failed', missing ? `Could not find the program ${program}.` : `Could not start ${program}.`, {
      hint: missing ? 'Check that it is installed and on your PATH, or choose another one in Settings.' : 'Check that it is installed and can be run, or choose another one in Settings.',
      cause: options.cause,
    });
    this.program = program;
  }
}
