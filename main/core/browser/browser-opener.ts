/**
 * The one way Rolecall sends a URL to a browser. Every URL is checked first (https AWS sign-in,
 * console and IAM Identity Center hosts only, plus the sandbox origin when the caller names
 * it); a refused URL changes nothing. Then the user's choice decides how: the system default,
 * a chosen browser, a Chrome-family profile, a Firefox container, or print / copy instead.
 * Programs are started with argv, never through a shell.
 */
import { InvalidInputError } from '../errors';
import type { Logger } from '../logger';
import type { BrowserChoice } from '../model';
import { checkBrowserUrl } from './allowed-urls';
import { detectBrowsers, type BrowserFamily } from './detect-browsers';
import { BrowserNotFoundError, UrlNotAllowedError } from './errors';
import { findOnPath, pathsFor, type Exists } from './find-executable';
import { containerForRole, grantedContainerUrl, type ConsoleRoleLabel } from './firefox-container';
import type { ProcessLauncher } from './process-launcher';

/** Every way to deliver a URL: the saved browser choice, or copying it to the clipboard. */
export type BrowserTarget = BrowserChoice | { kind: 'copy' };

export interface OpenUrlOptions {
  target: BrowserTarget;
  /** The role a console URL signs in as: names the Firefox container. */
  role?: ConsoleRoleLabel;
  /** The endpoint override of the instance this URL belongs to (sandbox only); allows that loopback origin. */
  sandboxOrigin?: string;
}

export interface HostSystem {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  exists: Exists;
}

export type BrowserLaunchPlan =
  | { kind: 'launch'; command: string; args: string[] }
  | { kind: 'print'; url: string }
  | { kind: 'copy'; url: string };

/**
 * What opening `url` with `options` would do, without doing it. Throws UrlNotAllowedError,
 * BrowserNotFoundError or InvalidInputError.
 */
export function planBrowserLaunch(url: string, options: OpenUrlOptions, host: HostSystem): BrowserLaunchPlan {
  const check = checkBrowserUrl(url, { sandboxOrigin: options.sandboxOrigin });
  if (!check.ok) throw new UrlNotAllowedError(check.reason);
  const safe = check.url;
  const target = options.target;
  switch (target.kind) {
    case 'print':
      return { kind: 'print', url: safe };
    case 'copy':
      return { kind: 'copy', url: safe };
    case 'default':
      return systemDefault(safe, host);
    case 'browser':
      return launchIn(requirePath(target.path, 'browser', host), [], safe, host);
    case 'chrome-profile': {
      const profile = target.profileDirectory;
      // eslint-disable-next-line no-control-regex
      if (typeof profile !== 'string' || profile.trim() === '' || /[\u0000-\u001f\u007f]/.test(profile) || profile.length > 255) {
        throw new InvalidInputError('The Chrome profile directory name is empty or not valid.', {
          hint: 'Use the folder name of the profile, such as "Default" or "Profile 1" (chrome://version shows it as "Profile Path").',
        });
      }
      const path = target.path ? requirePath(target.path, 'browser', host) : installed('chromium', 'Chrome-family browser', host);
      return launchIn(path, [`--profile-directory=${profile}`], safe, host);
    }
    case 'firefox-container': {
      if (!options.role) throw new InvalidInputError('A Firefox container needs the account and role the page is for.');
      const path = target.path ? requirePath(target.path, 'Firefox', host) : installed('firefox', 'Firefox', host);
      return launchIn(path, [], grantedContainerUrl(safe, containerForRole(options.role)), host);
    }
    default:
      throw new InvalidInputError(`"${String((target as { kind?: unknown }).kind)}" is not a browser choice Rolecall knows.`);
  }
}

export interface BrowserOpenerDeps extends HostSystem {
  launcher: ProcessLauncher;
  logger: Logger;
  /** Writes the URL for the user (the CLI's stdout); needed for `print`. */
  print?: (url: string) => void;
  /** Puts text on the clipboard; needed for `copy`. */
  copy?: (text: string) => Promise<void>;
}

export type OpenUrlResult = { kind: 'launched'; program: string } | { kind: 'printed' } | { kind: 'copied' };

/** Opens (or prints, or copies) `url` as `options.target` says. Refused URLs start nothing. */
export async function openUrl(url: string, options: OpenUrlOptions, deps: BrowserOpenerDeps): Promise<OpenUrlResult> {
  const plan = planBrowserLaunch(url, options, deps);
  const host = hostOf(plan.kind === 'launch' ? url : plan.url);
  switch (plan.kind) {
    case 'print':
      if (!deps.print) throw new InvalidInputError('Printing the link is not available here.');
      deps.print(plan.url);
      deps.logger.info('browser: link printed', { host });
      return { kind: 'printed' };
    case 'copy':
      if (!deps.copy) throw new InvalidInputError('Copying the link is not available here.');
      await deps.copy(plan.url);
      deps.logger.info('browser: link copied', { host });
      return { kind: 'copied' };
    case 'launch':
      await deps.launcher.launch(plan.command, plan.args);
      // The URL itself is never logged: console links carry a sign-in token.
      deps.logger.info('browser: opened', { host, choice: options.target.kind, program: pathsFor(deps.platform).basename(plan.command) });
      return { kind: 'launched', program: plan.command };
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'unknown';
  }
}

function systemDefault(url: string, host: HostSystem): BrowserLaunchPlan {
  const paths = pathsFor(host.platform);
  switch (host.platform) {
    case 'darwin':
      return { kind: 'launch', command: '/usr/bin/open', args: [url] };
    case 'win32':
      // `start` is a cmd built-in and would need a shell; rundll32 hands the URL to the
      // default browser as a plain argument.
      return {
        kind: 'launch',
        command: paths.join(host.env.SystemRoot ?? host.env.SYSTEMROOT ?? 'C:\\Windows', 'System32', 'rundll32.exe'),
        args: ['url.dll,FileProtocolHandler', url],
      };
    default: {
      const opener = findOnPath(['xdg-open'], host.env, host.platform, host.exists);
      if (!opener) throw new BrowserNotFoundError('default-browser opener (xdg-open)');
      return { kind: 'launch', command: opener, args: [url] };
    }
  }
}

/** Runs an executable with `args` then the URL; a macOS `.app` bundle goes through `open -a`. */
function launchIn(path: string, args: string[], url: string, host: HostSystem): BrowserLaunchPlan {
  if (host.platform === 'darwin' && /\.app\/?$/.test(path)) {
    // `-n` starts a new instance so that `--args` reach it even while the browser runs.
    return args.length === 0
      ? { kind: 'launch', command: '/usr/bin/open', args: ['-a', path, url] }
      : { kind: 'launch', command: '/usr/bin/open', args: ['-n', '-a', path, '--args', ...args, url] };
  }
  return { kind: 'launch', command: path, args: [...args, url] };
}

function requirePath(path: string, what: string, host: HostSystem): string {
  if (typeof path !== 'string' || !pathsFor(host.platform).isAbsolute(path)) {
    throw new InvalidInputError(`The ${what} path must be an absolute path.`, { hint: 'Choose the browser program again in Settings → Browser.' });
  }
  if (!host.exists(path)) throw new BrowserNotFoundError(`${what} at ${path}`);
  return path;
}

function installed(family: BrowserFamily, what: string, host: HostSystem): string {
  const found = detectBrowsers(host).find((b) => b.family === family);
  if (!found) throw new BrowserNotFoundError(what);
  return found.path;
}
