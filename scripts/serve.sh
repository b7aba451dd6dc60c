#!/usr/bin/env bash
# Serves spanlight at http://127.0.0.1:8080, installing whatever is missing first (idempotent).
# Extra arguments go to `trunk serve` (e.g. --port 9000, or --release for the optimised build).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

bash scripts/setup.sh
echo "spanlight: open http://127.0.0.1:8080 (Ctrl+C stops)"
exec trunk serve "$@"
