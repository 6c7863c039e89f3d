// A separate process asking for one role's credentials, as a `credential_process` call from
// Terraform would. Prints `ready`, waits for `go` on stdin (so that all workers ask at once),
// then prints the access key id it got (never the secret parts).
import { createInterface } from 'node:readline';
import type { AccessTokenSource } from '../../../../main/core/auth/access-token-source';
import { systemClock, type Clock } from '../../../../main/core/clock';
import { RoleCredentialsService } from '../../../../main/core/credentials/role-credentials-service';
import { KeychainSecretStore } from '../../../../main/core/secrets/keychain-store';
import { createPortalClientFactory } from '../../../../main/core/sync/portal-client';
import { PortalLimiters } from '../../../../main/core/sync/portal-limiters';

interface WorkerConfig {
  instance: { id: string; name: string; startUrl: string; region: string; endpointUrl: string };
  dataDir: string;
  servicePrefix: string;
  accountId: string;
  roleName: string;
  /** The parent's (fake) time, which the emulator also runs on. */
  now: number;
}

const config = JSON.parse(process.argv[2] ?? '{}') as WorkerConfig;
const accessToken = process.env.ROLECALL_TEST_ACCESS_TOKEN ?? '';
const tokens: AccessTokenSource = {
  getAccessToken: async () => accessToken,
  refreshAfterUnauthorized: async () => accessToken,
};
const clock: Clock = { now: () => config.now, setTimer: systemClock.setTimer };
const portalClients = createPortalClientFactory();
const service = new RoleCredentialsService({
  store: new KeychainSecretStore({ servicePrefix: config.servicePrefix }),
  tokens,
  portalClients,
  limiters: new PortalLimiters(),
  clock,
  dataDir: config.dataDir,
});

const lines = createInterface({ input: process.stdin });
process.stdout.write('ready\n');
for await (const line of lines) {
  if (line.trim() !== 'go') continue;
  const credentials = await service.get(config.instance, config.accountId, config.roleName);
  process.stdout.write(`${credentials.accessKeyId}\n`);
  break;
}
lines.close();
portalClients.destroy();
