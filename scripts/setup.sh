#!/usr/bin/env bash
# Install what BoxAgnts needs from Debian's archive, and only what is missing.
# Idempotent and quiet when everything is present; safe in CI (no prompts).
set -euo pipefail

PKGS=(
    make
    gcc
    clang            # wasm32 guests and the libFuzzer/sanitizer builds
    lld              # wasm-ld
    wasi-libc        # wasm32-wasi sysroot
    libclang-rt-dev-wasm32
    wabt             # wat2wasm, wast2json (spec testsuite)
    libcjson-dev     # JSON (spec runner, tool layer)
    libcurl4-openssl-dev  # src/net: the outbound HTTP capability
    dpkg-dev         # dpkg-source: guest libraries from Debian source packages
    bc time          # bench scripts
    python3          # test servers (tests/net), JSON checks in test scripts
    openssl          # a self-signed certificate for the TLS refusal test
    jq               # the bash differential suite reads results faster with it
    rustc            # /usr/bin/rustc 1.63: the Rust programs of tests/corpus
    libstd-rust-dev-wasm32   # its wasm32-wasi standard library
    # real HTML pages the web-fetch suite converts (tests/webfetch: their
    # /usr/share/doc pages; Node's and fpc's are used when present)
    base-passwd bzip2-doc fontconfig libexpat1-dev libffi-dev libjs-underscore
    libjson-c5 libxslt1-dev nettle-dev ninja-build python3-dev shared-mime-info
    valgrind xtrans-dev zlib1g-dev libtasn1-doc
)

# Node.js (>= 18: the node:wasi differential, the MCP client tests): the
# machine's own when present (it may come from elsewhere and bundle npm),
# else Debian's.
if ! command -v node >/dev/null 2>&1; then PKGS+=(nodejs); fi
if ! command -v npm >/dev/null 2>&1; then PKGS+=(npm); fi

missing=()
for p in "${PKGS[@]}"; do
    st=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
    case "$st" in
        *"install ok installed"*) ;;
        *) missing+=("$p") ;;
    esac
done

[ ${#missing[@]} -eq 0 ] && exit 0

echo "setup.sh: installing missing packages: ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then
    SUDO=()
elif command -v sudo >/dev/null 2>&1; then
    SUDO=(sudo -n)
    # Allow an interactive password prompt when we have a terminal.
    [ -t 0 ] && SUDO=(sudo)
else
    echo "setup.sh: not root and sudo is not available; please install: ${missing[*]}" >&2
    exit 1
fi

export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -q --no-install-recommends "${missing[@]}" </dev/null
