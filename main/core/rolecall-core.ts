/**
 * The core facade: one object that builds every core service in order from an options object
 * with explicit seams (app data folder, environment, clock, secret store, logger, browser,
 * fetch), for both front doors: the `rolecall` CLI and the Electron app.
 *
 * Services that need the AWS SDK (role credentials, account sync) are built on first use, so
 * a command that only reads local state (`instances list`, `ls`, `status`) never loads it.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { appDataDir, awsConfigFile } from './app-paths';
import { SessionEndedError } from './auth/access-token-source';
import { SignInService } from './auth/sign-in-service';
import { TokenService } from './auth/token-service';
import { brokerPaths, type BrokerPaths } from './broker/broker-paths';
import { systemClock, type Clock } from './clock';
import { isRolecallError } from './errors';
import { InstanceRegistry } from './instances/instance-registry';
import { silentLogger, type Logger } from './logger';
import { DEFAULT_SETTINGS, type AccountCatalog, type IdentityCenterInstance, type RoleCredentials, type RoleRef, type SignInEvent } from './model';
import { KeychainSecretStore } from './secrets/keychain-store';
import type { SecretStore } from './secrets/secret-store';
import type { SettingsStore } from './settings/settings-store';
import type { RoleCredentialsService } from './credentials/role-credentials-service';
import type { CatalogSync } from './sync/catalog-sync';
import type { PortalLimiters } from './sync/portal-limiters';
import type { AdaptiveLimiterOptions } from './sync/adaptive-limiter';
import type { RefreshScheduler } from './scheduler/refresh-scheduler';

/** Sends a URL to the user's browser (verification pages, console links). */
export type UrlOpener = (url: string, context: { instance?: IdentityCenterInstance }) => Promise<void>;

export interface RolecallCoreOptions {
  /** The environment to read `ROLECALL_HOME`, `AWS_CONFIG_FILE`… from. Default `process.env`. */
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  /** The app data folder. Default `appDataDir(env)`. */
  appDir?: string;
  /** The AWS config file. Default `awsConfigFile(env)`. */
  configFile?: string;
  clock?: Clock;
  /** Where secrets live. Default the OS keychain (`KeychainSecretStore`). */
  secrets?: SecretStore;
  logger?: Logger;
  /** How a URL reaches a browser. Default the product's browser opener with the saved browser choice. */
  openUrl?: UrlOpener;
  /** HTTP for the federation endpoint and `doctor`'s checks. Default the global fetch. */
  fetch?: typeof fetch;
  /**
   * The argv prefix that runs the `rolecall` CLI, written into credential_process lines:
   * `[process.execPath, <absolute path of dist/cli/rolecall.js>]` for a source install, the
   * app's own launcher when packaged.
   */
  cliCommand?: readonly string[];
  /**
   * How portal calls are paced and how long a throttled call keeps retrying. The app keeps
   * the limiter's patient defaults; a CLI caller (someone waiting at a prompt) gives up sooner.
   */
  portalLimits?: AdaptiveLimiterOptions;
}

/** The services that load the AWS SDK, built together on first use. */
export interface PortalServices {
  credentials: RoleCredentialsService;
  catalogs: CatalogSync;
  limiters: PortalLimiters;
}

export interface RolecallCore {
  readonly env: NodeJS.ProcessEnv;
  readonly platform: NodeJS.Platform;
  readonly appDir: string;
  readonly configFile: string;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly secrets: SecretStore;
  readonly fetch: typeof fetch;
  readonly cliCommand: readonly string[] | undefined;
  readonly instances: InstanceRegistry;
  readonly tokens: TokenService;
  readonly signIn: SignInService;
  readonly broker: BrokerPaths;
  /** Role credentials and account sync (loads the AWS SDK the first time). */
  portal(): Promise<PortalServices>;
  /** The saved settings (read once, then kept current by the store). */
  settings(): Promise<SettingsStore>;
  /** The last synced account list of an instance, without loading the AWS SDK. */
  cachedCatalog(instanceId: string): Promise<AccountCatalog | null>;
  /**
   * Credentials for a role with at least the margin left. When the session has ended and
   * `signIn` allows it, signs in (one sign-in per instance, shared across processes) and
   * tries once more; otherwise throws SessionEndedError.
   */
  roleCredentials(role: RoleRef, options?: RoleCredentialsOptions): Promise<RoleCredentials>;
  /**
   * A refresh scheduler over this core's tokens and credentials (for the app and the daemon):
   * keeps sign-ins and the roles in use fresh ahead of expiry. Stopped by `close()`.
   */
  scheduler(): Promise<RefreshScheduler>;
  /** Opens a URL in the user's browser. */
  openUrl: UrlOpener;
  /** Stops timers and closes network clients. */
  close(): Promise<void>;
}

