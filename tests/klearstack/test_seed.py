"""The seed page's own samples (../shared/reference/seed-getbatchdocuments.md) run unchanged, apart
from URL, token and credentials, against a real ``docsift serve``: the Python ``requests`` snippet
and the curl command, first while the batch waits (no workers: ``in_progress``), then after a
restart with a worker (the documents in the keyed format)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.docgen import invoice_pdf
from tests.servers import ApiServer, clean_env, free_port, wait_until

PASSWORD = "seed-admin-password-1"

# The samples exactly as printed on the seed page (the test below checks they still match it).
SEED_PYTHON = """import requests

url = "URL/access/klearstack/getbatchdocuments"

payload = {'document_type': 'Invoices',
'company_name': 'Replace_Company_Name_Here',
'username': 'Replace_User_Name_Here',
'password': 'Replace_Password_Here',
'batch_id': 'Replace_Batch_ID_Here'}
files=[

]
headers = {
  'Authorization': 'Bearer your_token_here'
}

response = requests.request("POST", url, headers=headers, data=payload, files=files)

print(response.text)
"""
SEED_CURL = """curl --location "URL/access/klearstack/getbatchdocuments" \\
  -H "Authorization: Bearer your_token_here" \\
  --form "document_type=Invoices" \\
  --form "company_name=Replace_Company_Name_Here" \\
  --form "username=Replace_User_Name_Here" \\
  --form "password=Replace_Password_Here" \\
  --form "batch_id=Replace_Batch_ID_Here"
"""


@pytest.fixture
def serve(tmp_path: Path, fresh_database_url: str) -> Iterator[Callable[[int], ApiServer]]:
    """Start ``docsift serve --workers N`` on the test's data and database (one port for all)."""
    env = clean_env(data_dir=str(tmp_path / "data"), database_url=fresh_database_url, admin_password=PASSWORD,
                    secret_key="seed-test-secret-key-0123456789-abcdef")  # fmt: skip
    port = free_port()
    started: list[ApiServer] = []

    def start(workers: int) -> ApiServer:
        for server in started:
            server.stop()
        server = ApiServer.serve(env, "--workers", str(workers), port=port, ready_codes=(200,))
        started.append(server)
        server.start_ready()
        return server

    yield start
    for server in started:
        server.stop()


def _fill(sample: str, url: str, token: str, batch_id: str) -> str:
    for placeholder, value in (
        ("URL/access", f"{url}/access"),
        ("your_token_here", token),
        ("Replace_Company_Name_Here", "docsift"),
        ("Replace_User_Name_Here", "admin"),
        ("Replace_Password_Here", PASSWORD),
        ("Replace_Batch_ID_Here", batch_id),
    ):
        sample = sample.replace(placeholder, value)
    return sample


def _run_samples(url: str, token: str, batch_id: str) -> list[Any]:
    """The response bodies of the Python and the curl sample."""
    python = subprocess.run([sys.executable, "-c", _fill(SEED_PYTHON, url, token, batch_id)],
                            capture_output=True, text=True, timeout=60)  # fmt: skip
    assert python.returncode == 0, python.stderr
    command = _fill(SEED_CURL, url, token, batch_id)
    curl = subprocess.run(["bash", "-c", command], capture_output=True, text=True, timeout=60)
    assert curl.returncode == 0, curl.stderr
    return [json.loads(python.stdout), json.loads(curl.stdout)]


@pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed")
def test_given_the_seed_samples_when_run_against_docsift_then_in_progress_then_completed(
    serve: Callable[[int], ApiServer],
) -> None:
    server = serve(0)  # nothing processes: the batch stays in progress
    login = {"company_name": "docsift", "username": "admin", "password": PASSWORD}
    token = httpx.post(f"{server.url}/access/klearstack/get_access_token", data=login).json()["access_token"]
    form = {**login, "document_type": "Invoices", "processing_pref": "Speed", "invoice_type": "B2B"}
    files = {"file": ("seed-invoice.pdf", invoice_pdf(items=2, seed=3).data, "application/pdf")}
    up = httpx.post(f"{server.url}/access/klearstack/uploadbatch", data=form, files=files,
                    headers={"Authorization": f"Bearer {token}"}, timeout=60)  # fmt: skip
    assert up.status_code == 200, up.text
    batch_id = up.json()["Function successfully executed!"]

    for body in _run_samples(server.url, token, batch_id):
        assert body == {
            "result": [{"file_name": "seed-invoice.pdf", "status": "in_progress"}],
            "status": "in_progress",
        }

    server = serve(1)  # the same data: the queued document is processed now
    poll = {**login, "batch_id": batch_id, "document_type": "Invoices"}

    def finished() -> bool:
        r = httpx.post(f"{server.url}/access/klearstack/getbatchdocuments", data=poll,
                       headers={"Authorization": f"Bearer {token}"})  # fmt: skip
        return bool(r.json()["status"] != "in_progress")

    wait_until(finished, 180, "the batch to finish")
    python_body, curl_body = _run_samples(server.url, token, batch_id)
    assert python_body == curl_body and python_body["status"] == "completed"
    (doc,) = python_body["result"]
    assert (
        doc["file_name"] == "seed-invoice.pdf"
        and doc["status"] == "completed"
        and doc["document_type"] == "Invoice"
    )
    assert re.fullmatch(r"[0-9a-f]{24}", doc["Document_id"]) and doc["is_approved"] == 0
    assert doc["upload_time"] and doc["finished_time"] and 0 < doc["overall_confidence"] <= 1
    assert set(doc["Inv_Number"]) == {"value", "confidence", "page_index", "coordinate"}
    assert doc["Inv_Number"]["value"] and doc["Inv_Number"]["page_index"] == 1 and len(doc["Line_Items"]) >= 1


def test_given_the_seed_page_then_the_samples_here_are_its_own(shared: Path) -> None:
    page = (shared / "reference" / "seed-getbatchdocuments.md").read_text()
    blocks = re.findall(r"```(\w+)\n(.*?)```", page, flags=re.S)
    python = next(code for lang, code in blocks if lang == "python")
    shell = next(code for lang, code in blocks if lang == "sh")
    assert python.strip() == SEED_PYTHON.strip()
    assert [line.rstrip() for line in shell.strip().splitlines()] == SEED_CURL.strip().splitlines()
