#!/usr/bin/env bash
# Runs every Headway test on a fresh machine: installs what the tests need (Chromium for the
# browser tests), checks formatting, builds, runs all test projects and ends with one line
# "N passed, N failed". Exit code 0 only when everything passed.
set -uo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log() { printf '\n== %s\n' "$*"; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# Chromium drives the browser tests; the Noto CJK fonts let screenshots show Chinese and Japanese.
if [ ! -x /usr/bin/chromium ] || [ ! -d /usr/share/fonts/opentype/noto ]; then
  log "Installing Chromium and CJK fonts for the browser tests"
  as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null \
    || { echo "Could not install Chromium"; echo "0 passed, 1 failed"; exit 1; }
fi
export HEADWAY_CHROMIUM=/usr/bin/chromium

log "Restoring and building"
# A compiler server left running by an earlier build (another checkout, an editor) can hand the Razor
# source generator stale state; this build starts its own and compiles without a shared server.
dotnet build-server shutdown >/dev/null 2>&1 || true
dotnet restore Headway.slnx --nologo -v quiet || { echo "0 passed, 1 failed"; exit 1; }
dotnet build Headway.slnx --no-restore --nologo -v quiet -c Debug -p:UseSharedCompilation=false || { echo "0 passed, 1 failed"; exit 1; }

log "Checking formatting (dotnet format --verify-no-changes)"
format_failed=0
dotnet format Headway.slnx --verify-no-changes --no-restore -v quiet || format_failed=1

log "Running tests"
results=$(mktemp -d)
dotnet test Headway.slnx --no-build --nologo -c Debug --logger "trx" --results-directory "$results" 2>&1 | tee "$results/console.txt"
test_exit=${PIPESTATUS[0]}

# Count outcomes from the TRX files: every executed test is one UnitTestResult element.
passed=$(cat "$results"/*.trx 2>/dev/null | grep -o '<UnitTestResult [^>]*outcome="Passed"' | wc -l)
failed=$(cat "$results"/*.trx 2>/dev/null | grep -o '<UnitTestResult [^>]*outcome="Failed"' | wc -l)
if [ "$format_failed" -ne 0 ]; then
  echo "Formatting differs from .editorconfig: run 'dotnet format Headway.slnx'."
  failed=$((failed + 1))
fi
if [ "$test_exit" -ne 0 ] && [ "$failed" -eq 0 ]; then
  echo "dotnet test exited with $test_exit without a failed test: a test host crashed."
  failed=1
fi
dotnet build-server shutdown >/dev/null 2>&1 || true
rm -rf "$results"
echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
