import { GetRoleCredentialsCommand, ListAccountsCommand, SSOClient } from '@aws-sdk/client-sso';
import { CreateTokenCommand, RegisterClientCommand, SSOOIDCClient, StartDeviceAuthorizationCommand } from '@aws-sdk/client-sso-oidc';
import type { RoleCredentials } from '../../main/core/model';
import type { IdentityCenter } from './index';

/**
 * Signs in through the official clients with the device flow (auto-approved) and returns the
 * access token, for tests that start from a signed-in user.
 */
export async function signInWithSdk(ic: IdentityCenter): Promise<{ accessToken: string; refreshToken?: string; clientId: string; clientSecret: string }> {
  const oidc = new SSOOIDCClient({ region: ic.region, endpoint: ic.endpoint, maxAttempts: 1 });
  try {
    const client = await oidc.send(new RegisterClientCommand({ clientName: 'rolecall-test', clientType: 'public', scopes: ['sso:account:access'] }));
    ic.autoApprove('allow');
    const device = await oidc.send(new StartDeviceAuthorizationCommand({ clientId: client.clientId!, clientSecret: client.clientSecret!, startUrl: ic.startUrl }));
    ic.autoApprove(false);
    const token = await oidc.send(new CreateTokenCommand({
      clientId: client.clientId!, clientSecret: client.clientSecret!, grantType: 'urn:ietf:params:oauth:grant-type:device_code', deviceCode: device.deviceCode!,
    }));
    return { accessToken: token.accessToken!, refreshToken: token.refreshToken, clientId: client.clientId!, clientSecret: client.clientSecret! };
  } finally {
    oidc.destroy();
  }
}

/** Role credentials for the first account's `roleName`, through the portal client. */
export async function roleCredentialsWithSdk(ic: IdentityCenter, accessToken: string, roleName = 'AdministratorAccess') {
  const sso = new SSOClient({ region: ic.region, endpoint: ic.endpoint, maxAttempts: 1 });
  try {
    const account = (await sso.send(new ListAccountsCommand({ accessToken }))).accountList![0]!;
    const { roleCredentials } = await sso.send(new GetRoleCredentialsCommand({ accessToken, accountId: account.accountId!, roleName }));
    return { account, roleName, credentials: roleCredentials! };
  } finally {
    sso.destroy();
  }
}

/**
 * A signed-in user's credentials for the first account's `roleName` (sign-in and portal
 * through the official clients), as Rolecall's RoleCredentials.
 */
export async function signedInRoleCredentials(ic: IdentityCenter, roleName = 'AdministratorAccess') {
  const { account, credentials } = await roleCredentialsWithSdk(ic, (await signInWithSdk(ic)).accessToken, roleName);
  const keys: RoleCredentials = {
    accessKeyId: credentials.accessKeyId!,
    secretAccessKey: credentials.secretAccessKey!,
    sessionToken: credentials.sessionToken!,
    expiration: credentials.expiration!,
  };
  return { account, roleName, credentials: keys };
}
