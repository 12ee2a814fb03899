#!/bin/sh
# Builds target/image: a trimmed Java runtime made with jlink from jlink.conf (JDK modules only; JavaFX
# and the other libraries travel inside the application jar), the jar, and a launcher.
# Run through Maven: mvn -Pimage -DskipTests package
set -eu
cd "$(dirname "$0")/../../.."
if [ -z "${JAVA_HOME:-}" ]; then
  JAVA_HOME=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
fi
rm -rf target/image
"$JAVA_HOME/bin/jlink" @jlink.conf --output target/image/runtime
mkdir -p target/image/lib target/image/bin
cp target/pending-console.jar target/image/lib/
cp src/main/dist/pending-console target/image/bin/
chmod +x target/image/bin/pending-console
# A class-data archive (AppCDS) of what a command loads, made by one training run with the image's own
# runtime against a throwaway sandbox: the launcher maps it instead of loading those classes one by one.
RUNTIME=target/image/runtime/bin/java
# the training run gets folders of its own: building the image must not write into the builder's data
SCRATCH=$(mktemp -d)
trap 'rm -rf "$SCRATCH"' EXIT
export PENDING_CONSOLE_HOME="$SCRATCH/data" XDG_CONFIG_HOME="$SCRATCH/config"
SANDBOX=$("$RUNTIME" -Djava.util.prefs.userRoot="$SCRATCH/prefs" -jar target/image/lib/pending-console.jar --json sandbox --detach 2>/dev/null || true)
URL=$(printf '%s' "$SANDBOX" | sed -n 's/.*"url":"\([^"]*\)".*/\1/p')
PID=$(printf '%s' "$SANDBOX" | sed -n 's/.*"pid":\([0-9]*\).*/\1/p')
if [ -n "$URL" ]; then
  "$RUNTIME" -XX:ArchiveClassesAtExit=target/image/lib/pending-console.jsa -Xlog:cds=off -Xlog:cds+dynamic=off \
    -Djava.util.prefs.userRoot="$SCRATCH/prefs" -jar target/image/lib/pending-console.jar --url "$URL" --json peek demo-healthy-1 >/dev/null 2>&1 || true
  kill "$PID" 2>/dev/null || true
else
  echo "no sandbox for the training run: the image has no class-data archive (it starts slower)"
fi
echo "image: $(du -sh target/image | cut -f1) in target/image (runtime $(du -sh target/image/runtime | cut -f1), jar $(du -sh target/image/lib/pending-console.jar | cut -f1)); start it with target/image/bin/pending-console"
