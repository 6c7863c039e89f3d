; Rolecall's additions to the Windows installer (electron-builder's nsis.include).
; Puts the `rolecall` command (resources\bin\rolecall.cmd) on the user's PATH at install and
; takes it off at uninstall. HKCU\Environment\Path is read without expanding it, so entries
; such as %USERPROFILE%\bin stay as the user wrote them; running programs are told afterwards.
; The folder reaches PowerShell through an environment variable, so no path needs quoting.

!macro rolecallEditUserPath MODE
  System::Call 'Kernel32::SetEnvironmentVariable(t "ROLECALL_BIN", t "$INSTDIR\resources\bin")i'
  nsExec::ExecToLog `"$SYSDIR\WindowsPowerShell\v1.0\powershell.exe" -NoProfile -NonInteractive -ExecutionPolicy Bypass -Command "$$dir = $$env:ROLECALL_BIN; $$key = [Microsoft.Win32.Registry]::CurrentUser.CreateSubKey('Environment'); $$old = [string]$$key.GetValue('Path', '', [Microsoft.Win32.RegistryValueOptions]::DoNotExpandEnvironmentNames); $$parts = @($$old -split ';' | Where-Object { $$_ -and ($$_.TrimEnd('\') -ne $$dir.TrimEnd('\')) }); if ('${MODE}' -eq 'add') { $$parts += $$dir }; $$key.SetValue('Path', ($$parts -join ';'), [Microsoft.Win32.RegistryValueKind]::ExpandString); $$key.Close()"`
  Pop $0
  ; HWND_BROADCAST, WM_SETTINGCHANGE: new terminals see the changed PATH.
  SendMessage 0xFFFF 0x1A 0 "STR:Environment" /TIMEOUT=5000
!macroend

!macro customInstall
  !insertmacro rolecallEditUserPath add
!macroend

!macro customUnInstall
  !insertmacro rolecallEditUserPath remove
!macroend
