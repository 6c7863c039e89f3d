import type { AddInstanceInput } from '../../main/ipc/contract';

export type InstanceField = 'startUrl' | 'region' | 'name' | 'endpointUrl';

/** What the add-instance form holds, as typed. */
export interface InstanceDraft {
  startUrl: string;
  region: string;
  name: string;
  endpointUrl: string;
}

export type InstanceInputResult = { ok: true; input: AddInstanceInput } | { ok: false; errors: Partial<Record<InstanceField, string>> };

const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Checks the add-instance form before anything is sent, with a message per field that says
 * what to type. Main validates again; this is for immediate, inline feedback.
 */
export function validateInstanceDraft(draft: InstanceDraft): InstanceInputResult {
  const errors: Partial<Record<InstanceField, string>> = {};
  const startUrl = draft.startUrl.trim();
  const region = draft.region.trim().toLowerCase();
  const name = draft.name.trim();
  const endpointUrl = draft.endpointUrl.trim();

  if (startUrl === '') errors.startUrl = 'Enter the start URL your administrator gave you, like https://d-1234567890.awsapps.com/start.';
  else if (!isWebUrl(startUrl)) errors.startUrl = 'The start URL must be an https:// address, like https://d-1234567890.awsapps.com/start.';

  if (region === '') errors.region = 'Enter the region your Identity Center lives in, like us-east-1.';
  else if (!REGION.test(region)) errors.region = `"${draft.region.trim()}" is not an AWS region. Regions look like us-east-1 or eu-west-2.`;

  if (name.length > 100) errors.name = 'Keep the name under 100 characters.';

  if (endpointUrl !== '' && !isWebUrl(endpointUrl)) errors.endpointUrl = 'The endpoint must be an http:// or https:// address.';

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const input: AddInstanceInput = { startUrl, region };
  if (name !== '') input.name = name;
  if (endpointUrl !== '') input.endpointUrl = endpointUrl;
  return { ok: true, input };
}

// https anywhere; plain http only on this machine (a local sandbox).
function isWebUrl(text: string): boolean {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return false;
  }
  if (url.protocol === 'https:') return url.hostname.length > 0;
  return url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);
}
