"""The running desk collects cyclic garbage on the GUI thread only, never on a worker reading."""
from __future__ import annotations

import gc


def test_collection_runs_on_the_gui_thread_timer_only(qapp, monkeypatch):
    from desk.ui.collector import GuiThreadCollector

    seen = []
    monkeypatch.setattr(gc, "collect", lambda generation=2: seen.append(generation) or 0)
    collector = GuiThreadCollector()
    try:
        assert not gc.isenabled()  # no collection triggered by a worker's allocations
        for _ in range(GuiThreadCollector.FULL_EVERY):
            collector.collect()
        assert seen.count(0) == GuiThreadCollector.FULL_EVERY - 1 and seen[-1] == 2
    finally:
        collector.stop()
    assert gc.isenabled()
