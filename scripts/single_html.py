#!/usr/bin/env python3
"""Writes one self-contained HTML page from index.html and trunk's release build in dist/: the
CSS in a <style>, the wasm-bindgen glue and the wasm (gzipped, then base64) in one inline module
script.

Nothing is fetched: the wasm is unpacked by the browser's own DecompressionStream and
instantiated from the inlined bytes, and the page's Content
Security Policy allows no request at all, so it works from file:// and says so if it ever tried.
Usage: single_html.py DIST OUT.html
"""

import base64
import gzip
import re
import sys
from pathlib import Path

# No 'self': from file:// or anywhere else the page may load nothing, only run what it holds.
CSP = (
    "default-src 'none'; script-src 'unsafe-inline' 'wasm-unsafe-eval'; "
    "style-src 'unsafe-inline'; img-src data: blob:"
)


def one(dist: Path, pattern: str) -> Path:
    found = sorted(dist.glob(pattern))
    if len(found) != 1:
        sys.exit(f"single_html: expected one {pattern} in {dist}, found {len(found)}: run trunk build --release")
    return found[0]


def module_body(glue: str) -> str:
    """The glue as plain statements: its exports become local names in the inline script."""
    if re.search(r"^\s*import\s", glue, re.M):
        sys.exit("single_html: the wasm-bindgen glue imports another file (a snippet?); inline it first")
    body = re.sub(r"^export\s*\{[^}]*\};?\s*$", "", glue, flags=re.M)
    body = re.sub(r"^export default\s+", "", body, flags=re.M)
    body = re.sub(r"^export\s+(?=(async\s+)?(function|class|const|let|var)\b)", "", body, flags=re.M)
    if re.search(r"^\s*export\b", body, re.M):
        sys.exit("single_html: the glue has an export this script does not know how to inline")
    if "__wbg_init" not in body:
        sys.exit("single_html: no __wbg_init in the glue: has wasm-bindgen's web target changed?")
    return body


def main() -> None:
    dist, out = Path(sys.argv[1]), Path(sys.argv[2])
    root = Path(__file__).resolve().parent.parent
    page = (root / "index.html").read_text(encoding="utf-8")
    css = one(dist, "*.css").read_text(encoding="utf-8")
    glue = module_body(one(dist, "*.js").read_text(encoding="utf-8"))
    # Gzipped first: base64 of the raw wasm would make the file twice as large.
    wasm = one(dist, "*_bg.wasm").read_bytes()
    packed = base64.b64encode(gzip.compress(wasm, compresslevel=9, mtime=0)).decode("ascii")

    script = (
        '<script type="module">\n'
        + glue
        + "\nconst wasmGzipBase64 = '" + packed + "';\n"
        + "const wasmGzip = Uint8Array.from(atob(wasmGzipBase64), (c) => c.charCodeAt(0));\n"
        + "const unpacked = new Blob([wasmGzip]).stream().pipeThrough(new DecompressionStream('gzip'));\n"
        + "await __wbg_init({ module_or_path: new Uint8Array(await new Response(unpacked).arrayBuffer()) });\n"
        + "</script>"
    )
    replacements = [
        (r'<link data-trunk rel="css" href="styles/app.css" />', "<style>\n" + css + "\n</style>"),
        (r'<link data-trunk rel="rust"[^>]*/>', script),
        (r'content="default-src[^"]*"', 'content="' + CSP + '"'),
    ]
    for pattern, text in replacements:
        page, n = re.subn(pattern, lambda _m: text, page, count=1)
        if n != 1:
            sys.exit(f"single_html: index.html has no {pattern!r}: update this script with it")
    page = page.replace(
        "<!-- The app loads only its own files: no request leaves this origin. -->",
        "<!-- Everything is in this file: it loads nothing, from disk or network. -->",
    )
    if "data-trunk" in page:
        sys.exit("single_html: index.html has a trunk asset this script does not inline")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page, encoding="utf-8")


if __name__ == "__main__":
    main()
