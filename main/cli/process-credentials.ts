import type { RoleCredentials } from '../core/model';

/** The `credential_process` answer: Version 1 JSON with an ISO 8601 Expiration, one line. */
export function processCredentialsJson(credentials: RoleCredentials): string {
  return `${JSON.stringify({
    Version: 1,
    AccessKeyId: credentials.accessKeyId,
    SecretAccessKey: credentials.secretAccessKey,
    SessionToken: credentials.sessionToken,
    Expiration: new Date(credentials.expiration).toISOString(),
  })}\n`;
}
