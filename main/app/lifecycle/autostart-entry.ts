/**
 * Linux has no `app.setLoginItemSettings`: desktops start what the XDG autostart folder
 * (`~/.config/autostart`) lists. This builds Rolecall's entry there.
 */
export const AUTOSTART_FILE_NAME = 'rolecall.desktop';

/** The `.desktop` entry that starts `command` at login. */
export function autostartDesktopEntry(command: readonly string[]): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Rolecall',
    'Comment=AWS IAM Identity Center in your tray',
    `Exec=${command.map(quoteExecArgument).join(' ')}`,
    'Icon=rolecall-app',
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/**
 * Quoting per the Desktop Entry spec: arguments with reserved characters go in double
 * quotes with `"`, `` ` ``, `$` and `\` escaped; `%` is doubled because Exec gives it a
 * meaning of its own. The file's string escaping applies first, so every backslash the
 * quoting wrote is doubled once more.
 */
export function quoteExecArgument(arg: string): string {
  const escapedPercent = arg.replaceAll('%', '%%');
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(escapedPercent)) return escapedPercent;
  const quoted = escapedPercent.replace(/(["`$\\])/g, '\\$1');
  return `"${quoted.replaceAll('\\', '\\\\')}"`;
}
