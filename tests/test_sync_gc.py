"""The sync engine pauses the cyclic garbage collector while it decodes and applies pages,
and leaves it as it found it: on again for the command line, off for the window (whose
worker threads must never collect, ``ui.worker``)."""

from __future__ import annotations

import gc

import pytest

from regiedesk.sync.engine import _collector_paused


def test_the_collector_is_paused_and_on_again_after() -> None:
    assert gc.isenabled()
    with _collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(RuntimeError), _collector_paused():
        raise RuntimeError("a page that failed")
    assert gc.isenabled()  # also after an error


def test_a_collector_that_was_off_stays_off() -> None:
    gc.disable()
    try:
        with _collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the window's choice, left as it was
    finally:
        gc.enable()
