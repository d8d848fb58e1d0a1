"""The feed benchmark, run for a moment on the township demo: it prints its figures as JSON numbers and
never writes to the database it is given."""
import json
import numbers

from desk.bench_writer import parse_rates


def test_feed_bench_prints_its_figures_and_leaves_the_database_alone(db_path, qapp, capsys):
    from desk.bench import run_feed_bench
    from desk.services.database import Database
    from desk.services.reads.info import info_counts
    from desk.domain.clock import utcnow

    def incidents() -> int:
        db = Database(db_path, create=False, run_migrations=False)
        try:
            return info_counts(db, utcnow())["incidents"]
        finally:
            db.dispose()

    before = incidents()
    size = db_path.stat().st_size
    assert run_feed_bench(str(db_path), as_json=True, seconds=1.0, rates=[5, 10]) == 0
    result = json.loads(capsys.readouterr().out)
    for key in ("writes_per_s", "stall_ms_max", "cold_start_s"):
        assert isinstance(result[key], numbers.Real) and not isinstance(result[key], bool), key
        assert result[key] >= 0, key
    assert result["cold_start_s"] > 0
    assert [s["rate"] for s in result["steps"]] == [5, 10]
    for step in result["steps"]:
        assert step["written"] > 0 and step["shown"] == step["written"]  # every write reached the queue
    assert result["writes_per_s"] in (0, 5, 10)
    assert incidents() == before and db_path.stat().st_size == size


def test_writer_rates_are_checked():
    assert parse_rates("10,25, 50") == [10, 25, 50]
    for bad in ("", "0,10", "ten"):
        try:
            parse_rates(bad)
        except ValueError:
            continue
        raise AssertionError(f"{bad!r} accepted")


def test_the_desk_builds_only_the_view_it_opens_on(desk, qapp, qtbot):
    # The cold-start probe opens on the queue: the map's page (a second at county scale) is not built.
    from desk.ui.app import build_window
    from desk.ui.change_bridge import ChangeBridge

    bridge = ChangeBridge(desk, poll=False, clock=False)
    try:
        window = build_window(desk, bridge, wall=False, view="queue")
        qtbot.addWidget(window)
        assert window.views.built == ("queue",) and window.current_view_id() == "queue"
        window.show()
        assert window.views.built == ("queue",)
    finally:
        bridge.stop()
