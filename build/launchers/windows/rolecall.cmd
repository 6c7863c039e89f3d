@echo off
rem rolecall: the Rolecall command line tool, run by the installed Rolecall app (no Node needed).
rem The installer puts this folder (resources\bin) on the user PATH.
setlocal
"%~dp0..\..\Rolecall.exe" --rolecall-cli -- %*
exit /b %ERRORLEVEL%
