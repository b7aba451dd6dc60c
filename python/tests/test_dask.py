"""The Dask path: a JSONL corpus read by dask.bag, tagged partition by partition with
recognize_batch on a distributed LocalCluster, gives the CLI's output line for line."""

import json

import dask.bag as db
from distributed import Client, LocalCluster

from spanlight.batch import tag_docs, tag_lines
from conftest import run_cli
from corpus import documents, write_jsonl


def test_dask_bag_on_a_local_cluster_equals_the_cli_line_for_line(tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    n = write_jsonl(corpus, documents())
    assert n >= 3000, f"a few thousand documents, not {n}"
    expected = [json.loads(line) for line in run_cli(["tag"], corpus.read_text(encoding="utf-8")).splitlines()]

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        with Client(cluster):
            bag = db.read_text(str(corpus), blocksize=256_000).map_partitions(tag_lines)
            assert bag.npartitions > 1, "the corpus is split between the workers"
            got = [json.loads(line) for line in bag.compute()]
            # Written out as a real job would: one file per partition.
            bag.to_textfiles(str(tmp_path / "tagged" / "*.jsonl"))

    assert len(got) == len(expected) == n
    for i, (g, e) in enumerate(zip(got, expected)):
        assert g == e, f"document {i}"
    written = sorted((tmp_path / "tagged").glob("*.jsonl"))
    lines = [json.loads(l) for f in written for l in f.read_text(encoding="utf-8").splitlines()]
    assert lines == expected


def test_tag_lines_names_a_bad_line_and_skips_blank_ones():
    assert [d["text"] for d in tag_docs(['{"text": "Kerry"}\n', "\n", '{"text": "Paris", "id": 3}'])] == [
        "Kerry",
        "Paris",
    ]
    for bad, message in [
        ('{"text": "a"}\nnot json', "line 2: not JSON"),
        ("[1]", "line 1: expected a JSON object"),
        ('{"id": 1}', 'line 1: missing "text" field'),
        ('{"text": 5}', 'line 1: "text" must be a string'),
    ]:
        try:
            tag_lines(bad.split("\n"))
        except ValueError as e:
            assert message in str(e), (bad, e)
        else:
            raise AssertionError(f"{bad!r} was accepted")
