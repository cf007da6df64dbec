#!/usr/bin/env bash
# Runs every Headway test on a fresh machine: installs what the tests need (Chromium for the
# browser tests, PostgreSQL for the second database, aiosmtpd as the mail server), checks formatting,
# builds, lints the OpenAPI document, runs all test projects on SQLite, then the application and web
# tests again on PostgreSQL, and ends with one line "N passed, N failed". Exit code 0 only when
# everything passed.
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

# The digest tests send mail to a real SMTP server on loopback: Debian's aiosmtpd, started by each test.
if ! /usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1; then
  log "Installing the test SMTP server (python3-aiosmtpd)"
  as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-aiosmtpd >/dev/null \
    || { echo "Could not install python3-aiosmtpd"; echo "0 passed, 1 failed"; exit 1; }
fi

# PostgreSQL: the machine's own server (15), started if it is not running, with a test role that may
# create databases (each test gets its own, copied from a migrated template) and end other sessions
# on them when it drops them.
pg_failed=0
if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  log "Installing PostgreSQL"
  as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null || pg_failed=1
fi
if [ "$pg_failed" -eq 0 ]; then
  log "Starting PostgreSQL"
  cluster=$(pg_lsclusters -h 2>/dev/null | awk 'NR==1 {print $1" "$2}')
  if [ -z "$cluster" ]; then as_root pg_createcluster 15 main >/dev/null && cluster="15 main"; fi
  # shellcheck disable=SC2086
  pg_lsclusters -h | awk 'NR==1 {print $4}' | grep -q online || as_root pg_ctlcluster $cluster start || pg_failed=1
  pg_isready -h 127.0.0.1 -t 30 >/dev/null || pg_failed=1
  pg_port=$(pg_lsclusters -h | awk 'NR==1 {print $3}')
  (cd / && as_root runuser -u postgres -- psql -q -p "$pg_port" -v ON_ERROR_STOP=1 <<'SQL') || pg_failed=1
SELECT 'CREATE ROLE headway_test LOGIN CREATEDB' WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'headway_test') \gexec
ALTER ROLE headway_test PASSWORD 'headway-test';
GRANT pg_signal_backend TO headway_test;
SQL
  export HEADWAY_TEST_POSTGRES="Host=127.0.0.1;Port=${pg_port};Username=headway_test;Password=headway-test;Timeout=30"
fi
if [ "$pg_failed" -ne 0 ]; then echo "Could not start PostgreSQL"; echo "0 passed, 1 failed"; exit 1; fi

log "Restoring and building"
# A compiler server left running by an earlier build (another checkout, an editor) can hand the Razor
# source generator stale state; this build starts its own and compiles without a shared server.
dotnet build-server shutdown >/dev/null 2>&1 || true
dotnet restore Headway.slnx --nologo -v quiet || { echo "0 passed, 1 failed"; exit 1; }
# The client tests build a client with Kiota from the committed OpenAPI document: the tool is pinned in .config.
dotnet tool restore >/dev/null || { echo "0 passed, 1 failed"; exit 1; }
dotnet build Headway.slnx --no-restore --nologo -v quiet -c Debug -p:UseSharedCompilation=false || { echo "0 passed, 1 failed"; exit 1; }

log "Checking formatting (dotnet format --verify-no-changes)"
format_failed=0
dotnet format Headway.slnx --verify-no-changes --no-restore -v quiet || format_failed=1

log "Linting the OpenAPI document (Redocly CLI, recommended rules; any error fails)"
lint_failed=0
# The committed contract is what clients generate from; warnings are shown, errors fail the run.
(cd tools/openapi-lint && npm ci --no-audit --no-fund --silent) \
  && NO_UPDATE_NOTIFIER=1 REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true \
    tools/openapi-lint/node_modules/.bin/redocly lint docs/openapi/v1.json --config redocly.yaml --format=summary || lint_failed=1

log "Running tests (SQLite)"
results=$(mktemp -d)
dotnet test Headway.slnx --no-build --nologo -c Debug --logger "trx" --results-directory "$results/sqlite" 2>&1 | tee "$results/console.txt"
test_exit=${PIPESTATUS[0]}

log "Running the application and web tests again on PostgreSQL"
for project in tests/Headway.Application.Tests tests/Headway.Web.Tests tests/Headway.Client.Tests; do
  HEADWAY_TEST_PROVIDER=Postgres dotnet test "$project" --no-build --nologo -c Debug --logger "trx" --results-directory "$results/postgres" 2>&1 | tee -a "$results/console.txt"
  pg_exit=${PIPESTATUS[0]}
  [ "$pg_exit" -ne 0 ] && test_exit=$pg_exit
done

# Count outcomes from the TRX files: every executed test is one UnitTestResult element.
passed=$(cat "$results"/*/*.trx 2>/dev/null | grep -o '<UnitTestResult [^>]*outcome="Passed"' | wc -l)
failed=$(cat "$results"/*/*.trx 2>/dev/null | grep -o '<UnitTestResult [^>]*outcome="Failed"' | wc -l)
if [ "$format_failed" -ne 0 ]; then
  echo "Formatting differs from .editorconfig: run 'dotnet format Headway.slnx'."
  failed=$((failed + 1))
fi
if [ "$lint_failed" -ne 0 ]; then
  echo "The OpenAPI document has lint errors (see above): fix what produces them and regenerate docs/openapi/v1.json."
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
