import { describe, expect, it } from 'vitest';
import { IdentityCenterError, IdentityCenterUnreachableError, SignInCancelledError, SignInDeniedError, SignInExpiredError, SignInTimeoutError } from '../../../main/core/auth/sign-in-errors';
import { signInFailureKind } from '../../../renderer/sign-in/failure-kind';

describe('signInFailureKind', () => {
  it('knows the codes of the errors the core’s sign-in throws', () => {
    expect(signInFailureKind(new SignInDeniedError('acme'))).toBe('denied');
    expect(signInFailureKind(new SignInExpiredError('acme'))).toBe('expired');
    expect(signInFailureKind(new SignInTimeoutError('acme', 300))).toBe('expired');
    expect(signInFailureKind(new IdentityCenterUnreachableError('oidc.eu-west-1.amazonaws.com', 'ECONNREFUSED'))).toBe('offline');
    expect(signInFailureKind(new SignInCancelledError('acme'))).toBe('cancelled');
    expect(signInFailureKind(new IdentityCenterError('CreateToken', 'InvalidClientException'))).toBe('other');
  });
});
