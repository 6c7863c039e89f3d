/**
 * A Rolecall writer in its own process, for the concurrency tests:
 *   tsx profile-writer-child.ts CONFIG INSTANCE ACCOUNT_ID ROLE[,ROLE…] [--pause]
 * writes that instance's profiles. With --pause it stops after the new content is in the
 * temporary file and before the rename, prints `paused <temp path>`, and goes on when a line
 * arrives on stdin (or waits there to be killed). Prints `done` and the changes at the end.
 */
import { createInterface } from 'node:readline';
import { writeProfiles } from '../../../../main/core/aws-config/profile-writer';

const [configPath, instanceId, accountId, roleList, flag] = process.argv.slice(2) as [string, string, string, string, string | undefined];
const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
let pauses = flag === '--pause' ? 1 : 0;

const result = await writeProfiles(
  configPath,
  {
    catalogs: [{ instanceId, accounts: [{ instanceId, accountId, accountName: instanceId, emailAddress: '', roles: roleList.split(',') }] }],
    selection: { kind: 'all' },
    commandPrefix: [process.execPath, '/opt/Rolecall/rolecall.js'],
    region: 'eu-west-1',
  },
  {
    hooks: {
      async beforeRename(tempPath) {
        if (pauses === 0) return;
        pauses -= 1;
        process.stdout.write(`paused ${tempPath}\n`);
        await lines.next();
      },
    },
  },
);
process.stdout.write(`done ${JSON.stringify(result.changes.map((c) => `${c.kind} ${c.profile}`))}\n`);
process.exit(0);
