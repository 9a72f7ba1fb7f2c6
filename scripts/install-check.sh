#!/usr/bin/env bash
# Proves that `go install github.com/tradedocs/tradedocs/cmd/tradedocs@VERSION`
# works for a user: the committed tree (HEAD) is packed as a module zip
# with golang.org/x/mod/zip, served from a file-based GOPROXY with the
# @v/list, .info, .mod and .zip a module proxy serves, installed from there
# into an empty GOBIN with an empty module cache, and the installed binary
# is run on examples/.
#
# Dependencies come from the local module cache when it has them, else
# from the real proxy. Nothing outside a temporary directory is changed.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
version=${INSTALL_CHECK_VERSION:-v0.1.0}
module=$(go list -m)
real_proxy=$(go env GOPROXY | tr ',|' '\n\n' | grep -v -e '^direct$' -e '^off$' -e '^$' | head -1)
real_proxy=${real_proxy:-https://proxy.golang.org}
cache=$(go env GOMODCACHE)

work=$(mktemp -d)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
fail() { echo "install-check: $*" >&2; exit 1; }

echo "-- pack HEAD of $module as $version"
mkdir -p "$work/src"
git archive HEAD | tar -x -C "$work/src"
mkdir -p "$work/mkzip"
cat > "$work/mkzip/main.go" <<'GO'
// mkzip writes the module zip of a directory, as a module proxy serves it.
package main

import (
	"log"
	"os"

	"golang.org/x/mod/module"
	"golang.org/x/mod/zip"
)

func main() {
	path, version, dir, out := os.Args[1], os.Args[2], os.Args[3], os.Args[4]
	f, err := os.Create(out)
	if err != nil {
		log.Fatal(err)
	}
	if err := zip.CreateFromDir(f, module.Version{Path: path, Version: version}, dir); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
}
GO
(
  cd "$work/mkzip"
  export GOFLAGS=-mod=mod GOTOOLCHAIN=local
  go mod init mkzip >/dev/null 2>&1
  go get golang.org/x/mod@v0.42.0 >/dev/null 2>&1 || go get golang.org/x/mod >/dev/null
  go build -o "$work/mkzip/mkzip" .
)
proxy="$work/proxy/$module/@v"
mkdir -p "$proxy"
"$work/mkzip/mkzip" "$module" "$version" "$work/src" "$proxy/$version.zip"
cp "$work/src/go.mod" "$proxy/$version.mod"
printf '{"Version":"%s","Time":"%s"}\n' "$version" "$(git log -1 --format=%cI HEAD)" > "$proxy/$version.info"
echo "$version" > "$proxy/list"
ls -l "$proxy"

echo "-- go install $module/cmd/tradedocs@latest from the local proxy"
export GOBIN="$work/bin" GOMODCACHE="$work/modcache" GOFLAGS=-mod=mod GONOSUMDB='*' GOTOOLCHAIN=local
export GOPROXY="file://$work/proxy,file://$cache/cache/download,$real_proxy"
(cd "$work" && go install "$module/cmd/tradedocs@latest") || fail "go install @latest failed"
(cd "$work" && go install "$module/cmd/tradedocs@$version") || fail "go install @$version failed"
td="$GOBIN/tradedocs"
[ -x "$td" ] || fail "no binary in GOBIN"

echo "-- the installed binary"
got=$("$td" version)
echo "$got"
case "$got" in "tradedocs $version "*) ;; *) fail "version says \"$got\", want tradedocs $version" ;; esac
help=$("$td" generate --help 2>/dev/null) || fail "generate --help failed"
grep -q -- '--font FILE' <<< "$help" || fail "generate --help does not list --font on stdout"
"$td" completion bash > "$work/completion.bash" && bash -n "$work/completion.bash" || fail "the bash completion script does not parse"
"$td" check "$root/examples" > "$work/check.txt" || { cat "$work/check.txt"; fail "check examples/ failed"; }
tail -1 "$work/check.txt"
"$td" generate "$root/examples" -o "$work/out" > "$work/generate.txt" || { cat "$work/generate.txt"; fail "generate examples/ failed"; }
cat "$work/generate.txt"
orders=$(sed -nE 's/^[0-9]+ files?, ([0-9]+) orders?:.*/\1/p' "$work/check.txt")
pis=$(ls "$work"/out/*-PI.pdf | wc -l)
cis=$(ls "$work"/out/*-CI.pdf | wc -l)
pls=$(ls "$work"/out/*-PL.pdf | wc -l)
[ -n "$orders" ] && [ "$orders" -gt 0 ] || fail "check found no orders in examples/"
[ "$pis" -eq "$orders" ] && [ "$cis" -eq "$orders" ] || fail "$pis PIs and $cis CIs for $orders orders, want a PI and a CI each"
[ "$pls" -ge 1 ] || fail "no packing list for the examples with packing data"
[ -s "$work/out/manifest.csv" ] || fail "no manifest.csv"
echo "install-check: ok ($pis PIs, $cis CIs, $pls packing lists from the installed binary)"
