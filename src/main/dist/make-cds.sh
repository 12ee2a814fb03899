#!/bin/sh
# Makes a class-data archive (AppCDS) of what the common commands load: one training run of peek, count
# and list (dev.pendingconsole.cli.CdsTraining) against a throwaway sandbox, with the given java and jar,
# records the classes it loads; a static archive is then dumped from that list and the runtime's own
# (lib/classlist, what the JDK's default archive holds, so the console loses nothing to it). A JVM started
# with -XX:SharedArchiveFile=ARCHIVE maps those classes instead of loading them one by one from the jar
# (count and peek: about 0.15 s sooner). A static archive, not a dynamic one (-XX:ArchiveClassesAtExit):
# JDK 17 leaves picocli's classes (class-file version 49) out of a dynamic archive, and loading and
# verifying them from the jar took 0.05-0.1 s of every command.
# The archive belongs to this jar: rebuilt, the jar needs a new one (the JVM warns and ignores a stale one).
# Usage: make-cds.sh JAVA JAR ARCHIVE. Never fails the build: without a sandbox there is no archive.
set -u
JAVA=$1 ARCHIVE=$3
# the archive records the jar's path, and only an absolute one matches runs from other folders
JAR=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
rm -f "$ARCHIVE"
# the training run gets folders of its own: building must not write into the builder's data or settings
SCRATCH=$(mktemp -d)
trap 'rm -rf "$SCRATCH"' EXIT
export PENDING_CONSOLE_HOME="$SCRATCH/data" XDG_CONFIG_HOME="$SCRATCH/config"
PREFS="-Djava.util.prefs.userRoot=$SCRATCH/prefs"
SANDBOX=$("$JAVA" "$PREFS" -jar "$JAR" --json sandbox --detach 2>/dev/null || true)
URL=$(printf '%s' "$SANDBOX" | sed -n 's/.*"url":"\([^"]*\)".*/\1/p')
PID=$(printf '%s' "$SANDBOX" | sed -n 's/.*"pid":\([0-9]*\).*/\1/p')
if [ -z "$URL" ]; then
  echo "no sandbox for the training run: no class-data archive for $JAR (it starts slower)"
  exit 0
fi
"$JAVA" -XX:DumpLoadedClassList="$SCRATCH/trained.classlist" "$PREFS" \
  -cp "$JAR" dev.pendingconsole.cli.CdsTraining "$URL" >/dev/null 2>&1 || true
kill "$PID" 2>/dev/null || true
RUNTIME=$(dirname "$(dirname "$JAVA")") # JAVA is RUNTIME/bin/java (Maven's java.home, or the image's)
if [ -s "$SCRATCH/trained.classlist" ]; then
  cat "$RUNTIME/lib/classlist" "$SCRATCH/trained.classlist" > "$SCRATCH/all.classlist" 2>/dev/null \
    || cp "$SCRATCH/trained.classlist" "$SCRATCH/all.classlist"
  # the dump warns of classes it cannot hold (dynamic proxies, JFR's events) and leaves them out
  "$JAVA" -Xshare:dump -XX:SharedClassListFile="$SCRATCH/all.classlist" -XX:SharedArchiveFile="$ARCHIVE" \
    -cp "$JAR" >/dev/null 2>&1 || rm -f "$ARCHIVE"
fi
if [ -f "$ARCHIVE" ]; then
  echo "class-data archive: $ARCHIVE ($(du -h "$ARCHIVE" | cut -f1))"
else
  echo "the training run made no class-data archive for $JAR (it starts slower)"
fi
