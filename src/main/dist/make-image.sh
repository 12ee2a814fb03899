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
cp src/main/dist/pending target/image/bin/pending
chmod +x target/image/bin/pending
ln -sf pending target/image/bin/pending-console # the name it had
# A class-data archive (AppCDS) of what a short command loads, made with the image's own runtime: the
# launcher maps it instead of loading those classes one by one.
sh src/main/dist/make-cds.sh target/image/runtime/bin/java target/image/lib/pending-console.jar target/image/lib/pending-console.jsa
echo "image: $(du -sh target/image | cut -f1) in target/image (runtime $(du -sh target/image/runtime | cut -f1), jar $(du -sh target/image/lib/pending-console.jar | cut -f1)); start it with target/image/bin/pending"
