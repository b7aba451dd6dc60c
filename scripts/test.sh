#!/usr/bin/env bash
# Runs every test spanlight has, installing whatever is missing first (idempotent):
#   1. native tests of the core and the CLI (cargo test)
#   2. browser tests of components in headless Chromium (wasm-bindgen-test)
#   3. end-to-end tests: the release build served on 127.0.0.1, driven in Chromium like a user
#   then the packages: the single HTML file (e2e), npm (node --test) and Python (pytest)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

bash scripts/setup.sh --browser

echo "== lint: rustfmt, and clippy with every warning an error (native, and the browser build)"
cargo fmt --check
cargo clippy --locked --all-targets -- -D warnings
cargo clippy --locked --target wasm32-unknown-unknown --lib --bins --tests -- -D warnings

echo "== 1/3 native tests: core, recogniser, formats, CLI"
cargo test --locked

echo "== 2/3 browser tests: components in headless Chromium"
CHROMEDRIVER="$(command -v chromedriver)" \
  cargo test --locked --target wasm32-unknown-unknown --test browser --test browser_storage

echo "== 3/3 end-to-end: release build on 127.0.0.1, driven in Chromium"
trunk build --release
bash scripts/build-single.sh --reuse-dist   # dist/single/spanlight.html, for single.test.mjs
(cd tests/e2e && npm ci --no-audit --no-fund --loglevel=error)
(cd tests/e2e && node --test --test-concurrency=1)

echo "== scripts: the Python helpers' own tests"
python3 -m unittest discover -s tests/scripts

echo "== conformance: the spaCy export loaded by spaCy itself"
# spaCy comes from PyPI into a venv kept under target/ (ignored, reused), at the versions of
# python/test-constraints.txt, as everything in that venv; without it the check
# prints a skip notice instead of failing, since the other layers do not depend on it.
venv=target/conformance-venv
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import spacy" 2>/dev/null; then
  python3 -m venv "$venv" && "$venv/bin/pip" install -q --disable-pip-version-check --timeout 60 -c python/test-constraints.txt spacy ||
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
  "$venv/bin/python" -m pip install -q --disable-pip-version-check --timeout 60 -c python/test-constraints.txt scikit-learn statsmodels ||
    echo "notice: could not install scikit-learn/statsmodels from PyPI; the agreement check will be skipped"
fi
if [ -x "$venv/bin/python" ]; then
  "$venv/bin/python" tests/conformance/agreement_check.py
else
  python3 tests/conformance/agreement_check.py
fi

echo "== packages: npm (node --test) and Python (pytest, spaCy, Dask), against the CLI"
# Built from the registries' tools (wasm-bindgen, maturin from PyPI) into target/; their tests
# compare with the CLI's output, so the CLI is built first.
cargo build --locked --bin spanlight
cargo test --locked -p spanlight-npm   # the binding's own offset and error tests, natively
bash scripts/build-npm.sh
node --test --test-concurrency=1 bindings/npm/test/*.test.mjs
bash scripts/build-python.sh
# pytest exits 5 when it collects no test: that must fail here, as any other non-zero status does.
target/conformance-venv/bin/python -m pytest -q python/tests
