import { RolecallError } from '../errors';

/** The device code or authorization request expired before the user approved it. */
export class SignInExpiredError extends RolecallError {
  constructor(instanceId: string) {
    super('sign-in-expired', `The sign-in request for "${instanceId}" expired before it was approved.`, {
      hint: `Start again with \`rolecall login ${instanceId}\` and approve the request in the browser within the time shown.`,
    });
  }
}

/** The user pressed Deny (or the administrator refused the request). */
export class SignInDeniedError extends RolecallError {
  constructor(instanceId: string) {
    super('sign-in-denied', `The sign-in request for "${instanceId}" was denied in the browser.`, {
      hint: `If that was a mistake, run \`rolecall login ${instanceId}\` again and choose Allow.`,
    });
  }
}

/** The user or the app cancelled a sign-in in progress. */
export class SignInCancelledError extends RolecallError {
  constructor(instanceId: string) {
    super('sign-in-cancelled', `Sign-in to "${instanceId}" was cancelled.`);
  }
}

/** The browser never came back to the loopback address within the time limit. */
export class SignInTimeoutError extends RolecallError {
  constructor(instanceId: string, seconds: number) {
    super('sign-in-timeout', `Sign-in to "${instanceId}" did not finish within ${Math.round(seconds / 60)} minutes.`, {
      hint: `Run \`rolecall login ${instanceId}\` again, or use \`--device-code\` if the browser cannot reach 127.0.0.1 on this computer.`,
    });
  }
}

/** Identity Center refused or failed a request for another reason. */
export class IdentityCenterError extends RolecallError {
  /** The service's error name (`InvalidRequestException`…), or the network error code. */
  readonly serviceCode: string;

  constructor(operation: string, serviceCode: string, options: { cause?: unknown; hint?: string } = {}) {
    super('identity-center-error', `Identity Center refused ${operation} (${serviceCode}).`, {
      hint: options.hint ?? 'Check the start URL and region of the instance (`rolecall instances`), your network, then try again.',
      cause: options.cause,
    });
    this.serviceCode = serviceCode;
  }
}

/** Identity Center could not be reached at all. */
export class IdentityCenterUnreachableError extends RolecallError {
  constructor(host: string, detail: string, options: { cause?: unknown } = {}) {
    super('identity-center-unreachable', `Rolecall cannot reach Identity Center at ${host} (${detail}).`, {
      hint: 'Check your network connection, VPN and proxy settings, then try again.',
      cause: options.cause,
    });
  }
}
