# tests/server/sdk.sh — sourced (from the repository's root) by the suites that drive the
# server with the official MCP SDK client: installs @modelcontextprotocol/sdk@1 from npm into
# $BUILD/mcp-client once (never committed). npm missing or failing fails the suite through the
# caller's fail_all. Needs BUILD and fail_all; sets SDK_PREFIX and SDK.
SDK_PREFIX=$BUILD/mcp-client
SDK=$SDK_PREFIX/node_modules/@modelcontextprotocol/sdk
if [ ! -f "$SDK/package.json" ]; then
    command -v npm >/dev/null || fail_all "npm is not installed (apt-get install npm)"
    mkdir -p "$SDK_PREFIX"
    if ! npm install --prefix "$SDK_PREFIX" --no-audit --no-fund --loglevel=error \
            "@modelcontextprotocol/sdk@1" >"$SDK_PREFIX/npm.log" 2>&1 || [ ! -f "$SDK/package.json" ]; then
        tail -n 20 "$SDK_PREFIX/npm.log" | sed 's/^/    /'
        fail_all "npm install @modelcontextprotocol/sdk failed: the MCP client tests cannot run"
    fi
fi
