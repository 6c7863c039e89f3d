import { RolecallError } from '../errors';

/** The portal no longer gives the user this role in this account (ForbiddenException "No access"). */
export class RoleNotAssignedError extends RolecallError {
  readonly instanceId: string;
  readonly accountId: string;
  readonly roleName: string;

  constructor(instanceId: string, accountId: string, roleName: string, options: { cause?: unknown } = {}) {
    super('role-not-assigned', `The role "${roleName}" in account ${accountId} is no longer assigned to you in Identity Center instance "${instanceId}".`, {
      hint: `Sync the account list (\`rolecall sync ${instanceId}\`) and choose a role you still hold, or ask your administrator to assign it again.`,
      ...options,
    });
    this.instanceId = instanceId;
    this.accountId = accountId;
    this.roleName = roleName;
  }
}
