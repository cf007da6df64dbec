#!/usr/bin/env bash
# How long a failed sign-in takes for an email that has an account and for one that has none: the two must
# not be told apart by their answer or its time. Starts the portal (Release) on a fresh demo database, then
# sends ROUNDS token requests with a wrong password for each kind, one at a time, and prints median and p90.
# Known accounts are cycled (three attempts each by default, below the lock of five); unknown emails are all different.
# Usage: bench/signin.sh [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-72}
port=5198
db=$(mktemp -d)/signin.db
dotnet build src/Headway.Web -c Release -v quiet -nologo >/dev/null
( cd src/Headway.Web && ASPNETCORE_URLS=http://127.0.0.1:$port ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning \
    ConnectionStrings__Headway="Data Source=$db" Demo__Tenants=20 Security__SignInAttemptsPerMinute=100000 \
    exec dotnet bin/Release/net10.0/Headway.Web.dll ) > /tmp/headway-signin-portal.log 2>&1 &
portal=$!
trap 'kill $portal 2>/dev/null || true; rm -f "$db" "$db"-*' EXIT
for _ in $(seq 300); do
  curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break
  sleep 1
done
base="http://127.0.0.1:$port/api/v1/auth/token"
known=(admin manager engineer architect gateway regional-manager leadership product-analyst)
domains=(centre.example bluefield.example kestrel.example)
attempt() { # email; prints the status and the seconds
  curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -X POST "$base" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$1\",\"password\":\"Wrong-Password-2026\"}"
}
# Warm-up: the JIT and the first hash of each path.
for i in $(seq 8); do attempt "warm$i@nowhere.example" >/dev/null; done
attempt "engineer@kestrel.example" >/dev/null
summary() { # label, file of "status seconds"
  sort -k2 -n "$2" | awk -v label="$1" '{ s[NR] = $2; c[$1]++ } END {
    printf "%-28s n=%d  median %.1f ms  p90 %.1f ms  statuses:", label, NR, 1000 * s[int(NR / 2) + 1], 1000 * s[int(NR * 0.9)];
    for (k in c) printf " %s×%d", k, c[k]; printf "\n" }'
}
: > /tmp/headway-signin-known; : > /tmp/headway-signin-unknown
for i in $(seq 0 $((rounds - 1))); do
  user=${known[$((i % 8))]}@${domains[$(((i / 8) % 3))]}
  attempt "$user" >> /tmp/headway-signin-known
  attempt "nobody$i@nowhere.example" >> /tmp/headway-signin-unknown
done
summary "account exists" /tmp/headway-signin-known
summary "no such account" /tmp/headway-signin-unknown
