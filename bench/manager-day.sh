#!/usr/bin/env bash
# Load test of a manager's day on loopback: starts the portal (Release) on a database, signs in as the centre's
# onboarding manager (a bearer token for the API, the sign-in cookie for the pages), warms each read up for 10 s, then
# wrk reads with 32 connections for 30 s each: the work list (the manager's landing) and its API, the tenant page over
# 2,000 tenants, the tenant API's first page of 50, the list with a name search, and a mix of filtered lists (filters,
# sorts and pages a manager of hundreds of tenants uses) through the API and the page.
# Usage: bench/manager-day.sh DB_FILE [CONNECTIONS] [READ_SECONDS]
#   WEB_DIR=path/to/bin/Release/net10.0 runs another build (an older one ignores the filters it does not know).
# PostgreSQL: HEADWAY_PROVIDER=Postgres bench/manager-day.sh "Host=...;Database=..."
set -euo pipefail
cd "$(dirname "$0")/.."
db=${1:?database file or connection string}; connections=${2:-32}; read_s=${3:-30}
port=${PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
web=${WEB_DIR:-src/Headway.Web/bin/Release/net10.0}
[ -n "${WEB_DIR:-}" ] || dotnet build src/Headway.Web -c Release -v quiet -nologo >/dev/null
if [ "${HEADWAY_PROVIDER:-Sqlite}" = Postgres ]; then connection=$db; else connection="Data Source=$db"; fi
( cd "$web" && ASPNETCORE_URLS=http://127.0.0.1:$port ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning \
    Database__Provider=${HEADWAY_PROVIDER:-Sqlite} ConnectionStrings__Headway="$connection" Demo__Tenants=0 Api__RequestsPerMinute=0 \
    exec dotnet Headway.Web.dll ) > /tmp/headway-manager-day-portal.log 2>&1 &
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
jar=$(mktemp)
form=$(curl -s -c "$jar" -b "$jar" "$base/account/login" | python3 -c 'import re,sys,html; print(html.unescape(re.search(r"name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"", sys.stdin.read()).group(1)))')
curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "__RequestVerificationToken=$form" --data-urlencode "Email=manager@centre.example" \
  --data-urlencode "Password=Headway-Demo-2026!" --data-urlencode "ReturnUrl=/" "$base/account/login"
cookie=$(awk '$6 == ".Headway.Auth" {print $6 "=" $7}' "$jar")
# Name searches: the first word of 50 tenants spread over the list; filters: what a manager of hundreds asks for.
files=$(mktemp -d)
python3 - "$base" "$token" "$files" <<'PY'
import json, random, sys, urllib.parse, urllib.request
base, token, out = sys.argv[1:4]
def get(path):
    req = urllib.request.Request(base + path, headers={"Authorization": "Bearer " + token})
    return json.load(urllib.request.urlopen(req))
random.seed(7)
words = set()
while len(words) < 50:
    for t in get(f"/api/v1/tenants?pageSize=200&page={random.randint(1, 400)}")["items"][:3]:
        words.add(t["name"].split(" ")[0])
words = sorted(words)
filters = [
    "mine=true", "mine=true&l1=Blocked", "mine=true&hygiene=NotUpdated", "mine=true&sort=lastChange&desc=true", "mine=true&sort=status&desc=true",
    "l1=Blocked", "l1=Blocked&region=EMEA", "l1=Blocked&l1=NoIntent&priority=High", "region=Japan&workload=TEAMS&l1=InProgress",
    "country=DE&sort=seats&desc=true", "priority=High&sort=seats&desc=true", "l2=LegalRegulatory", "l2=ProductFeatureCapability&workload=EXO",
    "hygiene=PoorNote&region=EMEA", "grade=Poor&mine=true", "tag=covid", "manager=manager%40kestrel.example", "region=Americas&p=3",
]
ids = set()
while len(ids) < 2000:
    for t in get(f"/api/v1/tenants?pageSize=200&page={random.randint(1, 400)}")["items"]:
        ids.add(t["id"])
with open(out + "/tenant-page.txt", "w") as f:
    f.write("\n".join(f"/tenants/{i}" for i in sorted(ids)) + "\n")
with open(out + "/worklist-page.txt", "w") as f:
    f.write("/\n")
with open(out + "/worklist-api.txt", "w") as f:
    f.write("/api/v1/worklist\n")
with open(out + "/search-page.txt", "w") as f:
    f.write("\n".join("/tenants?search=" + urllib.parse.quote(w) for w in words) + "\n")
with open(out + "/api.txt", "w") as f:
    f.write("/api/v1/tenants?pageSize=50\n")
with open(out + "/filtered-api.txt", "w") as f:
    f.write("\n".join("/api/v1/tenants?" + q.replace("p=3", "page=3") for q in filters) + "\n")
    f.write("\n".join("/api/v1/tenants?q=" + urllib.parse.quote(w) for w in words[:10]) + "\n")
with open(out + "/filtered-page.txt", "w") as f:
    f.write("\n".join("/tenants?" + q for q in filters) + "\n")
    f.write("\n".join("/tenants?q=" + urllib.parse.quote(w) + "&l1=InProgress" for w in words[:10]) + "\n")
PY
ticks() { awk '{print $14 + $15}' "/proc/$portal/stat"; }
hz=$(getconf CLK_TCK)
# One wrk run; the portal's own CPU time per request is printed too, which other work on the machine does not change.
run() {
  local before after out requests
  before=$(ticks)
  out=$(wrk -t2 -c"$connections" -d"$1" -s bench/load-urls.lua "$base" -- "$files/$2" "$3" | tail -1)
  after=$(ticks)
  requests=$(echo "$out" | awk '{print $1}')
  printf '%s  portal CPU %.1f ms/request\n' "$out" "$(echo "($after - $before) * 1000 / $hz / $requests" | bc -l)"
}
for f in worklist-api.txt api.txt filtered-api.txt; do run 10s $f "Authorization: Bearer $token" >/dev/null; done
for f in worklist-page.txt tenant-page.txt search-page.txt filtered-page.txt; do run 10s $f "Cookie: $cookie" >/dev/null; done
printf 'reads (wrk, %s connections, %s s each):\n' "$connections" "$read_s"
printf '%-26s' "page, work list /"; run "${read_s}s" worklist-page.txt "Cookie: $cookie"
printf '%-26s' "API, work list"; run "${read_s}s" worklist-api.txt "Authorization: Bearer $token"
printf '%-26s' "page, tenant"; run "${read_s}s" tenant-page.txt "Cookie: $cookie"
printf '%-26s' "API, first page of 50"; run "${read_s}s" api.txt "Authorization: Bearer $token"
printf '%-26s' "page, name search"; run "${read_s}s" search-page.txt "Cookie: $cookie"
printf '%-26s' "API, filtered mix"; run "${read_s}s" filtered-api.txt "Authorization: Bearer $token"
printf '%-26s' "page, filtered mix"; run "${read_s}s" filtered-page.txt "Cookie: $cookie"
# Each filtered address alone, one request at a time (20 each, after the runs above): the portal's CPU per request.
if [ "${PER_URL:-1}" = 1 ]; then
  echo "each filtered address alone (portal CPU per request, 20 requests):"
  while read -r path; do
    before=$(ticks)
    for _ in $(seq 20); do curl -s -o /dev/null -H "Authorization: Bearer $token" "$base$path"; done
    after=$(ticks)
    printf '  %6.1f ms  %s\n' "$(echo "($after - $before) * 1000 / $hz / 20" | bc -l)" "$path"
  done < "$files/filtered-api.txt"
fi
printf 'portal peak memory: %s MB\n' "$(( $(awk '/VmHWM/ {print $2}' /proc/$portal/status) / 1024 ))"
