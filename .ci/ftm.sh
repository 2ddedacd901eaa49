#!/usr/bin/env bash
# CI: the FollowTheMoney export in followthemoney itself, and the RDF export
# in rdflib (which followthemoney brings). Installs
# followthemoney 4.x into the CI venv (its pyicu dependency builds against
# Debian's libicu-dev with pkg-config and a C++ compiler), then runs
# check_ftm.py (ftm validate and ftm aggregate, what went in against what came
# out) on graphs/newsgraph.ftm.json and on an export of hostile text, and
# check_rdf.py on the N-Triples of both.
# Usage: bash .ci/ftm.sh PYTHON (the venv's python)
set -euo pipefail
cd "$(dirname "$0")/.."
py="$1"

if ! "$py" -c "import followthemoney" >/dev/null 2>&1; then
    need_apt=()
    dpkg -s libicu-dev >/dev/null 2>&1 || need_apt+=(libicu-dev)
    command -v pkg-config >/dev/null 2>&1 || need_apt+=(pkg-config)
    command -v c++ >/dev/null 2>&1 || need_apt+=(g++)
    if [ ${#need_apt[@]} -gt 0 ]; then
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        apt-get install -y -qq "${need_apt[@]}" >/dev/null
    fi
    "$py" -m pip install --quiet --disable-pip-version-check "followthemoney>=4,<5"
fi
"$py" -c "import followthemoney; print('followthemoney', followthemoney.__version__)"

"$py" .ci/check_ftm.py graphs/newsgraph.ftm.json
nt="$(mktemp)"
cargo run --release --quiet -- --no-rebuild export --format nt -o "$nt"
"$py" .ci/check_rdf.py "$nt" graphs/newsgraph.json
rm -f "$nt"

# Hostile text: the minimal fixture with control characters, line breaks,
# markup, padding and a script URL in names, descriptions and evidence.
hostile="$(mktemp -d)"
trap 'rm -rf "$hostile"' EXIT
cp -r tests/fixtures/minimal/. "$hostile"
"$py" - "$hostile/data.ron" <<'PY'
import sys
path = sys.argv[1]
data = open(path, encoding="utf-8").read()
for old, new in [
    ('name: "Ambassador Trentino"',
     r'name: "  Ambassador\n\t\u{2028}Trentino\u{1}\u{1b}[31m </script><b>\"&amp;", '
     r'description: "line one\r\nline\u{85} two\t<img src=x onerror=alert(1)> \u{202e}"'),
    ('name: "Freedonia City"', r'name: "Freedonia\u{a0}\u{a0}City", aliases: ["=HYPERLINK(\"x\")"]'),
    ('evidence: "Sylvania pledged USD 20 million."',
     r'evidence: "  Sylvania\u{7f} pledged\n\nUSD 20 million <script>alert(1)</script>.  "'),
    ('outlet: "Freedonia Gazette"',
     r'outlet: "Freedonia\u{9b} Gazette", url: "javascript:alert(1)", note: "' + "x" * 3000 + '"'),
]:
    assert old in data, old
    data = data.replace(old, new)
open(path, "w", encoding="utf-8").write(data)
PY
for format in ftm nt json; do
    cargo run --release --quiet -- --data "$hostile" export --format "$format" -o "$hostile/hostile.$format"
done
"$py" .ci/check_ftm.py "$hostile/hostile.ftm"
"$py" .ci/check_rdf.py "$hostile/hostile.nt" "$hostile/hostile.json"
