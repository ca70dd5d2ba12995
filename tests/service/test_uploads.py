"""Uploads: many files, ZIPs (nested folders, unsafe names, bombs, non-documents), limits, types,
duplicates. The test app's limits: 2 MiB per file, 8 MiB unpacked per ZIP, ratio 50, 12 files,
12 MiB per request."""

from __future__ import annotations

import os
import zipfile

from docsift.reading.sniff import Kind, sniff
from tests.service.conftest import Tenant, make_zip, small_pdf


def _code(r) -> str:  # type: ignore[no-untyped-def]
    return str(r.json()["error"]["code"])


def test_given_several_files_when_uploaded_then_one_batch_with_each_in_order(tenant: Tenant) -> None:
    files = [(f"doc-{i}.pdf", small_pdf(f"multi-{i}")) for i in range(3)]
    body = tenant.upload_ok(files, document_type="Invoices", processing_pref="Speed", invoice_type="b2b")
    batch = body["batch"]
    assert batch["documents"] == 3 and batch["document_type"] == "invoice" and batch["invoice_type"] == "B2B"
    assert [d["file_name"] for d in body["documents"]] == ["doc-0.pdf", "doc-1.pdf", "doc-2.pdf"]
    assert all(d["status"] in ("queued", "processing") for d in body["documents"])
    done = tenant.wait(batch["id"])
    assert done["counts"]["completed"] + done["counts"]["needs_review"] == 3


def test_given_a_zip_with_folders_and_junk_then_documents_kept_and_junk_reported(tenant: Tenant) -> None:
    archive = make_zip(
        {
            "invoices/2024/a.pdf": small_pdf("zip-a"),
            "invoices/b.pdf": small_pdf("zip-b"),
            "notes/readme.txt": b"just text",
            "__MACOSX/invoices/._a.pdf": b"\x00\x05\x16\x07",
            "inner.zip": make_zip({"c.pdf": small_pdf("zip-c")}),
        }
    )
    body = tenant.upload_ok([("batch.zip", archive)])
    assert sorted(d["file_name"] for d in body["documents"]) == ["invoices/2024/a.pdf", "invoices/b.pdf"]
    skipped = {s["member"]: s["reason"] for s in body["skipped"]}
    assert set(skipped) == {"notes/readme.txt", "__MACOSX/invoices/._a.pdf", "inner.zip"}
    assert "unsupported" in skipped["notes/readme.txt"]


def test_given_files_and_a_zip_together_then_one_batch(tenant: Tenant) -> None:
    archive = make_zip({"z1.pdf": small_pdf("mix-1"), "z2.pdf": small_pdf("mix-2")})
    body = tenant.upload_ok([("loose.pdf", small_pdf("mix-0")), ("more.zip", archive)])
    assert [d["file_name"] for d in body["documents"]] == ["loose.pdf", "z1.pdf", "z2.pdf"]


def test_given_traversal_or_absolute_names_in_a_zip_then_refused_and_nothing_stored(tenant: Tenant) -> None:
    for bad in ("../evil.pdf", "ok/../../evil.pdf", "/etc/evil.pdf", "C:/evil.pdf", "..\\evil.pdf"):
        archive = make_zip({"good.pdf": small_pdf("trav"), bad: small_pdf("evil")})
        r = tenant.upload([("t.zip", archive)])
        assert r.status_code == 400, (bad, r.text)
        assert _code(r) == "unsafe_zip"
    r = tenant.client.get("/api/v1/batches", headers=tenant.headers())
    assert r.json()["total"] == 0


def test_given_a_zip_bomb_then_413(tenant: Tenant) -> None:
    bomb = make_zip({"bomb.pdf": b"%PDF-1.4\n" + b"\x00" * (3 * 1024 * 1024)})  # ratio far above 50
    r = tenant.upload([("bomb.zip", bomb)])
    assert r.status_code == 413 and _code(r) == "zip_bomb"
    # many members that are each fine but together unpack beyond the archive limit
    filler = os.urandom(1024 * 1024)
    big = make_zip({f"part{i}.pdf": b"%PDF-1.4\n" + filler for i in range(9)}, zipfile.ZIP_STORED)
    r = tenant.upload([("big.zip", big)])
    assert r.status_code == 413 and _code(r) == "zip_bomb"


def test_given_too_many_files_then_413(tenant: Tenant) -> None:
    archive = make_zip({f"f{i}.pdf": small_pdf(f"many-{i}") for i in range(13)})
    r = tenant.upload([("many.zip", archive)])
    assert r.status_code == 413 and _code(r) == "too_many_files"


