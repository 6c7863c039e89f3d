import { describe, expect, it } from 'vitest';
import { sessionBusAddress } from '../../../main/core/secrets/dbus-address';
import { splitSignature } from '../../../main/core/secrets/dbus-wire';

describe('session bus address', () => {
  it('reads the forms DBUS_SESSION_BUS_ADDRESS takes', () => {
    expect(sessionBusAddress({ DBUS_SESSION_BUS_ADDRESS: 'unix:path=/run/user/1000/bus' })).toEqual({ kind: 'path', path: '/run/user/1000/bus' });
    expect(sessionBusAddress({ DBUS_SESSION_BUS_ADDRESS: 'unix:path=/tmp/dbus-x,guid=abc' })).toEqual({ kind: 'path', path: '/tmp/dbus-x' });
    expect(sessionBusAddress({ DBUS_SESSION_BUS_ADDRESS: 'unix:abstract=/tmp/dbus-y,guid=1' })).toEqual({ kind: 'path', path: '\0/tmp/dbus-y' });
    expect(sessionBusAddress({ DBUS_SESSION_BUS_ADDRESS: 'tcp:host=127.0.0.1,port=5555' })).toEqual({ kind: 'tcp', host: '127.0.0.1', port: 5555 });
    expect(sessionBusAddress({ DBUS_SESSION_BUS_ADDRESS: 'launchd:env=X;unix:path=/a%20b' })).toEqual({ kind: 'path', path: '/a b' });
    expect(sessionBusAddress({ DBUS_SESSION_BUS_ADDRESS: 'disabled:' })).toBeUndefined();
  });

  it('falls back to the per-user bus in XDG_RUNTIME_DIR, as systemd sets it up', () => {
    expect(sessionBusAddress({ XDG_RUNTIME_DIR: '/run/user/1000' })).toEqual({ kind: 'path', path: '/run/user/1000/bus' });
  });
});

describe('D-Bus signatures', () => {
  it('split into complete types', () => {
    expect(splitSignature('vo')).toEqual(['v', 'o']);
    expect(splitSignature('a{sv}(oayays)as')).toEqual(['a{sv}', '(oayays)', 'as']);
    expect(splitSignature('')).toEqual([]);
  });
});
