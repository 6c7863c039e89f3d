import { StorageError } from '../errors';
import type { IdentityCenterInstance } from '../model';
import { INSTANCE_ID_PATTERN, validateDisplayName, validateEndpointUrl, validateRegion, validateStartUrl } from './instance-validation';

/** The shape of `instances.json`. */
export interface InstancesFile {
  version: 1;
  instances: IdentityCenterInstance[];
}

/**
 * Parses and checks `instances.json`: every field is validated as if the user had typed it,
 * so a hand-edited or damaged file is refused with the reason instead of half-working.
 */
export function parseInstancesFile(text: string, path: string): InstancesFile {
  const invalid = (why: string, cause?: unknown) =>
    new StorageError('instances-file-invalid', `${path} is damaged: ${why}.`, {
      hint: `Fix or delete ${path}, then add your instances again with \`rolecall instances add\`.`,
      cause,
    });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw invalid('it is not JSON', error);
  }
  if (!isObject(value) || value.version !== 1 || !Array.isArray(value.instances)) throw invalid('it is not a version 1 instances file');
  const seen = new Set<string>();
  const instances = value.instances.map((entry: unknown, index: number): IdentityCenterInstance => {
    if (!isObject(entry)) throw invalid(`entry ${index + 1} is not an object`);
    const { id, name, startUrl, region, endpointUrl } = entry;
    if (typeof id !== 'string' || !INSTANCE_ID_PATTERN.test(id)) throw invalid(`entry ${index + 1} has no valid id`);
    if (seen.has(id)) throw invalid(`the id "${id}" appears twice`);
    seen.add(id);
    if (typeof name !== 'string' || typeof startUrl !== 'string' || typeof region !== 'string') throw invalid(`"${id}" lacks a name, start URL or region`);
    if (endpointUrl !== undefined && typeof endpointUrl !== 'string') throw invalid(`"${id}" has an endpoint override that is not text`);
    try {
      return {
        id,
        name: validateDisplayName(name),
        startUrl: validateStartUrl(startUrl),
        region: validateRegion(region),
        ...(endpointUrl !== undefined ? { endpointUrl: validateEndpointUrl(endpointUrl) } : {}),
      };
    } catch (error) {
      throw invalid(`"${id}": ${error instanceof Error ? error.message : String(error)}`, error);
    }
  });
  return { version: 1, instances };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
