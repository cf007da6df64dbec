#!/usr/bin/env bash
# Measures `headway lint` over N JSON Lines notes (default 1,000,000) on one core: wall time and
# peak memory. Notes are drawn from the labelled corpus, with unique ids and tenants of 16 notes.
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-1000000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet build src/Headway.Cli -c Release -v q -nologo >/dev/null
python3 - "$count" "$work/notes.jsonl" <<'PY'
import json, sys, glob
count, path = int(sys.argv[1]), sys.argv[2]
notes = [json.loads(l) for f in sorted(glob.glob("tests/Headway.NoteCoach.Tests/Corpus/*.jsonl")) for l in open(f, encoding="utf-8")]
workloads = ["EXO", "SPO", "OD", "TEAMS", "OPP", "INTUNE", "AADP", "YAM", "WIN10", "AIP", "MCAS", "IDSEC", "PROJ", "WDATP", "SDS", "OLM"]
with open(path, "w", encoding="utf-8") as out:
    for i in range(count):
        n = notes[i % len(notes)]
        line = {"id": str(i), "text": n["text"], "tenant": f"t{i // 16}", "workload": workloads[i % 16]}
        for k in ("l1", "l2"):
            if k in n: line[k] = n[k]
        out.write(json.dumps(line, ensure_ascii=False) + "\n")
PY
echo "notes: $count ($(du -h "$work/notes.jsonl" | cut -f1))"
/usr/bin/time -f "wall %e s, peak RSS %M KB" taskset -c 0 \
  dotnet src/Headway.Cli/bin/Release/net10.0/headway.dll lint < "$work/notes.jsonl" > "$work/out.jsonl"
echo "output lines: $(wc -l < "$work/out.jsonl")"
