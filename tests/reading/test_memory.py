"""Reading a long PDF keeps memory flat: pages are read one at a time and released."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.docgen import invoice_pdf

SCRIPT = """
import sys
from docsift.reading import read_document
data = open(sys.argv[1], "rb").read()
doc = read_document(data, "long.pdf")
assert len(doc.pages) == 100 and all(p.words for p in doc.pages)
# VmHWM is this process's own peak; ru_maxrss is carried over from the parent across exec
print(int(open("/proc/self/status").read().split("VmHWM:")[1].split()[0]) // 1024)
"""


def test_given_a_100_page_pdf_when_read_then_peak_memory_stays_under_500_mb(tmp_path: Path) -> None:
    path = tmp_path / "long.pdf"
    path.write_bytes(invoice_pdf(pages=100, items=15).data)
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(path)], capture_output=True, text=True, check=True
    )
    assert int(done.stdout.strip()) < 500
