/**
 * Firefox containers through the Granted Containers extension: a URL of its
 * `ext+granted-containers:` scheme opens `url` in the container `name`, creating it with
 * `color` and `icon` the first time. The extension reads the part after the scheme with
 * URLSearchParams, so each value is percent-encoded once. Names and colours are stable, so the
 * same role always lands in the same container and an account keeps its colour.
 */

/** The colours and icons the extension accepts (any other value is ignored by it). */
export const CONTAINER_COLORS = ['blue', 'turquoise', 'green', 'yellow', 'orange', 'red', 'pink', 'purple'] as const;
export const CONTAINER_ICONS = ['fingerprint', 'briefcase', 'dollar', 'cart', 'circle', 'gift', 'vacation', 'food', 'fruit', 'pet', 'tree', 'chill'] as const;

export type ContainerColor = (typeof CONTAINER_COLORS)[number];
export type ContainerIcon = (typeof CONTAINER_ICONS)[number];

/** What a console tab is opened as: enough to name and colour its container. */
export interface ConsoleRoleLabel {
  accountId: string;
  /** Empty when unknown; the account id is shown instead. */
  accountName: string;
  roleName: string;
}

export interface FirefoxContainer {
  name: string;
  color: ContainerColor;
  icon: ContainerIcon;
}

/** 32-bit FNV-1a over UTF-8: small, fast, and the same on every machine and version. */
export function stableHash(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** The container for a role: named `account/role`, coloured by account, with an icon chosen by role. */
export function containerForRole(role: ConsoleRoleLabel): FirefoxContainer {
  // eslint-disable-next-line no-control-regex
  const clean = (s: string) => s.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  const account = clean(role.accountName) || role.accountId;
  return {
    name: `${account}/${clean(role.roleName)}`,
    color: CONTAINER_COLORS[stableHash(role.accountId) % CONTAINER_COLORS.length] ?? 'blue',
    icon: CONTAINER_ICONS[stableHash(role.roleName) % CONTAINER_ICONS.length] ?? 'fingerprint',
  };
}

/** The `ext+granted-containers:` URL that opens `url` in `container`. */
export function grantedContainerUrl(url: string, container: FirefoxContainer): string {
  return (
    `ext+granted-containers:name=${encodeURIComponent(container.name)}` +
    `&url=${encodeURIComponent(url)}` +
    `&color=${container.color}&icon=${container.icon}`
  );
}
