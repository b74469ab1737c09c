#!/usr/bin/env bash
# Records new public API in PublicAPI.Unshipped.txt (RS0016) and drops entries for removed API (RS0017).
# Usage: eng/update-public-api.sh src/SecureApi.Toolkit.Hashing   (run it, then review the diff)
set -euo pipefail
project_dir=${1:?usage: eng/update-public-api.sh src/<Package>}
unshipped="$project_dir/PublicAPI.Unshipped.txt"
log=$(mktemp)
dotnet build "$project_dir" -nologo -clp:NoSummary > "$log" 2>&1 || true
grep -oE "RS0016: Symbol '.*' is not part of the declared public API" "$log" \
  | sed -E "s/^RS0016: Symbol '(.*)' is not part of the declared public API$/\1/" | sort -u >> "$unshipped"
grep -oE "RS0017: Symbol '.*' is part of the declared API, but is either not public or could not be found" "$log" \
  | sed -E "s/^RS0017: Symbol '(.*)' is part of the declared API.*/\1/" | sort -u | while IFS= read -r gone; do
    grep -vxF -- "$gone" "$unshipped" > "$unshipped.tmp" || true
    mv "$unshipped.tmp" "$unshipped"
  done
{ echo '#nullable enable'; grep -v '^#nullable enable$' "$unshipped" | sort -u; } > "$unshipped.tmp" && mv "$unshipped.tmp" "$unshipped"
rm -f "$log"
dotnet build "$project_dir" -nologo -clp:NoSummary 2>&1 | grep -E ' error ' | sort -u || echo "public API file up to date: $unshipped"
