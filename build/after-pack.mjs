// electron-builder afterPack hook: flips Electron's fuses in the packaged binary before it is
// signed. Fuses are compiled-in switches; turned off here, no environment variable or
// command-line flag can turn them back on.
//   RunAsNode off                      ELECTRON_RUN_AS_NODE cannot turn the app into a plain Node
//   EnableCookieEncryption on          cookies on disk are encrypted with an OS-protected key
//   EnableNodeOptionsEnvironmentVariable off   NODE_OPTIONS cannot inject code
//   EnableNodeCliInspectArguments off  --inspect cannot attach a debugger to the main process
//   EnableEmbeddedAsarIntegrityValidation on   a tampered app.asar does not start (macOS, Windows)
//   OnlyLoadAppFromAsar on             the app only loads from app.asar, never a loose folder
//   LoadBrowserProcessSpecificV8Snapshot off   no alternative snapshot is shipped
//   GrantFileProtocolExtraPrivileges off       pages come from app://, file:// needs no privileges
// The `rolecall` command keeps working with RunAsNode off: the app runs the CLI in its own
// main process when started with --rolecall-cli (see main/app/cli).
import { FuseV1Options, FuseVersion, flipFuses } from '@electron/fuses';
import { join } from 'node:path';

export const ROLECALL_FUSES = {
  version: FuseVersion.V1,
  strictlyRequireAllFuses: true,
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableCookieEncryption]: true,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
};

/** electron-builder's Arch enum value for arm64. */
const ARCH_ARM64 = 3;

/** The packaged Electron binary for an afterPack context. */
export function packagedBinary(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  const product = packager.appInfo.productFilename;
  switch (electronPlatformName) {
    case 'darwin':
    case 'mas':
      return join(appOutDir, `${product}.app`);
    case 'win32':
      return join(appOutDir, `${product}.exe`);
    default:
      return join(appOutDir, packager.executableName);
  }
}

export default async function afterPack(context) {
  const binary = packagedBinary(context);
  const darwin = context.electronPlatformName === 'darwin' || context.electronPlatformName === 'mas';
  await flipFuses(binary, {
    ...ROLECALL_FUSES,
    // Changing the binary breaks the ad-hoc signature arm64 macOS requires; re-sign it.
    resetAdHocDarwinSignature: darwin && context.arch === ARCH_ARM64,
  });
}

export { afterPack };
