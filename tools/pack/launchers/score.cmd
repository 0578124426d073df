@echo off
rem score from a command prompt: the bundled Node runs the program in app\.
rem UTF-8 code page so Chinese names print correctly; the old code page comes back afterwards.
setlocal
for /f "tokens=2 delims=:" %%c in ('chcp') do set "SCORE_OLD_CP=%%c"
chcp 65001 >nul
"%~dp0app\node.exe" --max-inlined-bytecode-size=40 "%~dp0app\bin\score.js" %*
set "SCORE_EXIT=%ERRORLEVEL%"
if defined SCORE_OLD_CP chcp %SCORE_OLD_CP: =% >nul 2>nul
exit /b %SCORE_EXIT%
