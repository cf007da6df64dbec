#!/usr/bin/env bash
# Imports 1,600,000 entitlement rows (100,000 tenants x 16 workloads, every note different) into an empty
# database and reports wall time and the process's peak memory. SQLite always; PostgreSQL too when PGUSER and
# PGPASSWORD name a role that may create databases (PGHOST and PGPORT default to 127.0.0.1 and 5432).
# Usage: bench/import.sh [TENANTS]        (Release builds; the input file is written once under /tmp)
set -euo pipefail
cd "$(dirname "$0")/.."
tenants=${1:-100000}
file=/tmp/headway-import-$tenants.csv
dotnet build src/Headway.Cli -c Release -v quiet -nologo >/dev/null
dotnet build bench/Headway.Benchmarks -c Release -v quiet -nologo >/dev/null
if [ ! -f "$file" ]; then
  dotnet bench/Headway.Benchmarks/bin/Release/net10.0/Headway.Benchmarks.dll import-file "$file" "$tenants"
fi
printf 'input: %s rows, %s MB\n' "$(($(wc -l < "$file") - 1))" "$(($(stat -c %s "$file") / 1048576))"
cli=src/Headway.Cli/bin/Release/net10.0/headway.dll

run() { # label, then the CLI's database options
  local label=$1; shift
  dotnet "$cli" migrate "$@" >/dev/null
  /usr/bin/time -f '%e %M' -o /tmp/headway-import-time dotnet "$cli" import "$file" "$@" > /tmp/headway-import-out || { cat /tmp/headway-import-out; exit 1; }
  read -r seconds kb < /tmp/headway-import-time
  printf '%-10s %8.1f s  peak %4d MB  %s\n' "$label" "$seconds" "$((kb / 1024))" "$(grep -o 'Imported.*' /tmp/headway-import-out | tr -s ' ' | cut -c1-120)"
}

db=/tmp/headway-import-bench.db
rm -f "$db" "$db-wal" "$db-shm"
run SQLite --connection "Data Source=$db"

if [ -n "${PGUSER:-}" ]; then
  name=headway_import_bench host=${PGHOST:-127.0.0.1} port=${PGPORT:-5432}
  psql -h "$host" -p "$port" -d postgres -q -c "DROP DATABASE IF EXISTS $name WITH (FORCE)"
  # On loopback TLS protects nothing, and the server would spend part of the core it is bound by decrypting
  # the COPY stream (91 s instead of 85 s); towards a server on another machine the connection keeps TLS.
  tls=""; case $host in 127.0.0.1|localhost|::1) tls=";SSL Mode=Disable" ;; esac
  run PostgreSQL --provider Postgres --connection "Host=$host;Port=$port;Username=$PGUSER;Password=$PGPASSWORD;Database=$name;Timeout=60;Command Timeout=0$tls"
fi
