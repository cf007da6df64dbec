#!/usr/bin/env bash
# Load test on loopback: starts the portal (Release) on a database, waits until /readyz answers, warms it
# up for 10 s per read, then wrk reads the tenant page and the tenant API over random tenants with 32
# connections (30 s each), and the .NET load script writes entitlement updates for 60 s with 32 connections and checks every
# acknowledged write in the final state. Prints percentiles, the write rate and the portal's peak memory.
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
    Database__Provider=${HEADWAY_PROVIDER:-Sqlite} ConnectionStrings__Headway="$connection" Demo__Tenants=0 Api__RequestsPerMinute=0 \
    exec dotnet bin/Release/net10.0/Headway.Web.dll ) > /tmp/headway-load-portal.log 2>&1 &
portal=$!
trap 'kill $portal 2>/dev/null || true' EXIT
for _ in $(seq 300); do
  curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break
  sleep 1
done
command -v wrk >/dev/null || { apt-get install -y -qq wrk >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }; }
base="http://127.0.0.1:$port"
token=$(curl -s -X POST "$base/api/v1/auth/token" -H 'Content-Type: application/json' \
  -d '{"email":"manager@centre.example","password":"Headway-Demo-2026!"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
# 2,000 tenants spread over the whole list.
python3 - "$base" "$token" > /tmp/headway-load-ids.txt <<'PY'
import json, random, sys, urllib.request
base, token = sys.argv[1], sys.argv[2]
def get(path):
    req = urllib.request.Request(base + path, headers={"Authorization": "Bearer " + token})
    return json.load(urllib.request.urlopen(req))
total = get("/api/v1/tenants?pageSize=1")["total"]
random.seed(7)
ids = set()
while len(ids) < min(2000, total):
    for t in get(f"/api/v1/tenants?pageSize=200&page={random.randint(1, max(1, total // 200))}")["items"]:
        ids.add(t["id"])
print("\n".join(str(i) for i in sorted(ids)))
PY
# The page as a browser asks for it: with the sign-in cookie of the form.
jar=$(mktemp)
form=$(curl -s -c "$jar" -b "$jar" "$base/account/login" | python3 -c 'import re,sys,html; print(html.unescape(re.search(r"name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"", sys.stdin.read()).group(1)))')
curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "__RequestVerificationToken=$form" --data-urlencode "Email=manager@centre.example" \
  --data-urlencode "Password=Headway-Demo-2026!" --data-urlencode "ReturnUrl=/" "$base/account/login"
cookie=$(awk '$6 == ".Headway.Auth" {print $6 "=" $7}' "$jar")
# Warm-up, not measured: 10 s of each read, so the figures are of compiled code, not of the JIT at work.
wrk -t2 -c"$connections" -d10s -s bench/load-read.lua "$base" -- /tenants/ /tmp/headway-load-ids.txt "Cookie: $cookie" >/dev/null
wrk -t2 -c"$connections" -d10s -s bench/load-read.lua "$base" -- /api/v1/tenants/ /tmp/headway-load-ids.txt "Authorization: Bearer $token" >/dev/null
printf 'reads (wrk, %s connections, %s s each, %s tenants):\n' "$connections" "$read_s" "$(wc -l < /tmp/headway-load-ids.txt)"
printf '%-18s' "tenant page"
wrk -t2 -c"$connections" -d"${read_s}s" -s bench/load-read.lua "$base" -- /tenants/ /tmp/headway-load-ids.txt "Cookie: $cookie" | tail -1
printf '%-18s' "tenant API"
wrk -t2 -c"$connections" -d"${read_s}s" -s bench/load-read.lua "$base" -- /api/v1/tenants/ /tmp/headway-load-ids.txt "Authorization: Bearer $token" | tail -1
# Writes and the final-state check (the dotnet host is the portal process itself: exec above).
dotnet bench/Headway.Benchmarks/bin/Release/net10.0/Headway.Benchmarks.dll load "$base" "$portal" "$connections" 0 "$write_s"
