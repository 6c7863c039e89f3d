// Run as a child process with a sandbox's environment: the JS SDK v3 resolves the profile with
// fromIni (which runs its credential_process through a shell) and calls STS GetCallerIdentity.
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { fromIni } from '@aws-sdk/credential-providers';

const [profile, endpoint, region] = process.argv.slice(2) as [string, string, string];
const sts = new STSClient({ region, endpoint, credentials: fromIni({ profile }), maxAttempts: 1 });
try {
  const identity = await sts.send(new GetCallerIdentityCommand({}));
  const credentials = await sts.config.credentials();
  process.stdout.write(JSON.stringify({ arn: identity.Arn, accessKeyId: credentials.accessKeyId, expiration: credentials.expiration?.toISOString() }));
} finally {
  sts.destroy();
}
