#!/usr/bin/env bash
# Installs the packed library into a copy of examples/existing-app, the way a
# consumer would (from the tarball, never from lib/), synthesizes the app with
# plain node and checks the output. Ends with one PASS or FAIL line.
#
# Works offline: npm gets only the tarball and the repository's own copies of
# cdktf and constructs, which it links instead of downloading.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
package_name="cdktf-alicloud-security-group-rules"
work_dir="$(mktemp -d)"
trap 'rm -rf "$work_dir"' EXIT

export CHECKPOINT_DISABLE=1
export JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION=1

fail() {
  echo "FAIL consumer app: $*"
  exit 1
}

cd "$repo_root"
# The compile task, not jsii alone: it also writes the lazy index the package ships.
echo "Compiling with jsii and the lazy index"
npx projen compile >"$work_dir/jsii.log" 2>&1 ||
  { cat "$work_dir/jsii.log"; fail "the compile task did not compile the library"; }

echo "Packing into $work_dir"
tarball_name="$(npm pack --ignore-scripts --offline --pack-destination "$work_dir" --json |
  node -e 'process.stdout.write(JSON.parse(require("fs").readFileSync(0, "utf8"))[0].filename)')"

app_dir="$work_dir/existing-app"
cp -R "$repo_root/examples/existing-app" "$app_dir"
cp "$work_dir/$tarball_name" "$app_dir/$package_name.tgz"

echo "Installing $tarball_name offline"
cd "$app_dir"
# The app asks the registry for cdktf and constructs; offline, the repository's
# copies stand in, linked. npm 11.19 crashes ("Cannot read properties of null
# (reading 'matches')") when those links are installed while package.json
# already lists the dependencies, so the list is cleared and npm rewrites it.
npm pkg delete dependencies
npm install --offline --no-audit --no-fund --loglevel=error \
  "./$package_name.tgz" "$repo_root/node_modules/cdktf" "$repo_root/node_modules/constructs" \
  >"$work_dir/install.log" 2>&1 ||
  { cat "$work_dir/install.log"; fail "npm could not install the tarball offline"; }

echo "Synthesizing with node main.js"
node main.js >"$work_dir/synth.log" 2>&1 ||
  { cat "$work_dir/synth.log"; fail "the app did not synthesize"; }

# Every check runs, so one run lists every failure.
node - "$app_dir" "$package_name" <<'EOF' || fail "see the failed checks above"
const fs = require("node:fs");
const path = require("node:path");

const [appDir, packageName] = process.argv.slice(2);
const outdir = path.join(appDir, "cdktf.out");
const stack = JSON.parse(
  fs.readFileSync(path.join(outdir, "stacks", "existing-app", "cdk.tf.json"), "utf8"),
);
const manifest = JSON.parse(fs.readFileSync(path.join(outdir, "manifest.json"), "utf8"));
const resources = stack.resource ?? {};
const rules = resources.alicloud_security_group_rule ?? {};
const annotations = manifest.stacks["existing-app"].annotations ?? [];
const libraryDir = fs.realpathSync(path.join(appDir, "node_modules", packageName));
const requireFromApp = (name) => require.resolve(name, { paths: [appDir] });
const requireFromLibrary = (name) => require.resolve(name, { paths: [libraryDir] });

const checks = [
  ["the library is installed from the tarball, not linked", libraryDir.startsWith(appDir)],
  [
    "the shipped index is the lazy one: requiring it loads no other module of the package",
    (() => {
      const before = new Set(Object.keys(require.cache));
      require(require.resolve(packageName, { paths: [appDir] }));
      return Object.keys(require.cache).filter((file) => !before.has(file)).length === 1;
    })(),
  ],
  [
    "the app and the library share one cdktf",
    requireFromApp("cdktf") === requireFromLibrary("cdktf"),
  ],
  [
    "the app and the library share one constructs",
    requireFromApp("constructs") === requireFromLibrary("constructs"),
  ],
  ["the app's VPC is synthesized", Object.keys(resources.alicloud_vpc ?? {}).length === 1],
  [
    "the app's security group is synthesized",
    Object.keys(resources.alicloud_security_group ?? {}).length === 1,
  ],
  [
    "18 cPanel rules plus the hand-written SSH rule are synthesized",
    Object.keys(rules).length === 19,
  ],
  [
    "the hand-written SSH rule keeps its own name",
    rules["ssh-from-anywhere"]?.port_range === "22/22",
  ],
  [
    "the review warns [open-admin-port] on the hand-written SSH rule",
    annotations.some(
      (a) =>
        a.level.endsWith("/warn") &&
        a.constructPath.endsWith("/ssh-from-anywhere") &&
        a.message.startsWith("[open-admin-port]"),
    ),
  ],
  [
    "required_providers.alicloud is aliyun/alicloud ~> 1.289",
    JSON.stringify(stack.terraform?.required_providers?.alicloud) ===
      JSON.stringify({ source: "aliyun/alicloud", version: "~> 1.289" }),
  ],
  [
    "the backend path is relative, so no machine path leaks",
    stack.terraform?.backend?.local?.path === "terraform.existing-app.tfstate",
  ],
];

let failed = 0;
for (const [name, passed] of checks) {
  console.log(`${passed ? "ok  " : "FAIL"} ${name}`);
  failed += passed ? 0 : 1;
}
process.exitCode = failed === 0 ? 0 : 1;
EOF

size="$(wc -c <"$work_dir/$tarball_name" | tr -d ' ')"
echo "PASS consumer app: $tarball_name ($size bytes) installed offline and synthesized"
