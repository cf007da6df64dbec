#!/usr/bin/env bash
# Imports 1,600,000 entitlement rows (100,000 tenants x 16 workloads, every note different) into an empty
# database, from CSV and from a workbook shaped as the export writes one, and reports wall time and the
# process's peak memory. SQLite always; PostgreSQL too when PGUSER and PGPASSWORD name a role that may create
# databases (PGHOST and PGPORT default to 127.0.0.1 and 5432).
# Usage: bench/import.sh [TENANTS] [csv|xlsx]   (Release builds; the input files are written once under /tmp;
#                                               both formats unless one is named)
set -euo pipefail
cd "$(dirname "$0")/.."
tenants=${1:-100000}
formats=${2:-csv xlsx}
dotnet build src/Headway.Cli -c Release -v quiet -nologo >/dev/null
dotnet build bench/Headway.Benchmarks -c Release -v quiet -nologo >/dev/null
cli=src/Headway.Cli/bin/Release/net10.0/headway.dll

run() { # label, file, then the CLI's database options
  local label=$1 file=$2; shift 2
  dotnet "$cli" migrate "$@" >/dev/null
  /usr/bin/time -f '%e %M' -o /tmp/headway-import-time dotnet "$cli" import "$file" --confirm-same-note "$@" > /tmp/headway-import-out || { cat /tmp/headway-import-out; exit 1; }
  read -r seconds kb < /tmp/headway-import-time
  printf '%-16s %8.1f s  peak %4d MB  %s\n' "$label" "$seconds" "$((kb / 1024))" "$(grep -o 'Imported.*' /tmp/headway-import-out | tr -s ' ' | cut -c1-120)"
}

for format in $formats; do
  file=/tmp/headway-import-$tenants.$format
  if [ ! -f "$file" ]; then
    dotnet bench/Headway.Benchmarks/bin/Release/net10.0/Headway.Benchmarks.dll import-file "$file" "$tenants"
  fi
  printf 'input: %s, %s rows, %s MB\n' "$format" "$((tenants * 16))" "$(($(stat -c %s "$file") / 1048576))"

  db=/tmp/headway-import-bench.db
  rm -f "$db" "$db-wal" "$db-shm"
  run "SQLite $format" "$file" --connection "Data Source=$db"

  if [ -n "${PGUSER:-}" ]; then
    name=headway_import_bench host=${PGHOST:-127.0.0.1} port=${PGPORT:-5432}
    psql -h "$host" -p "$port" -d postgres -q -c "DROP DATABASE IF EXISTS $name WITH (FORCE)"
    # On loopback TLS protects nothing, and the server would spend part of the core it is bound by decrypting
    # the COPY stream (91 s instead of 85 s); towards a server on another machine the connection keeps TLS.
    tls=""; case $host in 127.0.0.1|localhost|::1) tls=";SSL Mode=Disable" ;; esac
    run "PostgreSQL $format" "$file" --provider Postgres --connection "Host=$host;Port=$port;Username=$PGUSER;Password=$PGPASSWORD;Database=$name;Timeout=60;Command Timeout=0$tls"
  fi
done
