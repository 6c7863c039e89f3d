import { describe, expect, it } from 'vitest';
import { getPassword, setPassword, deletePassword } from '@napi-rs/keyring/keytar';

// `npm test` runs inside a private D-Bus session with its own gnome-keyring; this proves the
// tests that rely on a real Secret Service really get one.
describe('test environment', () => {
  it('has a real, unlocked Secret Service', async () => {
    expect(process.env.ROLECALL_SECRET_SERVICE).toBe('1');
    const service = `rolecall-env-check-${process.pid}`;
    await setPassword(service, 'probe', 'value-1');
    expect(await getPassword(service, 'probe')).toBe('value-1');
    expect(await deletePassword(service, 'probe')).toBe(true);
  });
});
