import { join } from 'node:path';

/** Where the session bus listens, from DBUS_SESSION_BUS_ADDRESS or the systemd default. */
export type BusAddress = { kind: 'path'; path: string } | { kind: 'tcp'; host: string; port: number };

/** The first address in `DBUS_SESSION_BUS_ADDRESS` this client can use, or undefined. */
export function sessionBusAddress(env: NodeJS.ProcessEnv): BusAddress | undefined {
  const raw = env.DBUS_SESSION_BUS_ADDRESS;
  if (raw === undefined || raw === '') {
    const runtime = env.XDG_RUNTIME_DIR && env.XDG_RUNTIME_DIR !== '' ? env.XDG_RUNTIME_DIR : `/run/user/${process.getuid?.() ?? 0}`;
    return { kind: 'path', path: join(runtime, 'bus') };
  }
  for (const entry of raw.split(';')) {
    const colon = entry.indexOf(':');
    if (colon < 0) continue;
    const transport = entry.slice(0, colon);
    const params = new Map<string, string>();
    for (const pair of entry.slice(colon + 1).split(',')) {
      const eq = pair.indexOf('=');
      if (eq > 0) params.set(pair.slice(0, eq), unescapeValue(pair.slice(eq + 1)));
    }
    if (transport === 'unix') {
      const path = params.get('path');
      if (path !== undefined) return { kind: 'path', path };
      const abstract = params.get('abstract');
      if (abstract !== undefined) return { kind: 'path', path: `\0${abstract}` };
    } else if (transport === 'tcp') {
      const port = Number(params.get('port'));
      if (Number.isInteger(port) && port > 0) return { kind: 'tcp', host: params.get('host') ?? '127.0.0.1', port };
    }
  }
  return undefined;
}

function unescapeValue(value: string): string {
  return value.replace(/%([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}
