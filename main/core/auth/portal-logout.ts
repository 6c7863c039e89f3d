import { LogoutCommand, SSOClient } from '@aws-sdk/client-sso';
import type { IdentityCenterInstance } from '../model';

/**
 * Ends the portal session behind `accessToken` (the portal's Logout). Loaded only when the
 * user signs out, so the AWS SDK stays off the CLI's hot path.
 */
export async function logoutPortalSession(instance: IdentityCenterInstance, accessToken: string): Promise<void> {
  const client = new SSOClient({
    region: instance.region,
    ...(instance.endpointUrl ? { endpoint: instance.endpointUrl } : {}),
    requestHandler: { connectionTimeout: 3_000, requestTimeout: 5_000 },
    maxAttempts: 1,
  });
  try {
    await client.send(new LogoutCommand({ accessToken }));
  } finally {
    client.destroy();
  }
}
