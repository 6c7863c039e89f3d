import { RolecallError } from '../errors';

/** The region name belongs to no AWS partition Rolecall knows. */
export class UnknownRegionError extends RolecallError {
  readonly region: string;

  constructor(region: string) {
    super('unknown-region', `"${region}" is not an AWS region Rolecall knows.`, {
      hint: 'Use a region name such as us-east-1, eu-west-2, us-gov-west-1 or cn-north-1.',
    });
    this.region = region;
  }
}

/** The region is real, but its partition has no public console sign-in (the isolated partitions). */
export class ConsoleUnavailableError extends RolecallError {
  constructor(region: string, partition: string) {
    super('console-unavailable', `Console sign-in is not available for region ${region} (partition ${partition}).`, {
      hint: 'Open the console from inside that partition’s own network, or choose a region in aws, aws-us-gov, aws-cn or aws-eusc.',
    });
  }
}

/** A console destination that is not a console page of the role's partition. */
export class InvalidDestinationError extends RolecallError {
  constructor(reason: string) {
    super('invalid-destination', `That console destination cannot be used: ${reason}.`, {
      hint: 'Give a service path such as ec2/home or s3/buckets, or a full https:// console URL of the role’s partition.',
    });
  }
}

/** A console session duration AWS would refuse for these credentials. */
export class InvalidSessionDurationError extends RolecallError {
  constructor(message: string) {
    super('invalid-session-duration', message, {
      hint: 'Give a whole number of seconds from 900 (15 minutes) to 43200 (12 hours), or leave it out to match the credentials.',
    });
  }
}

/** The role credentials have expired (or are about to): no sign-in token can be had with them. */
export class CredentialsExpiredError extends RolecallError {
  constructor() {
    super('credentials-expired', 'These role credentials have expired, so the console cannot be opened with them.', {
      hint: 'Fetch fresh credentials for the role (Rolecall does this when your Identity Center session is active), then try again.',
    });
  }
}

export type FederationFailure = 'refused' | 'unreachable' | 'bad-response';

/**
 * The AWS federation endpoint refused the credentials, could not be reached, or answered
 * something that is not a sign-in token. Never carries the request or the answer: both hold secrets.
 */
export class FederationError extends RolecallError {
  readonly failure: FederationFailure;
  readonly status: number | undefined;

  constructor(failure: FederationFailure, host: string, options: { status?: number; cause?: unknown } = {}) {
    const status = options.status === undefined ? '' : ` (HTTP ${options.status})`;
    const text: Record<FederationFailure, { message: string; hint: string }> = {
      refused: {
        message: `AWS sign-in at ${host} refused these role credentials${status}.`,
        hint: 'The credentials may have expired or been revoked, or the requested session duration is not allowed for them: fetch fresh credentials and try again.',
      },
      unreachable: {
        message: `Could not reach AWS sign-in at ${host}${status}.`,
        hint: 'Check your network connection (and proxy), then try again.',
      },
      'bad-response': {
        message: `AWS sign-in at ${host} answered without a sign-in token${status}.`,
        hint: 'Try again in a moment; if it persists, the sign-in service may have changed.',
      },
    };
    super(`federation-${failure}`, text[failure].message, { hint: text[failure].hint, cause: options.cause });
    this.failure = failure;
    this.status = options.status;
  }
}

/** Signing out of the console before signing in is not offered for this partition. */
export class SignOutFirstUnavailableError extends RolecallError {
  constructor(partition: string) {
    super('sign-out-first-unavailable', `Signing out of the console first is not available in partition ${partition}.`, {
      hint: 'Open the console without signing out first, and sign out of the other session in the browser if it asks.',
    });
  }
}

/** The instance's endpoint override is not a loopback address, so Rolecall will not send keys to it. */
export class EndpointOverrideError extends RolecallError {
  constructor() {
    super('endpoint-not-loopback', 'The instance’s endpoint override is not a loopback address (127.0.0.1, localhost or [::1]).', {
      hint: 'Endpoint overrides are for the local sandbox only: remove the instance and add it again with the sandbox’s endpoint.',
    });
  }
}
