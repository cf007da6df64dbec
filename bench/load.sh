#!/usr/bin/env bash
# Load test on loopback: starts the portal (Release) on a database, waits until /readyz answers, then
# 32 connections read the tenant page and tenant API for 30 s and write entitlement updates for 60 s,
# and every acknowledged write is checked in the final state. Prints percentiles, the write rate and the
# portal's peak memory.
# Usage: bench/load.sh DB_FILE [CONNECTIONS] [READ_SECONDS] [WRITE_SECONDS]
#   e.g. after: dotnet src/Headway.Cli/bin/Release/net10.0/headway.dll demo --tenants 100000 --connection "Data Source=/tmp/big.db"
# PostgreSQL: HEADWAY_PROVIDER=Postgres bench/load.sh "Host=...;Database=..."
set -euo pipefail
cd "$(dirname "$0")/.."
db=${1:?database file or connection string}; connections=${2:-32}; read_s=${3:-30}; write_s=${4:-60}
port=5199
dotnet build src/Headway.Web -c Release -v quiet -nologo >/dev/null
dotnet build bench/Headway.Benchmarks -c Release -v quiet -nologo >/dev/null
if [ "${HEADWAY_PROVIDER:-Sqlite}" = Postgres ]; then connection=$db; else connection="Data Source=$db"; fi
( cd src/Headway.Web && ASPNETCORE_URLS=http://127.0.0.1:$port ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning \
    Database__Provider=${HEADWAY_PROVIDER:-Sqlite} ConnectionStrings__Headway="$connection" Demo__Tenants=0 \
    exec dotnet bin/Release/net10.0/Headway.Web.dll ) > /tmp/headway-load-portal.log 2>&1 &
portal=$!
trap 'kill $portal 2>/dev/null || true' EXIT
for _ in $(seq 300); do
  curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break
  sleep 1
done
# The dotnet host is the portal process itself (exec above).
dotnet bench/Headway.Benchmarks/bin/Release/net10.0/Headway.Benchmarks.dll load "http://127.0.0.1:$port" "$portal" "$connections" "$read_s" "$write_s"
