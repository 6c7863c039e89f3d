import { defineCommand, jsonFlag } from '../command';
import { checkConfig, checkEndpoints, checkKeychain, checkProfileCommands, type CheckResult } from '../doctor-checks';
import { ExitCode } from '../exit-codes';
import { exitCodeFor } from '../report-error';

export const command = defineCommand(
  {
    path: 'doctor',
    summary: 'Check the keychain, the config file, the clock and the endpoints.',
    usage: ['doctor [--json]'],
    description:
      'Checks that the OS keychain is reachable and unlocked, that the AWS config file parses, that each instance\'s endpoints answer, ' +
      "that this computer's clock agrees with the server's Date header, and that Rolecall profiles run a Rolecall that still exists. " +
      'Exits 0 when nothing failed, else with the exit code of the first failure. It changes nothing.',
    flags: { json: jsonFlag },
  },
  async (args, ctx) => {
    const core = await ctx.core();
    const results: CheckResult[] = [await checkKeychain(core)];
    const config = await checkConfig(core);
    results.push(config.result);
    if (config.result.status === 'ok') results.push(checkProfileCommands(config.commands, ctx.selfCommand, ctx.platform));
    let instances: Awaited<ReturnType<typeof core.instances.list>> = [];
    try {
      instances = await core.instances.list();
    } catch (error) {
      results.push({ check: 'instances', status: 'fail', message: error instanceof Error ? error.message : 'unreadable', code: 'instances-file-invalid' });
    }
    for (const instance of instances) results.push(...(await checkEndpoints(core, instance)));

    if (args.flags.json) ctx.stdout.write(`${JSON.stringify(results)}\n`);
    else {
      for (const r of results) {
        ctx.stdout.write(`${r.status === 'ok' ? 'ok  ' : r.status === 'warn' ? 'warn' : 'FAIL'}  ${r.check}: ${r.message}\n`);
        if (r.hint && r.status !== 'ok') ctx.stdout.write(`      ${r.hint}\n`);
      }
    }
    const failed = results.find((r) => r.status === 'fail');
    return failed ? exitCodeFor(failed.code ?? 'failure') : ExitCode.ok;
  },
);
