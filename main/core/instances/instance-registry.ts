import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InvalidInputError, RolecallError, StorageError, systemErrorCode } from '../errors';
import { writeFileAtomic } from '../fs/atomic-write';
import { withFileLock } from '../fs/file-lock';
import type { IdentityCenterInstance } from '../model';
import { credentialsNamespace } from '../credentials/credential-cache';
import { clearNamespace } from '../secrets/secret-records';
import type { SecretStore } from '../secrets/secret-store';
import { parseInstancesFile, type InstancesFile } from './instances-file';
import {
  INSTANCE_ID_PATTERN,
  instanceIdCandidate,
  validateDisplayName,
  validateEndpointUrl,
  validateRegion,
  validateStartUrl,
} from './instance-validation';

export interface NewInstance {
  startUrl: string;
  region: string;
  /** Display name; also the source of the id when given. Default: the start URL's subdomain. */
  name?: string;
  /** Loopback origin of the local sandbox. */
  endpointUrl?: string;
}

/** No instance has this id. */
export class InstanceNotFoundError extends RolecallError {
  constructor(instanceId: string) {
    super('instance-not-found', `There is no Identity Center instance "${instanceId}".`, { hint: 'Run `rolecall instances` to list the ones you added.' });
  }
}

/**
 * The Identity Center instances the user added, kept as plain JSON (`instances.json`) in the
 * app data folder: nothing in it is secret. Changes are made under a file lock and written
 * atomically, so two processes adding at once both land.
 */
export class InstanceRegistry {
  readonly file: string;
  private readonly lockFile: string;

  constructor(
    private readonly options: {
      appDataDir: string;
      secrets: SecretStore;
      /** Called after an instance is removed (drop caches, stop timers). */
      onRemoved?: (instanceId: string) => Promise<void> | void;
    },
  ) {
    this.file = join(options.appDataDir, 'instances.json');
    this.lockFile = join(options.appDataDir, 'locks', 'instances.lock');
  }

  async list(): Promise<IdentityCenterInstance[]> {
    return (await this.read()).instances;
  }

  async get(instanceId: string): Promise<IdentityCenterInstance> {
    const found = (await this.list()).find((instance) => instance.id === instanceId);
    if (!found) throw new InstanceNotFoundError(instanceId);
    return found;
  }

  /** Validates and adds an instance; the id is a unique slug of the name or the start URL. */
  async add(input: NewInstance): Promise<IdentityCenterInstance> {
    const startUrl = validateStartUrl(input.startUrl);
    const region = validateRegion(input.region);
    const endpointUrl = input.endpointUrl === undefined || input.endpointUrl === '' ? undefined : validateEndpointUrl(input.endpointUrl);
    const name = input.name === undefined || input.name.trim() === '' ? undefined : validateDisplayName(input.name);
    return this.change((file) => {
      const same = file.instances.find((instance) => instance.startUrl === startUrl && instance.endpointUrl === endpointUrl);
      if (same) {
        throw new InvalidInputError(`${startUrl} is already added as "${same.id}".`, { hint: `Rename it with \`rolecall instances rename ${same.id} NAME\` if you want another name.` });
      }
      const base = instanceIdCandidate(startUrl, name);
      const taken = new Set(file.instances.map((instance) => instance.id));
      let id = base;
      for (let n = 2; taken.has(id); n += 1) id = `${base.slice(0, 36)}-${n}`;
      const instance: IdentityCenterInstance = { id, name: name ?? id, startUrl, region, ...(endpointUrl ? { endpointUrl } : {}) };
      return { file: { ...file, instances: [...file.instances, instance] }, result: instance };
    });
  }

  async rename(instanceId: string, name: string): Promise<IdentityCenterInstance> {
    const newName = validateDisplayName(name);
    return this.change((file) => {
      const index = file.instances.findIndex((instance) => instance.id === instanceId);
      const current = file.instances[index];
      if (!current) throw new InstanceNotFoundError(instanceId);
      const renamed = { ...current, name: newName };
      const instances = [...file.instances];
      instances[index] = renamed;
      return { file: { ...file, instances }, result: renamed };
    });
  }

  /**
   * Removes an instance and every keychain item it owns (tokens, registrations, role
   * credentials). The keychain goes first: if it cannot be cleared, the instance stays and
   * the error says why, so no secret is left behind without an owner.
   */
  async remove(instanceId: string): Promise<void> {
    if (!INSTANCE_ID_PATTERN.test(instanceId)) throw new InstanceNotFoundError(instanceId);
    await this.get(instanceId);
    await clearNamespace(this.options.secrets, instanceId);
    await clearNamespace(this.options.secrets, credentialsNamespace(instanceId));
    await this.change((file) => {
      const instances = file.instances.filter((instance) => instance.id !== instanceId);
      if (instances.length === file.instances.length) throw new InstanceNotFoundError(instanceId);
      return { file: { ...file, instances }, result: undefined };
    });
    await this.options.onRemoved?.(instanceId);
  }

  private async read(): Promise<InstancesFile> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if (systemErrorCode(error) === 'ENOENT') return { version: 1, instances: [] };
      throw new StorageError('file-read-failed', `Rolecall could not read ${this.file} (${systemErrorCode(error) ?? 'unknown error'}).`, { cause: error });
    }
    return parseInstancesFile(text, this.file);
  }

  private async change<T>(edit: (file: InstancesFile) => { file: InstancesFile; result: T }): Promise<T> {
    return withFileLock(this.lockFile, async () => {
      const { file, result } = edit(await this.read());
      await writeFileAtomic(this.file, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
      return result;
    });
  }
}
