@echo off
rem Starts Pending Console on Windows from target\bin (beside the jar) or an image's bin: no command opens
rem the console, anything else is the CLI. The class-data archive and the fast-start flags are the shell
rem launcher's; here only the archive, when there is one.
setlocal
set "HERE=%~dp0.."
set "LIB=%HERE%"
set "JAVA=java"
if defined JAVA_HOME set "JAVA=%JAVA_HOME%\bin\java"
if exist "%HERE%\runtime\bin\java.exe" (
  set "JAVA=%HERE%\runtime\bin\java"
  set "LIB=%HERE%\lib"
)
set "FLAGS="
if exist "%LIB%\pending-console.jsa" set "FLAGS=-XX:SharedArchiveFile=%LIB%\pending-console.jsa -Xlog:cds=off"
"%JAVA%" %FLAGS% -jar "%LIB%\pending-console.jar" %*
