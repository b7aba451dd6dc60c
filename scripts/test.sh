#!/usr/bin/env bash
# Runs every test spanlight has, installing whatever is missing first (idempotent):
#   1. native tests of the core and the CLI (cargo test)
#   2. browser tests of components in headless Chromium (wasm-bindgen-test)
#   3. end-to-end tests: the release build served on 127.0.0.1, driven in Chromium like a user
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

bash scripts/setup.sh --browser

echo "== 1/3 native tests: core, recogniser, formats, CLI"
cargo test --locked

echo "== 2/3 browser tests: components in headless Chromium"
CHROMEDRIVER="$(command -v chromedriver)" \
  cargo test --locked --target wasm32-unknown-unknown --test browser --test browser_storage

echo "== 3/3 end-to-end: release build on 127.0.0.1, driven in Chromium"
trunk build --release
(cd tests/e2e && npm ci --no-audit --no-fund --loglevel=error)
(cd tests/e2e && node --test --test-concurrency=1)

echo "== conformance: the spaCy export loaded by spaCy itself"
# spaCy comes from PyPI into a venv kept under target/ (ignored, reused); without it the check
# prints a skip notice instead of failing, since the other layers do not depend on it.
venv=target/conformance-venv
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import spacy" 2>/dev/null; then
  python3 -m venv "$venv" && "$venv/bin/pip" install -q --disable-pip-version-check --timeout 60 spacy ||
    echo "notice: could not install spaCy from PyPI; the conformance check will be skipped"
fi
if [ -x "$venv/bin/python" ]; then
  "$venv/bin/python" tests/conformance/spacy_check.py
else
  python3 tests/conformance/spacy_check.py
fi

echo "== conformance: agreement (kappa) against scikit-learn and statsmodels"
# Only these two (and their numpy/scipy) join the venv; without them the check prints a skip
# notice, as the spaCy check does.
if [ -x "$venv/bin/python" ] && ! "$venv/bin/python" -c "import sklearn, statsmodels" 2>/dev/null; then
  "$venv/bin/python" -m pip install -q --disable-pip-version-check --timeout 60 scikit-learn statsmodels ||
    echo "notice: could not install scikit-learn/statsmodels from PyPI; the agreement check will be skipped"
fi
if [ -x "$venv/bin/python" ]; then
  "$venv/bin/python" tests/conformance/agreement_check.py
else
  python3 tests/conformance/agreement_check.py
fi
