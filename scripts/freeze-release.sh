#!/usr/bin/env bash
# Freezes a release's schema for the upgrade test (tests/Clinic.Database.Tests/Integration/UpgradeTests.cs):
#   scripts/freeze-release.sh v0.2.0 [COMMIT]
# tags COMMIT (default HEAD) as the release, if the tag does not exist yet, and writes the db/ folder as it
# stands at the tag to tests/Clinic.Database.Tests/Releases/<tag>.tar.gz. The test installs every frozen
# release, fills it with data, upgrades it to the current db/ and checks that nothing was lost. Commit the
# archive; a release's archive is never changed afterwards.
set -euo pipefail
ROOT=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)
cd "$ROOT"
tag=${1:?usage: scripts/freeze-release.sh TAG [COMMIT]}
commit=${2:-HEAD}
[[ $tag =~ ^v[0-9]+\.[0-9]+\.[0-9]+$ ]] || { echo "a release tag looks like v1.2.3" >&2; exit 2; }
out="tests/Clinic.Database.Tests/Releases/$tag.tar.gz"
[[ ! -e $out ]] || { echo "$out exists: a frozen release is never changed" >&2; exit 1; }
git rev-parse -q --verify "refs/tags/$tag" >/dev/null || git tag -a "$tag" -m "Release $tag" "$commit"
mkdir -p "$(dirname "$out")"
git archive --format=tar "$tag" db | gzip -n -9 >"$out"
echo "$out: $(tar -tzf "$out" | grep -c '\.sql$') scripts of $tag ($(git rev-parse --short "$tag^{commit}"))"
