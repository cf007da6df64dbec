#!/usr/bin/env bash
# Integration benchmarks on loopback: starts the portal (Release) on a copy of a database, then
#  1. reads the whole change feed from the start as the programme's administrator (1,000 changes a page);
#  2. subscribes a receiver to entitlement changes and has the centre's manager change entitlements at a fixed
#     rate, then waits until every acknowledged change has been delivered: rate, deliveries/s, lag.
# Usage: bench/webhooks.sh DB_FILE [CHANGES_PER_SECOND] [SECONDS] [POLL_INTERVAL] [one|bulk]
#   POLL_INTERVAL is Webhooks:PollInterval (default 00:00:02, the portal's own default).
#   one (default): one status change a request; bulk: all entitlements of a tenant in one bulk change a request.
# PostgreSQL: HEADWAY_PROVIDER=Postgres bench/webhooks.sh "Host=...;Database=..." (that database is changed).
set -euo pipefail
cd "$(dirname "$0")/.."
db=${1:?database file or connection string}; rate=${2:-500}; seconds=${3:-30}; poll=${4:-00:00:02}; mode=${5:-one}
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
dotnet build src/Headway.Web -c Release -v quiet -nologo >/dev/null
dotnet build bench/Headway.Benchmarks -c Release -v quiet -nologo >/dev/null
if [ "${HEADWAY_PROVIDER:-Sqlite}" = Postgres ]; then
  connection=$db
else
  copy=$(mktemp -d)/bench.db
  for suffix in "" -wal -shm; do [ -f "$db$suffix" ] && cp "$db$suffix" "$copy$suffix"; done
  connection="Data Source=$copy"
fi
( cd src/Headway.Web/bin/Release/net10.0 && ASPNETCORE_URLS=http://127.0.0.1:$port ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning \
    Database__Provider=${HEADWAY_PROVIDER:-Sqlite} ConnectionStrings__Headway="$connection" Demo__Tenants=0 Api__RequestsPerMinute=0 \
    Webhooks__PollInterval="$poll" exec dotnet Headway.Web.dll ) > /tmp/headway-webhooks-portal.log 2>&1 &
portal=$!
trap 'kill $portal 2>/dev/null || true; [ -n "${copy:-}" ] && rm -rf "$(dirname "$copy")"' EXIT
for _ in $(seq 300); do
  curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break
  sleep 1
done
bench=bench/Headway.Benchmarks/bin/Release/net10.0/Headway.Benchmarks.dll
echo "== change feed, from the start"
dotnet "$bench" feed "http://127.0.0.1:$port"
echo "== webhooks: $rate changes/s for $seconds s, poll every $poll, $mode"
dotnet "$bench" webhooks "http://127.0.0.1:$port" "$rate" "$seconds" 32 "$mode"
echo "portal peak memory: $(grep VmHWM /proc/$portal/status | awk '{print $2/1024 " MB"}')"
