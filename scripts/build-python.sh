#!/usr/bin/env bash
# Builds the Python package (python/: maturin + PyO3, one abi3 wheel) into target/wheels and
# installs it into the venv scripts/test.sh keeps (target/conformance-venv), with what its
# tests need from PyPI, as wheels only: maturin, pytest, dask[bag], distributed and spaCy.
# Idempotent: present packages are not fetched again.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

venv=target/conformance-venv
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
# Through the venv's python, not its bin/ scripts, whose first line may name another copy.
py="$venv/bin/python"
# At the versions that passed together (python/test-constraints.txt), whatever PyPI serves today.
pip() { "$py" -m pip install -q --disable-pip-version-check --timeout 60 --only-binary :all: -c python/test-constraints.txt "$@"; }
"$py" -c "import maturin" 2>/dev/null || pip "maturin>=1.9.4,<2"
"$py" -c "import pytest" 2>/dev/null || pip pytest
# Unpinned, pip paired dask 2026.11 with distributed 2021.4 (no wheel of the matching
# distributed yet), whose import fails; the constraints pin the pair. The check imports both, so
# a venv left with a broken pair is mended too.
"$py" -c "import dask.bag, distributed" 2>/dev/null || pip "dask[bag]" distributed
"$py" -c "import spacy" 2>/dev/null || pip spacy

rm -f target/wheels/spanlight-*.whl
"$py" -m maturin build --quiet -m python/Cargo.toml -o target/wheels
"$py" -m pip install -q --disable-pip-version-check --no-deps --force-reinstall target/wheels/spanlight-*.whl
echo "installed $(ls target/wheels/spanlight-*.whl) into $venv"
