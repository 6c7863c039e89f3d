import type { IdentityCenterInstance } from '../core/model';
import type { RolecallCore } from '../core/rolecall-core';
import { UsageError } from './args';
import { RolecallError } from '../core/errors';

/** No instance was added yet. */
export class NoInstancesError extends RolecallError {
  constructor() {
    super('instance-none', 'No Identity Center instance has been added yet.', {
      hint: 'Run `rolecall login --start-url https://d-xxxxxxxxxx.awsapps.com/start --region us-east-1`.',
    });
  }
}

/**
 * The instance a command is about: the one named, else the only one there is. With several
 * and none named, a usage error lists them.
 */
export async function chooseInstance(core: RolecallCore, named: string | undefined, command: string): Promise<IdentityCenterInstance> {
  if (named !== undefined) return core.instances.get(named);
  const all = await core.instances.list();
  if (all.length === 0) throw new NoInstancesError();
  if (all.length === 1) return all[0] as IdentityCenterInstance;
  throw new UsageError(`Several instances are added (${all.map((i) => i.id).join(', ')}): name the one you mean.`, command);
}
