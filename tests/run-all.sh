#!/usr/bin/env bash
# The whole test suite: typecheck, unit tests (vitest; one of them builds the product and checks
# it holds no test or benchmark hook), then browser tests against the test build (the page with
# the tests' hook, tests/support/vite.config.ts) in Debian's Chromium driven by playwright-core. Installs Chromium when it is missing and
# we are root; otherwise says exactly what to install.
set -uo pipefail
cd "$(dirname "$0")/.."

CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$CHROMIUM" ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    echo "Chromium not found at $CHROMIUM: installing Debian's chromium (apt-get)..."
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/tmp/fgan-chromium-install.log 2>&1 \
      || { echo "apt-get install chromium failed; see /tmp/fgan-chromium-install.log"; exit 1; }
  else
    echo "Browser tests need Chromium at $CHROMIUM. Install it with: sudo apt-get install -y chromium"
    echo "(or point CHROMIUM_PATH at a Chromium binary)."
    exit 1
  fi
fi

mkdir -p tests/artifacts
status=0
echo "== typecheck"; npx tsc --noEmit -p tsconfig.json || status=1
echo "== unit tests"; npx vitest run --project unit --reporter=default --reporter=json --outputFile=tests/artifacts/unit.json || status=1
echo "== test build"; npx vite build --logLevel warn --config tests/support/vite.config.ts || status=1
echo "== browser tests"; npx vitest run --project browser --reporter=default --reporter=json --outputFile=tests/artifacts/browser.json || status=1

node -e '
const fs = require("fs");
let passed = 0, failed = 0, skipped = 0;
for (const f of ["tests/artifacts/unit.json", "tests/artifacts/browser.json"]) {
  if (!fs.existsSync(f)) { failed += 1; console.log("missing report " + f); continue; }
  const r = JSON.parse(fs.readFileSync(f, "utf8"));
  passed += r.numPassedTests; failed += r.numFailedTests; skipped += r.numPendingTests + (r.numTodoTests || 0);
}
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
if (passed === 0) process.exit(1);
' || status=1
exit $status
