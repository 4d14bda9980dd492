#!/usr/bin/env bash
# Runs the library's tests on the cdktn fork (cdktn 0.24, constructs 10.7.2)
# instead of cdktf: generates cdktn bindings into compat/cdktn/.gen, then runs
# jest with compat/cdktn/jest.config.js, which maps cdktf, constructs and the
# generated bindings to compat/cdktn's copies. Ends with one summary line.
#
# Needs compat/cdktn/node_modules (`npm ci --prefix compat/cdktn` once, with
# network). Runs on Node 20: only cdktn's CLI needs Node 22, and it is not used.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
compat_dir="$repo_root/compat/cdktn"
results="$repo_root/test-reports/jest-cdktn-results.json"

export CHECKPOINT_DISABLE=1

if [[ ! -d "$compat_dir/node_modules/cdktn" ]]; then
  echo "FAIL cdktn: $compat_dir/node_modules is missing; run \`npm ci --prefix compat/cdktn\`."
  exit 1
fi

cd "$repo_root"
mkdir -p "$(dirname "$results")"
echo "Generating cdktn bindings into compat/cdktn/.gen/alicloud"
generate_log="$repo_root/test-reports/cdktn-generate.log"
npx tsx scripts/generate-bindings-cdktn.ts >/dev/null 2>"$generate_log" ||
  { cat "$generate_log"; echo "FAIL cdktn: bindings not generated"; exit 1; }

status=0
rm -f "$results"
npx jest --config compat/cdktn/jest.config.js --json --outputFile="$results" "$@" || status=$?

if [[ ! -f "$results" ]]; then
  echo "FAIL cdktn: jest wrote no results (see its output above)"
  exit 1
fi
node -e '
  const r = require(process.argv[1]);
  const failed = r.numFailedTests + r.numRuntimeErrorTestSuites;
  const verdict = failed === 0 && r.numPassedTests > 0 ? "PASS" : "FAIL";
  console.log(`${verdict} cdktn: ${r.numPassedTests} passed, ${failed} failed`);
' "$results"
exit "$status"