export interface RoleCredentialsOptions {
  /**
   * May a sign-in that needs a person start when the session has ended, and how: in the
   * browser, or (`noBrowser`) by showing the code and link through `onEvent`. Default: no.
   */
  interactive?: false | { noBrowser?: boolean; onEvent?: (event: SignInEvent) => void };
  /** Told when a sign-in starts, so a waiting caller can say why it waits. */
  onSigningIn?: (instanceId: string) => void;
  minRemainingMs?: number;
}

/** Builds the core. Nothing touches the keychain or the network until a service is used. */
export function createRolecallCore(options: RolecallCoreOptions = {}): RolecallCore {
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  const appDir = options.appDir ?? appDataDir(env, platform);
  const configFile = options.configFile ?? awsConfigFile(env);
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger;
  const secrets = options.secrets ?? new KeychainSecretStore({ env, platform });
  const fetchImpl = options.fetch ?? fetch;

  let settingsStore: Promise<SettingsStore> | undefined;
  let loadedSettings: SettingsStore | undefined;
  const settings = () =>
    (settingsStore ??= import('./settings/settings-store')
      .then(({ openSettingsStore }) => openSettingsStore({ file: join(appDir, 'settings.json'), logger }))
      .then((store) => (loadedSettings = store)));
  // Read at each use, so a changed setting applies at once; the defaults until the settings
  // are read (the credential_process path never reads them).
  const currentSettings = () => loadedSettings?.current() ?? DEFAULT_SETTINGS;
  const refreshLeadMs = () => currentSettings().refreshLeadMinutes * 60_000;
  const sessionWarningMs = () => currentSettings().sessionWarningMinutes * 60_000;

  const openUrl: UrlOpener = options.openUrl ?? ((url, context) => openInBrowser(url, context, { env, platform, logger, settings }));

  let portalServices: Promise<PortalServices> | undefined;
  let destroyPortalClients: (() => void) | undefined;
  const instances = new InstanceRegistry({
    appDataDir: appDir,
    secrets,
    onRemoved: async (instanceId) => {
      tokens.dropCached(instanceId);
      if (portalServices) (await portalServices).catalogs.forget(instanceId);
      const { catalogFile } = await import('./sync/catalog-cache');
      const { rm } = await import('node:fs/promises');
      await rm(catalogFile(appDir, instanceId), { force: true });
    },
  });
  const tokens = new TokenService({ instances, secrets, clock, appDataDir: appDir, logger, refreshLeadMs, sessionWarningMs });
  const signIn = new SignInService({
    instances,
    tokens,
    clock,
    appDataDir: appDir,
    logger,
    openUrl: async (url) => {
      const { sandboxInstanceFor } = await import('./browser/allowed-urls');
      const instance = sandboxInstanceFor(url, await instances.list());
      await openUrl(url, instance ? { instance } : {});
    },
  });

  const portal = () =>
    (portalServices ??= (async () => {
      const [{ createPortalClientFactory }, { PortalLimiters }, { RoleCredentialsService }, { CatalogSync }] = await Promise.all([
        import('./sync/portal-client'),
        import('./sync/portal-limiters'),
        import('./credentials/role-credentials-service'),
        import('./sync/catalog-sync'),
      ]);
      const portalClients = createPortalClientFactory();
      destroyPortalClients = () => portalClients.destroy();
      const limiters = new PortalLimiters(options.portalLimits);
      return {
        limiters,
        credentials: new RoleCredentialsService({ store: secrets, tokens, portalClients, limiters, clock, dataDir: appDir, logger }),
        catalogs: new CatalogSync({ portalClients, tokens, limiters, clock, logger, dataDir: appDir }),
      };
    })());

  const roleCredentials = async (role: RoleRef, request: RoleCredentialsOptions = {}): Promise<RoleCredentials> => {
    const instance = await instances.get(role.instanceId);
    const { credentials } = await portal();
    const get = () => credentials.get(instance, role.accountId, role.roleName, request.minRemainingMs === undefined ? {} : { minRemainingMs: request.minRemainingMs });
    try {
      return await get();
    } catch (error) {
      const interactive = request.interactive;
      if (!(error instanceof SessionEndedError) || !interactive) throw error;
      request.onSigningIn?.(instance.id);
      const method = (await settings()).current().signInMethod;
      logger.info('session ended: signing in for a waiting caller', { instanceId: instance.id, method });
      await signIn.signIn(instance.id, {
        method,
        ...(interactive.noBrowser ? { noBrowser: true } : {}),
        ...(interactive.onEvent ? { onEvent: interactive.onEvent } : {}),
      });
      return get();
    }
  };

  let refreshScheduler: Promise<RefreshScheduler> | undefined;
  const scheduler = () =>
    (refreshScheduler ??= (async () => {
      const [{ RefreshScheduler }, { tokenServiceSession }, { credentials }, store] = await Promise.all([
        import('./scheduler/refresh-scheduler'),
        import('./scheduler/token-service-session'),
        portal(),
        settings(),
      ]);
      const created = new RefreshScheduler({
        clock,
        logger,
        tokens: tokenServiceSession(tokens),
        credentials,
        tokenLeadMs: refreshLeadMs,
        credentialsLeadMs: refreshLeadMs,
        sessionWarningMs,
      });
      store.onChange((_settings, changed) => {
        if (changed.includes('refreshLeadMinutes') || changed.includes('sessionWarningMinutes')) created.replan();
      });
      return created;
    })());

  return {
    env,
    platform,
    appDir,
    configFile,
    clock,
    logger,
    secrets,
    fetch: fetchImpl,
    cliCommand: options.cliCommand,
    instances,
    tokens,
    signIn,
    broker: brokerPaths(appDir, { platform, env }),
    portal,
    settings,
    async cachedCatalog(instanceId) {
      if (portalServices) return (await portalServices).catalogs.cached(instanceId);
      const { loadCachedCatalog } = await import('./sync/catalog-cache');
      try {
        return await loadCachedCatalog(appDir, instanceId);
      } catch (error) {
        if (isRolecallError(error, 'catalog-cache-invalid')) return null;
        throw error;
      }
    },
    roleCredentials,
    scheduler,
    openUrl,
    async close() {
      if (refreshScheduler) await (await refreshScheduler).stop();
      destroyPortalClients?.();
    },
  };
}

/** The browser opener with the saved browser choice; the sandbox's loopback origin is allowed for its own instance. */
async function openInBrowser(
  url: string,
  context: { instance?: IdentityCenterInstance },
  deps: { env: NodeJS.ProcessEnv; platform: NodeJS.Platform; logger: Logger; settings: () => Promise<SettingsStore> },
): Promise<void> {
  const [{ openUrl }, { createDetachedLauncher }, { spawn }, { loopbackOrigin }] = await Promise.all([
    import('./browser/browser-opener'),
    import('./browser/process-launcher'),
    import('node:child_process'),
    import('./browser/allowed-urls'),
  ]);
  const choice = (await deps.settings()).current().browser;
  const sandboxOrigin = loopbackOrigin(context.instance?.endpointUrl);
  await openUrl(
    url,
    { target: choice, ...(sandboxOrigin ? { sandboxOrigin } : {}) },
    { platform: deps.platform, env: deps.env, exists: existsSync, launcher: createDetachedLauncher(spawn), logger: deps.logger },
  );
}
