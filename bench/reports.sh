#!/usr/bin/env bash
# Each report's server time next to the bare SQL that computes the same aggregate, in one run.
# Usage: bench/reports.sh DB_FILE [RUNS]   (a portal must be serving DB_FILE on $BASE, default http://127.0.0.1:5099)
set -euo pipefail
db=${1:?database file}; runs=${2:-5}; base=${BASE:-http://127.0.0.1:5099}
token=$(curl -s -X POST "$base/api/v1/auth/token" -H 'Content-Type: application/json' \
  -d '{"email":"leadership@centre.example","password":"Headway-Demo-2026!"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')

declare -A sql=(
  [status-matrix]="SELECT L1, L2, Workload, count(*), sum(TenantSeats) FROM Entitlements WHERE L1 <> 'DuplicateInvalid' GROUP BY L1, L2, Workload"
  [blockers]="SELECT L2, Workload, count(*), sum(TenantSeats) FROM Entitlements WHERE L1 = 'Blocked' GROUP BY L2, Workload ORDER BY 3 DESC"
  [no-intent]="SELECT L2, Workload, count(*), sum(TenantSeats) FROM Entitlements WHERE L1 = 'NoIntent' GROUP BY L2, Workload ORDER BY 3 DESC"
  [hygiene]="SELECT (SELECT sum(NoteGrade = 'Poor') + sum(NoteGrade = 'Insufficient') + sum(L1 = 'InProgress' AND TargetDate IS NULL) + sum(L1 = 'InProgress' AND TargetDate < date('now')) + sum(L1 = 'Blocked' AND ProjectedUnblockDate IS NULL) FROM Entitlements WHERE L1 <> 'DuplicateInvalid'), (SELECT sum(n) FROM (SELECT count(*) AS n FROM Entitlements WHERE L1 <> 'DuplicateInvalid' AND Note IS NOT NULL AND (L2 IS NULL OR L2 <> 'CustomerUnresponsive') GROUP BY TenantId, Note HAVING count(*) > 1)), (SELECT count(DISTINCT TenantId) FROM Entitlements WHERE L1 <> 'DuplicateInvalid' AND L2 = 'CustomerUnresponsive')"
  [hashtags]="SELECT j.value, t.Region, NULL, count(*) FROM OverallNotes n JOIN Tenants t ON t.Id = n.TenantId, json_each('[\"' || replace(n.Hashtags, ' ', '\",\"') || '\"]') j WHERE NOT t.IsDuplicate AND n.Hashtags IS NOT NULL GROUP BY j.value, t.Region UNION ALL SELECT j.value, e.TenantRegion, e.Workload, count(*) FROM Entitlements e, json_each('[\"' || replace(e.Hashtags, ' ', '\",\"') || '\"]') j WHERE e.Hashtags IS NOT NULL AND e.L1 <> 'DuplicateInvalid' GROUP BY j.value, e.TenantRegion, e.Workload"
  [note-quality]="SELECT PartnerId, TenantManager, count(*), sum(NoteGrade = 'Good') FROM Entitlements WHERE L1 <> 'DuplicateInvalid' AND NoteGrade IS NOT NULL GROUP BY PartnerId, TenantManager"
)
# The reports' trends replay the history once per filter and keep closed months; the first request pays for it.
for report in blockers no-intent; do
  printf '%-14s first request (replays the history): %s s\n' "$report" "$(curl -s -o /dev/null -w '%{time_total}' -H "Authorization: Bearer $token" "$base/api/v1/reports/$report")"
done

p95() { sort -n | awk '{a[NR]=$1} END {i=int(NR*0.95+0.999); if (i<1) i=1; printf "%.0f", a[i]*1000}'; }
printf '%-14s %12s %12s\n' report "server p95" "bare SQL p95"
for report in status-matrix blockers no-intent hygiene hashtags note-quality; do
  server=$(for _ in $(seq "$runs"); do curl -s -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $token" "$base/api/v1/reports/$report"; done | p95)
  bare=$(for _ in $(seq "$runs"); do
    printf '.timer on\nSELECT count(*) FROM (%s);\n' "${sql[$report]}" | sqlite3 "$db" | awk '/Run Time/ {print $4}'
  done | p95)
  printf '%-14s %9s ms %9s ms\n' "$report" "$server" "$bare"
done