def test_given_a_file_over_the_size_limit_then_413(tenant: Tenant) -> None:
    r = tenant.upload([("huge.pdf", b"%PDF-1.4\n" + os.urandom(2 * 1024 * 1024 + 10))])
    assert r.status_code == 413 and _code(r) == "too_large"


def test_given_a_request_over_the_request_limit_then_413(tenant: Tenant) -> None:
    r = tenant.upload([(f"p{i}.pdf", b"%PDF-1.4\n" + os.urandom(2 * 1024 * 1024 - 100)) for i in range(7)])
    assert r.status_code == 413


def test_given_an_unsupported_type_then_415_naming_the_file(tenant: Tenant) -> None:
    r = tenant.upload([("ok.pdf", small_pdf("u1")), ("letter.docx", b"PK\x03\x04not really a zip at all")])
    assert r.status_code in (400, 415)
    r = tenant.upload([("ok.pdf", small_pdf("u2")), ("notes.txt", b"plain words")])
    assert r.status_code == 415 and r.json()["error"]["details"]["files"] == ["notes.txt"]
    r = tenant.upload([("fake.pdf", b"MZ\x90\x00 an executable renamed")])
    assert r.status_code == 415


def test_given_a_zip_without_documents_then_400_listing_what_was_skipped(tenant: Tenant) -> None:
    r = tenant.upload([("empty.zip", make_zip({"a.txt": b"x", "b.csv": b"1,2"}))])
    assert r.status_code == 400 and _code(r) == "no_documents"
    assert len(r.json()["error"]["details"]["skipped"]) == 2


def test_given_the_same_file_twice_in_a_company_then_processed_and_flagged_duplicate(
    tenant: Tenant, other_tenant: Tenant, invoice: bytes
) -> None:
    first = tenant.upload_ok([("inv.pdf", invoice)])["documents"][0]
    assert first["duplicate_of"] is None
    again = tenant.upload_ok([("renamed.pdf", invoice), ("inv-copy.pdf", invoice)])
    assert [d["duplicate_of"] for d in again["documents"]] == [first["id"], first["id"]]
    tenant.wait(again["batch"]["id"])
    assert all(d["status"] in ("completed", "needs_review") for d in tenant.documents(again["batch"]["id"]))
    # another company uploading the same bytes is not told about the first company's document
    theirs = other_tenant.upload_ok([("inv.pdf", invoice)])["documents"][0]
    assert theirs["duplicate_of"] is None


def test_given_bad_options_then_422(tenant: Tenant) -> None:
    r = tenant.upload([("a.pdf", small_pdf("opt"))], document_type="Spaceships")
    assert r.status_code == 422 and _code(r) == "bad_options"
    r = tenant.upload([("a.pdf", small_pdf("opt"))], additional_params="[1, 2]")
    assert r.status_code == 422


def test_given_a_set_when_uploading_then_batches_share_it(tenant: Tenant) -> None:
    first = tenant.upload_ok([("a.pdf", small_pdf("set-a"))], create_new_set="true", set_name="March")
    ref = first["batch"]["set_reference_number"]
    assert ref
    second = tenant.upload_ok([("b.pdf", small_pdf("set-b"))], set_reference_number=ref)
    assert second["batch"]["set_reference_number"] == ref
    r = tenant.upload([("c.pdf", small_pdf("set-c"))], set_reference_number="no-such-set")
    assert r.status_code == 404
    listed = tenant.client.get(f"/api/v1/batches?set_reference_number={ref}", headers=tenant.headers()).json()
    assert {b["id"] for b in listed["items"]} == {first["batch"]["id"], second["batch"]["id"]}
    sets = tenant.client.get("/api/v1/sets", headers=tenant.headers()).json()
    assert [(s["reference_number"], s["name"], s["batches"]) for s in sets] == [(ref, "March", 2)]
    detail = tenant.client.get(f"/api/v1/sets/{ref}", headers=tenant.headers()).json()
    assert [b["id"] for b in detail["items"]] == [second["batch"]["id"], first["batch"]["id"]]
    assert tenant.client.get("/api/v1/sets/nope", headers=tenant.headers()).status_code == 404


def test_sniffing_recognises_documents_by_content_not_name() -> None:
    assert sniff(b"%PDF-1.7\n...") == Kind.PDF
    assert sniff(b"\x89PNG\r\n\x1a\n....") == Kind.PNG
    assert sniff(b"\xff\xd8\xff\xe0..JFIF") == Kind.JPEG
    assert sniff(b"RIFF\x00\x00\x00\x00WEBPVP8 ") == Kind.WEBP
    assert sniff(b"RIFF\x00\x00\x00\x00WAVEfmt ") == Kind.UNKNOWN
    assert sniff(b"\x00\x00\x00\x18ftypheic....") == Kind.HEIF
    assert sniff(b"hello world") == Kind.UNKNOWN
