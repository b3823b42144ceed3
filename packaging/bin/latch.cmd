@echo off
rem Runs Latch's latch with the app's own binary in Node mode, so it works without Node.js installed.
setlocal
set ELECTRON_RUN_AS_NODE=1
"%~dp0..\..\Latch.exe" "%~dp0..\cli\latch-fast.js" %*
exit /b %ERRORLEVEL%
