import { execFile } from 'node:child_process';
import { join } from 'node:path';

/** What botocore (Python, the AWS CLI's library) reads from a config file. */
export type BotocoreReading =
  | {
      ok: true;
      /** configparser's raw view: header → key → value (sub-blocks still as text). */
      sections: Record<string, Record<string, string>>;
      /** botocore's profile map: sub-blocks parsed into objects. */
      profiles: Record<string, Record<string, string | Record<string, string>>>;
      ssoSessions: Record<string, Record<string, unknown>>;
      services: Record<string, Record<string, unknown>>;
      /** credential_process of each profile, split as botocore runs it. */
      argv: Record<string, string[] | { error: string }>;
    }
  | { ok: false; error: string; line: number | null };

const script = join(import.meta.dirname, 'botocore_oracle.py');

/** Reads many files in one Python process (Python and botocore take a while to start). */
export function readWithBotocore(paths: readonly string[], platform: 'linux' | 'win32' = 'linux'): Promise<BotocoreReading[]> {
  return new Promise((resolve, reject) => {
    const child = execFile('python3', [script, platform], { maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`botocore oracle failed: ${stderr}`));
      else resolve(JSON.parse(stdout) as BotocoreReading[]);
    });
    child.stdin?.end(JSON.stringify(paths));
  });
}
