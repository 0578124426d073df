@echo off
rem Drag a ledger folder (or ledger files) onto this file: it grades the year the ledgers name and
rem writes the output folder beside it. It asks nothing; the window stays open with the summary.
rem (ASCII only: cmd.exe reads this file in the console's code page.)
setlocal
chcp 65001 >nul
"%~dp0app\node.exe" "%~dp0app\bin\drop.js" %*
echo.
pause
