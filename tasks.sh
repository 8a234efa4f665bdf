#!/usr/bin/env bash
# Set-up and everyday tasks. Usage: ./tasks.sh build|test|golden|visual|bench|setup
# Every task first makes sure the machine is set up: Debian packages (fonts, poppler) via
# apt-get as root, and the Python packages into .venv, pinned by requirements.lock.
set -euo pipefail
cd "$(dirname "$0")"

APT_PACKAGES=(chromium chromium-driver fonts-dejavu-core fonts-inter fonts-noto-cjk fonts-noto-core fonts-symbola libharfbuzz-subset0 poppler-utils qpdf)
VENV=.venv

setup_system() {
  local missing=()
  # Debian's own python3 needs python3-venv for `python3 -m venv` (ensurepip).
  python3 -c "import ensurepip" 2>/dev/null || missing+=(python3-venv)
  for package in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "setup: installing ${missing[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

setup_python() {
  local stamp="$VENV/.briefing-installed"
  local wanted
  wanted=$(cat pyproject.toml requirements.lock | sha256sum | cut -d' ' -f1)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ]; then
    return 0
  fi
  echo "setup: installing Python packages into $VENV" >&2
  [ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check -c requirements.lock -e '.[test]'
  echo "$wanted" > "$stamp"
}

# Compiled once, as pip compiles an installed package: with PYTHONDONTWRITEBYTECODE set, an
# editable install would otherwise compile every module on every run (~80 ms a build).
compile_package() { "$VENV/bin/python" -m compileall -q briefing >/dev/null; }

setup() { setup_system; setup_python; compile_package; }

case "${1:-}" in
  setup) setup ;;
  build) shift; setup; "$VENV/bin/python" build.py "$@" ;;
  test)
    shift; setup
    "$VENV/bin/ruff" check .
    "$VENV/bin/ruff" format --check .
    "$VENV/bin/mypy"
    "$VENV/bin/lint-imports" --no-cache  # the layer contract in pyproject.toml
    "$VENV/bin/pytest" "$@"
    ;;
  golden) setup; BRIEFING_UPDATE_GOLDEN=1 "$VENV/bin/pytest" tests/test_render_html.py -q ;;
  visual) setup; BRIEFING_UPDATE_VISUAL=1 "$VENV/bin/pytest" tests/test_product_visual.py -q ;;
  bench)
    shift; setup
    # The peer rows need Typst and a Pandoc that writes Typst: the `bench` extra, not the tests'.
    "$VENV/bin/python" -c "import typst, pypandoc" 2>/dev/null ||
      "$VENV/bin/python" -m pip install -q --disable-pip-version-check -c requirements.lock -e '.[test,bench]'
    "$VENV/bin/python" benchmarks/run.py "$@"
    ;;
  *) echo "usage: ./tasks.sh build|test|golden|visual|bench|setup [ARGS...]" >&2; exit 2 ;;
esac
