"""OCR works with the network unreachable: every model must ship in an installed package.

The engine caches are emptied first, so that models are loaded while the network is blocked: a
future wheel that fetches its weights on first use fails here instead of in production.
"""

from __future__ import annotations

import socket

import pytest

from docsift.options import ProcessingPref, RunOptions
from docsift.reading.ocr import engines, ocr_page, orientation
from tests.ocr.conftest import recall
from tests.ocr.render import LINES, draw_page


class NetworkBlocked(RuntimeError):
    pass


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise NetworkBlocked(f"network access attempted: {args[:2]}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    for var in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE", "HF_DATASETS_OFFLINE"):
        monkeypatch.setenv(var, "1")
    monkeypatch.setattr(engines, "_CACHE", {})
    monkeypatch.setattr(orientation, "_SESSIONS", {})


def test_given_no_network_when_the_block_is_in_place_then_a_connection_fails(no_network):
    with pytest.raises(NetworkBlocked):
        socket.create_connection(("pypi.org", 443), timeout=1)


@pytest.mark.parametrize("engine", ["rapidocr", "tesseract"])
def test_given_no_network_when_models_load_and_a_page_is_read_then_it_works(no_network, engine):
    drawn = draw_page(size=24)
    page = ocr_page(drawn.image, 1, RunOptions(ocr_engine=engine, pref=ProcessingPref.ACCURACY))
    assert recall(page, LINES) >= 0.9
