import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AccountWithRoles } from '../../../../main/core/model';
import type { ConfigDocument } from '../../../../main/core/aws-config/config-document';
import { parseConfig, renderLines } from '../../../../main/core/aws-config/config-document';
import { managedSections } from '../../../../main/core/aws-config/managed-profile';
import type { CatalogView } from '../../../../main/core/aws-config/role-selection';

export const corpusDir = join(import.meta.dirname, '..', 'corpus');
export const malformedDir = join(import.meta.dirname, '..', 'corpus-malformed');

/** The hand-written corpus: file name → exact bytes. */
export function corpusFiles(dir = corpusDir): Array<{ name: string; bytes: Buffer }> {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.config'))
    .sort()
    .map((name) => ({ name, bytes: readFileSync(join(dir, name)) }));
}

function account(instanceId: string, accountId: string, accountName: string, roles: string[]): AccountWithRoles {
  return { instanceId, accountId, accountName, emailAddress: `${accountId}@example.com`, roles };
}

/** Two instances' account lists, with names that need sanitising. */
export function sampleCatalogs(): CatalogView[] {
  return [
    {
      instanceId: 'acme',
      accounts: [
        account('acme', '111111111111', 'Production', ['AdministratorAccess', 'ReadOnlyAccess']),
        account('acme', '222222222222', 'Sandbox', ['Developer']),
        account('acme', '333333333333', 'Data Lake (EU) #1', ['Analyst']),
        account('acme', '444444444444', 'Équipe données', ['Viewer']),
      ],
    },
    { instanceId: 'other', accounts: [account('other', '555555555555', 'Other', ['Admin'])] },
  ];
}

/**
 * The file without Rolecall's profiles: each managed section's header through its last key,
 * with the blank line before it, removed. Everything left is what Rolecall must never change.
 */
export function outsideManaged(text: string): string {
  const document = parseConfig(text);
  return renderLines(document.bom, linesOutsideManaged(document));
}

export function linesOutsideManaged(document: ConfigDocument) {
  const drop = new Set<number>();
  for (const { section } of managedSections(document)) {
    const start = section.headerLine > 0 && document.roles[section.headerLine - 1] === 'blank' ? section.headerLine - 1 : section.headerLine;
    for (let i = start; i < section.contentEndLine; i += 1) drop.add(i);
  }
  return document.lines.filter((_, i) => !drop.has(i));
}

/**
 * True when `after` keeps everything of `before` outside Rolecall's profiles byte for byte. The
 * one allowed difference: a last line that had no line break gets one when a profile is
 * appended after it.
 */
export function sameOutsideManaged(before: string, after: string): boolean {
  const a = outsideManaged(before);
  const b = outsideManaged(after);
  if (a === b) return true;
  const endsWithBreak = /[\r\n]$/.test(a);
  return !endsWithBreak && (b === `${a}\n` || b === `${a}\r\n` || b === `${a}\r`);
}
