#!/usr/bin/env bash
# Each report's server time next to the bare SQL that computes the same aggregate, in one run.
# Usage: bench/reports.sh DB_FILE [RUNS]   (a portal must be serving DB_FILE on $BASE, default http://127.0.0.1:5099)
set -euo pipefail
db=${1:?database file}; runs=${2:-5}; base=${BASE:-http://127.0.0.1:5099}
token=$(curl -s -X POST "$base/api/v1/auth/token" -H 'Content-Type: application/json' \
  -d '{"email":"leadership@centre.example","password":"Headway-Demo-2026!"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')

declare -A sql=(
  [status-matrix]="SELECT e.L1, e.L2, e.Workload, count(*), sum(t.Seats) FROM Entitlements e JOIN Tenants t ON t.Id = e.TenantId WHERE NOT t.IsDuplicate AND e.L1 <> 'DuplicateInvalid' GROUP BY e.L1, e.L2, e.Workload"
  [blockers]="SELECT e.L2, e.Workload, count(*), sum(t.Seats) FROM Entitlements e JOIN Tenants t ON t.Id = e.TenantId WHERE NOT t.IsDuplicate AND e.L1 = 'Blocked' GROUP BY e.L2, e.Workload ORDER BY 3 DESC"
  [no-intent]="SELECT e.L2, e.Workload, count(*), sum(t.Seats) FROM Entitlements e JOIN Tenants t ON t.Id = e.TenantId WHERE NOT t.IsDuplicate AND e.L1 = 'NoIntent' GROUP BY e.L2, e.Workload ORDER BY 3 DESC"
  [hygiene]="SELECT sum(e.NoteGrade = 'Poor'), sum(e.NoteGrade = 'Insufficient'), sum(e.L1 = 'InProgress' AND e.TargetDate IS NULL), sum(e.L1 = 'Blocked' AND e.ProjectedUnblockDate IS NULL) FROM Entitlements e JOIN Tenants t ON t.Id = e.TenantId WHERE NOT t.IsDuplicate AND e.L1 <> 'DuplicateInvalid'"
  [hashtags]="SELECT n.Hashtags, t.Region, count(*) FROM OverallNotes n JOIN Tenants t ON t.Id = n.TenantId WHERE NOT t.IsDuplicate AND n.Hashtags IS NOT NULL GROUP BY n.Hashtags, t.Region"
  [note-quality]="SELECT t.PartnerId, t.ManagerName, count(*), sum(e.NoteGrade = 'Good') FROM Entitlements e JOIN Tenants t ON t.Id = e.TenantId WHERE NOT t.IsDuplicate AND e.L1 <> 'DuplicateInvalid' AND e.Note IS NOT NULL AND e.NoteGrade IS NOT NULL GROUP BY t.PartnerId, t.ManagerName"
)

p95() { sort -n | awk '{a[NR]=$1} END {i=int(NR*0.95+0.999); if (i<1) i=1; printf "%.0f", a[i]*1000}'; }
printf '%-14s %12s %12s\n' report "server p95" "bare SQL p95"
for report in status-matrix blockers no-intent hygiene hashtags note-quality; do
  server=$(for _ in $(seq "$runs"); do curl -s -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $token" "$base/api/v1/reports/$report"; done | p95)
  bare=$(for _ in $(seq "$runs"); do
    printf '.timer on\nSELECT count(*) FROM (%s);\n' "${sql[$report]}" | sqlite3 "$db" | awk '/Run Time/ {print $4}'
  done | p95)
  printf '%-14s %9s ms %9s ms\n' "$report" "$server" "$bare"
done
