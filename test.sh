#!/usr/bin/env bash
# Installs what the tests need, builds the solution (warnings are errors), checks formatting and
# runs every test project. The last line printed is "N passed, N failed" (", N skipped" when some
# were skipped). Exits non-zero if a step failed, a test failed or no test ran.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

step() { printf '\n==> %s\n' "$*"; }

# Installs the Debian packages given that are not installed yet; does nothing when all are.
apt_ensure() {
  local missing=() pkg
  for pkg in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("$pkg")
    fi
  done
  if ((${#missing[@]} == 0)); then
    return 0
  fi
  local sudo=()
  if ((EUID != 0)); then
    sudo=(sudo)
  fi
  step "installing Debian packages: ${missing[*]}"
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
}

# ---------------------------------------------------------------------------------------------
# Debian packages the tests need. Later issues add theirs here (postgresql, chromium, dovecot),
# one line each with the tests that use them.
# ---------------------------------------------------------------------------------------------
debian_packages=(
  python3-holidays # Debian's python-holidays: independent Belgian holidays (HolidayCrossCheckTests)
  postgresql       # server + client: the throwaway cluster of the PostgreSQL tests (Infrastructure/PostgresServer)
  dovecot-imapd    # a real IMAP server on 127.0.0.1 for the mail tests (ClauseDesk.MailServers.Tests)
  dovecot-lmtpd    # delivers the test mail into Dovecot's mailboxes
  python3-aiosmtpd # a real SMTP server on 127.0.0.1 that keeps what it receives (outbound mail tests)
  libsaxonhe-java  # Saxon-HE: runs the official Peppol BIS 3.0 / EN 16931 validation XSLT on our invoices
  default-jre-headless # the Java runtime Saxon runs on
  poppler-utils    # pdftoppm: invoice PDFs rendered to PNG in the billing tests
  chromium         # the real browser the portal tests drive with Playwright
  fonts-dejavu-core # fonts for the headless browser's screenshots
)
apt_ensure "${debian_packages[@]}"

problems=()

step "dotnet build ClauseDesk.sln -c Release"
if ! dotnet build ClauseDesk.sln -c Release; then
  echo "test.sh: the build failed" >&2
  echo "0 passed, 0 failed"
  exit 1
fi

step "dotnet format --verify-no-changes"
if ! dotnet format ClauseDesk.sln --verify-no-changes --no-restore; then
  problems+=("the code is not formatted: run 'dotnet format ClauseDesk.sln'")
fi

results=TestResults/test-sh
rm -rf "$results"
mkdir -p "$results"

for project in tests/*/*.csproj; do
  name=$(basename "$project" .csproj)
  step "dotnet test $name"
  if ! dotnet test "$project" -c Release --no-build \
    --results-directory "$results" \
    --logger "trx;LogFileName=$name.trx" \
    --logger "console;verbosity=normal"; then
    problems+=("dotnet test $name failed")
  fi
  if [[ ! -f "$results/$name.trx" ]]; then
    problems+=("dotnet test $name wrote no results")
  fi
done

# Sums the <Counters> of every trx file: prints one line per project, then "passed failed skipped".
shopt -s nullglob
trx_files=("$results"/*.trx)
shopt -u nullglob
summary=$(
  /usr/bin/python3 - "${trx_files[@]}" <<'PY'
import os
import sys
import xml.etree.ElementTree as ET

ns = "{http://microsoft.com/schemas/VisualStudio/TeamTest/2010}"
passed = failed = skipped = 0
for path in sys.argv[1:]:
    name = os.path.basename(path)[:-4]
    summary = ET.parse(path).getroot().find(f"{ns}ResultSummary")
    counters = summary.find(f"{ns}Counters") if summary is not None else None
    c = {k: int(v) for k, v in counters.attrib.items() if v.isdigit()} if counters is not None else {}
    p = c.get("passed", 0)
    f = sum(c.get(k, 0) for k in ("failed", "error", "timeout", "aborted"))
    s = max(c.get("total", 0) - p - f, 0)
    outcome = summary.get("outcome", "") if summary is not None else "missing"
    note = ""
    if f == 0 and outcome not in ("Completed", "Passed"):
        # The run itself failed (a crashed test host, a timeout): no test says so, count it as one.
        f, note = 1, f" (run outcome {outcome or 'unknown'}, counted as 1 failed)"
    print(f"  {name}: total {c.get('total', 0)}, passed {p}, failed {f}, skipped {s}{note}", file=sys.stderr)
    passed, failed, skipped = passed + p, failed + f, skipped + s
print(passed, failed, skipped)
PY
) || {
  problems+=("could not read the test results in $results")
  summary="0 0 0"
}
read -r passed failed skipped <<<"$summary"

if ((passed + failed == 0)); then
  problems+=("no test ran")
fi

echo
for problem in "${problems[@]}"; do
  echo "test.sh: $problem" >&2
done

line="$passed passed, $failed failed"
if ((skipped > 0)); then
  line+=", $skipped skipped"
fi
echo "$line"

if ((failed > 0 || ${#problems[@]} > 0)); then
  exit 1
fi
