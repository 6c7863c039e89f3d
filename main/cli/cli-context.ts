/**
 * What a command gets from the front door: the process's streams and environment, how to run
 * this CLI again (for profile lines), and the core, built on first use so that commands which
 * do not need it (help, the credential_process cache hit) never load it.
 */
import type { RolecallCore } from '../core/rolecall-core';
import type { SecretStore } from '../core/secrets/secret-store';

/** A secret store that can say whether the keychain is usable (`KeychainSecretStore`). */
export interface CheckedSecretStore extends SecretStore {
  /** Resolves when the keychain can be used; throws a KeychainError naming the problem otherwise. */
  check(): Promise<void>;
}

export interface CliOutput {
  write(text: string): void;
  /** True when a person is reading (a terminal), not a pipe. */
  readonly isTTY?: boolean;
}

export interface CliContext {
  readonly env: NodeJS.ProcessEnv;
  readonly platform: NodeJS.Platform;
  readonly stdout: CliOutput;
  readonly stderr: CliOutput;
  /** True when stdin is a terminal a person could answer on. */
  readonly stdinIsTTY: boolean;
  /**
   * True when the entry just found no broker and no fresh credentials in the keychain for the
   * credential_process call it handed over: neither is asked again before fetching.
   */
  readonly cacheMissed?: boolean;
  /** The argv prefix that runs this CLI: `[process.execPath, <absolute path of rolecall.js>]`. */
  readonly selfCommand: readonly string[];
  /** The OS keychain, opened on first call (the core shares it). Checks the keychain can answer before each first use. */
  secrets(): CheckedSecretStore;
  /**
   * The same keychain without that check, for the credential_process cache read: one round
   * trip instead of five. A failure there is diagnosed by retrying through `secrets()`.
   */
  quickSecrets(): SecretStore;
  /** The core, built once on first call. */
  core(): Promise<RolecallCore>;
}
