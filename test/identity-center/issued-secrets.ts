import { randomBytes } from 'node:crypto';
import { base32 } from './organization';

/**
 * Mints every secret the emulator hands out and remembers it, so tests can search logs, files
 * and pages for leaks. Each value carries `CANARY` so that a grep finds it even when a test
 * does not know the exact value.
 */
export class SecretMint {
  private readonly issued: string[] = [];

  /** A secret with a recognisable prefix, `CANARY`, and url-safe random text. */
  secret(prefix: string, randomLength = 32): string {
    return this.remember(`${prefix}CANARY${randomText(randomLength)}`);
  }

  /** 40 characters like an AWS secret access key. */
  secretAccessKey(): string {
    return this.remember(`CANARY${randomBytes(30).toString('base64').replace(/[^A-Za-z0-9]/g, 'x')}`.slice(0, 40));
  }

  /** Every secret issued so far, oldest first. */
  all(): string[] {
    return [...this.issued];
  }

  private remember(value: string): string {
    this.issued.push(value);
    return value;
  }
}

/** Non-secret identifiers (access key ids, client ids, request ids). */
export function accessKeyId(): string {
  return `ASIA${base32(randomBytes(10)).slice(0, 16)}`;
}

export function randomText(length: number): string {
  return randomBytes(Math.ceil((length * 3) / 4) + 3).toString('base64url').slice(0, length);
}

const USER_CODE_LETTERS = 'BCDFGHJKLMNPQRSTVWXZ';

/** `ABCD-EFGH`: eight consonants, as the device page shows them. */
export function userCode(): string {
  const bytes = randomBytes(8);
  let code = '';
  for (let i = 0; i < 8; i += 1) {
    if (i === 4) code += '-';
    code += USER_CODE_LETTERS[bytes[i]! % USER_CODE_LETTERS.length];
  }
  return code;
}
