#!/usr/bin/env bash
# `npm test`: every test suite of the project, in order:
#   typecheck  astro check (site) and tsc -p tsconfig.sandbox.json (simulator)
#   vitest     all unit tests (*.test.ts next to the code)
#   build      astro build (static site in dist/, with the Pagefind index)
#   e2e        browser tests against dist/ served by astro preview (tests/run-e2e.mjs)
# Prints one `<suite>: N passed, M failed` line per suite, then `tests: N passed, M failed`
# as the very last line. Exits non-zero if anything failed or a suite could not run.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/ensure-node.sh || { echo "tests: 0 passed, 1 failed"; exit 1; }
export ASTRO_TELEMETRY_DISABLED=1 NO_COLOR=1 FORCE_COLOR=0
mkdir -p test-results

total_passed=0
total_failed=0
suite() { # suite NAME PASSED FAILED
  echo "$1: $2 passed, $3 failed"
  total_passed=$((total_passed + $2))
  total_failed=$((total_failed + $3))
}
banner() { printf '\n=== %s ===\n' "$1"; }

# 1. Type checking: each checker is one test.
banner typecheck
tc_passed=0 tc_failed=0
if node node_modules/astro/bin/astro.mjs check; then tc_passed=$((tc_passed + 1)); else tc_failed=$((tc_failed + 1)); fi
if node node_modules/typescript/bin/tsc -p tsconfig.sandbox.json; then tc_passed=$((tc_passed + 1)); else
  echo "tsc -p tsconfig.sandbox.json: type errors above"; tc_failed=$((tc_failed + 1)); fi
suite typecheck "$tc_passed" "$tc_failed"

# 2. Unit tests: counts from vitest's JSON report.
banner vitest
report=test-results/vitest.json
rm -f "$report"
# A unit test stuck in a synchronous loop cannot be stopped by vitest's testTimeout; bound the run.
timeout --kill-after=10 "${SSL_VITEST_TIMEOUT:-900}" \
  node node_modules/vitest/vitest.mjs run --reporter=default --reporter=json --outputFile.json="$report"
vitest_status=$?
if [ "$vitest_status" -eq 124 ] || [ "$vitest_status" -eq 137 ]; then
  echo "vitest: stopped after ${SSL_VITEST_TIMEOUT:-900} s"; rm -f "$report"
fi
if [ -s "$report" ]; then
  read -r v_passed v_failed < <(node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    // A test file that fails to load has no tests but is a failure too.
    const brokenFiles = r.testResults.filter((f) => f.status === "failed" && f.assertionResults.length === 0).length;
    console.log(r.numPassedTests, r.numFailedTests + brokenFiles);' "$report")
  if [ "$vitest_status" -ne 0 ] && [ "$v_failed" -eq 0 ]; then v_failed=1; fi
else
  echo "vitest: could not run (no report)"
  v_passed=0 v_failed=1
fi
suite vitest "$v_passed" "$v_failed"

# 3. Build.
banner build
if node node_modules/astro/bin/astro.mjs build; then suite build 1 0; build_ok=1; else suite build 0 1; build_ok=0; fi

# 4. Browser tests against the build.
banner e2e
if [ "$build_ok" -eq 1 ]; then
  timeout --kill-after=10 "${SSL_E2E_TIMEOUT:-900}" node tests/run-e2e.mjs | tee test-results/e2e.out
  line=$(grep -E '^e2e: [0-9]+ passed, [0-9]+ failed$' test-results/e2e.out | tail -1)
  if [ -n "$line" ]; then
    read -r e_passed e_failed < <(echo "$line" | sed -E 's/^e2e: ([0-9]+) passed, ([0-9]+) failed$/\1 \2/')
  else
    e_passed=0 e_failed=1
  fi
  total_passed=$((total_passed + e_passed))
  total_failed=$((total_failed + e_failed))
else
  echo "e2e: not run, the build failed"
  suite e2e 0 1
fi

echo
echo "tests: $total_passed passed, $total_failed failed"
[ "$total_failed" -eq 0 ]
