"""Throughput of the Dask path on this machine: documents per second tagging a JSONL corpus
with dask.bag + recognize_batch on a LocalCluster of 1 and of 2 single-threaded workers, and
recognize_batch alone in this process for comparison. Run by scripts/build-python.sh's venv:
    target/conformance-venv/bin/python python/benches/dask_throughput.py
"""

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent.parent / "tests"))

import dask.bag as db  # noqa: E402
from distributed import Client, LocalCluster  # noqa: E402

import spanlight  # noqa: E402
from spanlight.batch import tag_lines  # noqa: E402
from corpus import documents  # noqa: E402
from corpus import write_jsonl  # noqa: E402


def main():
    texts = documents()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        n = write_jsonl(corpus, texts, repeat=5)
        mb = corpus.stat().st_size / 1e6
        print(f"corpus: {n} documents, {mb:.1f} MB")
        for threads in (1, 2):
            start = time.perf_counter()
            spanlight.recognize_batch(texts * 5, threads=threads)
            s = time.perf_counter() - start
            print(f"recognize_batch in-process, {threads} thread(s): {n / s:,.0f} docs/s ({mb / s:.2f} MB/s)")
        for workers in (1, 2):
            with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
                with Client(cluster) as client:
                    bag = db.read_text(str(corpus), blocksize=1_000_000).map_partitions(tag_lines, threads=1)
                    client.run(lambda: spanlight.recognize("warm up"))
                    start = time.perf_counter()
                    count = bag.count().compute()
                    s = time.perf_counter() - start
                    assert count == n
                    print(f"dask LocalCluster, {workers} worker(s) x 1 thread: {n / s:,.0f} docs/s ({mb / s:.2f} MB/s)")


if __name__ == "__main__":
    main()
