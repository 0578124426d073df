@echo off
rem Drag a ledger folder (or ledger files) onto this file. The package has three copies (tools/dist.ts
rem adds --mode): the year end grades the year the ledgers name, the monthly check validates up to the
rem last month recorded, the quarterly one publishes the last full quarter. Outputs go beside the folder; the window stays open with the summary.
rem (ASCII only: cmd.exe reads this file in the console's code page.)
setlocal
chcp 65001 >nul
"%~dp0app\node.exe" --max-inlined-bytecode-size=40 "%~dp0app\bin\drop.js" %*
echo.
pause
