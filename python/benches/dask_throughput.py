"""Throughput of the Dask path on this machine: documents per second tagging a JSONL corpus
with dask.bag + recognize_batch on a LocalCluster of 1 and of 2 single-threaded workers, and
recognize_batch alone in this process for comparison. Besides wall-clock rates it prints the
rate per CPU-second used (this process's, or the workers' summed), which a machine shared with
other work does not distort. After scripts/build-python.sh:
    target/conformance-venv/bin/python python/benches/dask_throughput.py
"""

import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent.parent / "tests"))

import dask.bag as db  # noqa: E402
from distributed import Client, LocalCluster  # noqa: E402

import spanlight  # noqa: E402
from spanlight.batch import tag_lines  # noqa: E402
from corpus import documents, write_jsonl  # noqa: E402

REPEAT = 5


def cpu_seconds() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def main():
    texts = documents() * REPEAT
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        n = write_jsonl(corpus, documents(), repeat=REPEAT)
        mb = corpus.stat().st_size / 1e6
        print(f"corpus: {n} documents, {mb:.1f} MB of JSONL")
        for threads in (1, 2):
            cpu, start = cpu_seconds(), time.perf_counter()
            spanlight.recognize_batch(texts, threads=threads)
            wall, cpu = time.perf_counter() - start, cpu_seconds() - cpu
            print(
                f"recognize_batch in-process, {threads} thread(s): {n / wall:,.0f} docs/s wall,"
                f" {n / cpu:,.0f} docs per CPU-second"
            )
        for workers in (1, 2):
            with LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
            ) as cluster, Client(cluster) as client:
                bag = db.read_text(str(corpus), blocksize=1_000_000).map_partitions(tag_lines, threads=1)
                client.run(lambda: spanlight.recognize("warm up"))
                before = sum(client.run(cpu_seconds).values())
                start = time.perf_counter()
                count = bag.count().compute()
                wall = time.perf_counter() - start
                cpu = sum(client.run(cpu_seconds).values()) - before
                assert count == n
                print(
                    f"dask LocalCluster, {workers} worker(s) x 1 thread: {n / wall:,.0f} docs/s wall"
                    f" ({mb / wall:.2f} MB/s), {n / cpu:,.0f} docs per worker CPU-second"
                )


if __name__ == "__main__":
    main()
