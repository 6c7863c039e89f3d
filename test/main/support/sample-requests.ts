import type { RequestArgs, RequestChannel } from '../../../main/ipc/contract';

const role = { instanceId: 'acme', accountId: '123456789012', roleName: 'AdministratorAccess' };

/**
 * One valid argument list per request channel. Typed by the contract: adding a channel
 * without a sample here fails type-checking, so every channel stays covered.
 */
export const VALID_ARGS: { [C in RequestChannel]: RequestArgs<C> } = {
  'state:get': [],
  'instances:add': [{ startUrl: 'https://d-90670c0e1a.awsapps.com/start', region: 'us-east-1', name: 'Acme' }],
  'instances:rename': ['acme', 'Acme Corp'],
  'instances:remove': ['acme'],
  'session:sign-in': ['acme'],
  'session:cancel-sign-in': ['acme'],
  'session:sign-out': ['acme'],
  'catalog:sync': ['acme'],
  'role:open-console': [role, { region: 'eu-west-1', destination: 'ec2/home' }],
  'role:open-terminal': [role],
  'role:copy-env': [role, 'fish'],
  'role:copy-profile-name': [role],
  'role:set-favourite': [role, true],
  'profile:write': [role],
  'profile:remove': [role],
  'settings:update': [{ refreshLeadMinutes: 20, browser: { kind: 'firefox-container' } }],
  'link:open': ['https://console.aws.amazon.com/'],
};

/**
 * Values that are wrong in place of `sample`, derived from its type alone (never from the
 * validator under test): other types, empty and oversized strings, objects with a key too
 * many or an inherited name, arrays, null.
 */
export function wrongValuesFor(sample: unknown): { label: string; value: unknown }[] {
  const common = [
    { label: 'undefined', value: undefined },
    { label: 'null', value: null },
    { label: 'an array', value: [sample] },
  ];
  if (typeof sample === 'string') {
    return [
      ...common,
      { label: 'a number', value: 42 },
      { label: 'an empty string', value: '' },
      { label: 'a 10,000-character string', value: 'a'.repeat(10_000) },
      { label: 'an object', value: { toString: () => sample } },
    ];
  }
  if (typeof sample === 'boolean') {
    return [...common, { label: 'a string', value: String(sample) }, { label: 'a number', value: 1 }];
  }
  if (typeof sample === 'object' && sample !== null) {
    return [
      ...common,
      { label: 'a string', value: 'object' },
      { label: 'an object with an unknown key', value: { ...sample, unexpected: 'x' } },
      { label: 'an object with an inherited name as key', value: { ...sample, toString: 'x' } },
      { label: 'an object with a __proto__ key', value: { ...sample, ...JSON.parse('{"__proto__": {"polluted": true}}') } },
      { label: 'an object with a wrongly typed field', value: Object.fromEntries(Object.entries(sample).map(([k]) => [k, 12])) },
    ];
  }
  throw new Error(`no wrong values for ${typeof sample}`);
}
