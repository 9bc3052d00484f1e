#!/usr/bin/env bash
# Runs the official MCP conformance suite (@modelcontextprotocol/conformance) against `alchemist serve`
# (built CLI, loopback, no auth, with the suite's fixture tools behind --conformance-fixtures).
# Prints passed/failed counts; exits non-zero when any scenario fails.
set -uo pipefail
cd "$(dirname "$0")/.."
[ -f dist/server/cli.js ] || { echo "conformance: dist/server/cli.js is missing: run 'npm run build' first" >&2; exit 2; }

work="$(mktemp -d "${TMPDIR:-/tmp}/alchemist-conformance-XXXXXX")"
log="$work/server.log"
ALCHEMIST_HOME="$work" node dist/server/cli.js serve --port 0 --no-auth --json --conformance-fixtures \
  --memory "$work/memory.db" >"$work/listen.json" 2>"$log" &
server=$!
cleanup() { kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
trap "exit 130" INT TERM

for _ in $(seq 1 200); do
  [ -s "$work/listen.json" ] && break
  kill -0 "$server" 2>/dev/null || { echo "conformance: the server did not start:" >&2; cat "$log" >&2; exit 2; }
  sleep 0.1
done
url="$(node -e 'process.stdout.write(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).mcp)' "$work/listen.json")"
# The suite's localhost checks need a localhost URL, not 127.0.0.1.
url="${url/127.0.0.1/localhost}"
echo "conformance: testing $url"

# The whole active suite in one process (one npx start); its summary line carries the counts.
npx conformance server --url "$url" -o "$work/results" >"$work/suite.log" 2>&1
status=$?
grep -E "^[✓✗×]|^Total:" "$work/suite.log" | grep -v "^✓" || true
total="$(grep -E "^Total:" "$work/suite.log" | tail -1)"
passed="$(sed -n 's/^Total: \([0-9]*\) passed.*/\1/p' <<<"$total")"
failed="$(sed -n 's/.* \([0-9]*\) failed.*/\1/p' <<<"$total")"
if [ -z "$passed" ]; then
  echo "conformance: no summary from the suite:" >&2
  cat "$work/suite.log" >&2
  exit 1
fi
echo "conformance: $passed passed, $failed failed"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
