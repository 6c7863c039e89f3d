import { authorize, authorizeDecision } from './authorize-page';
import { deviceDecision, devicePage } from './device-page';
import { consolePage, federation, federationParams } from './federation';
import { stsQuery } from './sts-api';
import { createToken, registerClient, startDeviceAuthorization } from './oidc-api';
import { getRoleCredentials, listAccountRoles, listAccounts, logout } from './portal-api';
import type { RequestContext } from './request-context';
import type { OperationName, PageName, Reply } from './wire';

/** Which service's error shapes a route speaks (for throttling and injected faults). */
export type Family = 'oidc' | 'portal' | 'sts' | 'federation' | 'page';

export interface Route {
  operation: OperationName | PageName;
  family: Family;
  handler: (ctx: RequestContext) => Reply | Promise<Reply>;
}

const TABLE: Record<string, Route> = {
  'POST /client/register': { operation: 'RegisterClient', family: 'oidc', handler: registerClient },
  'POST /device_authorization': { operation: 'StartDeviceAuthorization', family: 'oidc', handler: startDeviceAuthorization },
  'POST /token': { operation: 'CreateToken', family: 'oidc', handler: createToken },
  'GET /assignment/accounts': { operation: 'ListAccounts', family: 'portal', handler: listAccounts },
  'GET /assignment/roles': { operation: 'ListAccountRoles', family: 'portal', handler: listAccountRoles },
  'GET /federation/credentials': { operation: 'GetRoleCredentials', family: 'portal', handler: getRoleCredentials },
  'POST /logout': { operation: 'Logout', family: 'portal', handler: logout },
  'GET /authorize': { operation: 'Authorize', family: 'page', handler: authorize },
  'POST /authorize': { operation: 'AuthorizeDecision', family: 'page', handler: authorizeDecision },
  'POST /': { operation: 'GetCallerIdentity', family: 'sts', handler: stsQuery },
  'GET /device': { operation: 'DevicePage', family: 'page', handler: devicePage },
  'POST /device': { operation: 'DeviceDecision', family: 'page', handler: deviceDecision },
};

const GET_SIGNIN_TOKEN: Route = { operation: 'GetSigninToken', family: 'federation', handler: federation };
const FEDERATION_LOGIN: Route = { operation: 'FederationLogin', family: 'federation', handler: federation };
const CONSOLE: Route = { operation: 'ConsolePage', family: 'page', handler: consolePage };

/** The route for a request, or undefined for a 404. */
export function route(ctx: RequestContext): Route | undefined {
  if ((ctx.method === 'GET' || ctx.method === 'POST') && ctx.path === '/federation') {
    return federationParams(ctx).get('Action') === 'login' ? FEDERATION_LOGIN : GET_SIGNIN_TOKEN;
  }
  if (ctx.method === 'GET' && ctx.path.startsWith('/console/')) return CONSOLE;
  return TABLE[`${ctx.method} ${ctx.path}`];
}
