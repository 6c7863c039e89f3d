import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY_META } from '../../main/app/window/content-security-policy';
import { REPO_ROOT } from '../e2e/harness/renderer-build';

const html = readFileSync(join(REPO_ROOT, 'renderer', 'index.html'), 'utf8');

describe('renderer/index.html', () => {
  it('carries the app’s Content-Security-Policy in a meta tag', () => {
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html);
    expect(meta?.[1]).toBe(CONTENT_SECURITY_POLICY_META);
  });

  it('has no inline script, inline style or remote resource for the policy to block', () => {
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/<style|\sstyle=|\son[a-z]+=/i);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
  });
});
