#!/usr/bin/env bash
# Installs what the tests need (when missing) and runs every test suite.
# Usage: ./test.sh            all suites
#        ./test.sh --filter X  passes a dotnet test filter to every suite
set -euo pipefail
cd "$(dirname "$0")"

apt_install() {
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "==> installing ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# Browser tests drive Debian's Chromium (never a downloaded browser); the server suite also runs on PostgreSQL, and the
# scale-out tests use Redis (both started by the tests themselves on free ports); the email tests run dovecot and aiosmtpd;
# Node.js builds the website widget (widget/, `npm ci` and esbuild, run by the server's build).
apt_install chromium fonts-liberation postgresql redis-server dovecot-imapd python3-aiosmtpd
# Node.js may come from elsewhere (NodeSource's nodejs ships its own npm and conflicts with Debian's npm package).
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then apt_install nodejs npm; fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
echo "==> building"
dotnet build Inbox.sln -c Release -nologo -clp:ErrorsOnly

# "suite[:database]": the server suite runs once on SQLite and once on PostgreSQL.
suites=(tests/Inbox.Tests:sqlite tests/Inbox.Tests:postgres tests/Inbox.Web.Tests)
[ -d tests/Inbox.E2E ] && suites+=(tests/Inbox.E2E)

passed=0; failed=0; status=0
for entry in "${suites[@]}"; do
  suite=${entry%%:*}; database=sqlite
  [[ $entry == *:* ]] && database=${entry#*:}
  echo "==> $suite ($database)"
  log=$(mktemp)
  if ! INBOX_TEST_DATABASE=$database dotnet test "$suite" -c Release --no-build -nologo "$@" 2>&1 | tee "$log"; then status=1; fi
  line=$(grep -E "^(Passed|Failed)!" "$log" | tail -1 || true)
  if [ -z "$line" ]; then
    # A --filter may match nothing in a suite; anything else without a result line is a failure.
    if [ $# -gt 0 ] && grep -q "No test matches" "$log"; then rm -f "$log"; continue; fi
    status=1; echo "!! $suite reported no result"
  fi
  p=$(sed -nE 's/.*Passed: *([0-9]+).*/\1/p' <<<"$line"); f=$(sed -nE 's/.*Failed: *([0-9]+).*/\1/p' <<<"$line")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
  rm -f "$log"
done

# The benchmark harness in --quick mode (about a minute each): proves it still runs and that its correctness checks
# pass (every request answered, each message pushed once, exactly N rows). Its figures are not measurements.
if [ $# -eq 0 ]; then
  results=$(mktemp -d)
  for setup in "--database sqlite" "--database postgres --nodes 2"; do
    echo "==> bench --quick $setup"
    # shellcheck disable=SC2086
    if bench/run.sh --quick $setup --results "$results" >"$results/log" 2>&1; then
      grep -E "^- (PASS|FAIL)" "$results/log" || true
    else
      status=1; echo "!! bench --quick $setup failed"; tail -40 "$results/log"
    fi
  done
  rm -rf "$results"
fi

echo
echo "Tests: $passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ] || status=1
exit $status
