"""The map benchmark, run for a moment on the township demo: every figure it promises comes out as a
number, the targets are judged, and the database it is given is left as it was (it writes to a copy)."""
import hashlib
import json
import numbers

FIGURES = ("build_load_s", "update_ms_median", "update_ms_p95", "rebuild_update_ms_median", "ratio", "pan_ms",
           "sustained_updates_per_s", "rss_mb", "renderer_rss_mb")
COUNTS = ("incidents", "open_incidents", "grids")


def _number(value) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def test_map_bench_prints_every_figure_and_leaves_the_database_alone(db_path, qapp, capsys):
    from desk.bench_map import TARGETS, run_map_bench

    digest = hashlib.sha256(db_path.read_bytes()).hexdigest()
    assert run_map_bench(str(db_path), True, updates=3, pans=2, rebuilds=1, rates=[20, 40], seconds=0.5) == 0
    result = json.loads(capsys.readouterr().out)

    assert set(result) == set(FIGURES) | set(COUNTS) | {"targets", "met", "detail"}
    for key in FIGURES:
        assert _number(result[key]) and result[key] >= 0, key
    for key in ("build_load_s", "update_ms_median", "rebuild_update_ms_median", "ratio", "pan_ms", "rss_mb",
                "renderer_rss_mb"):
        assert result[key] > 0, key  # each of these was measured, not left at zero
    assert result["update_ms_p95"] >= result["update_ms_median"]
    assert result["sustained_updates_per_s"] in (0, 20, 40)
    assert result["incidents"] == 1500 and result["grids"] == 60 and 0 < result["open_incidents"] < 1500

    assert set(result["targets"]) == set(result["met"]) == set(TARGETS)
    for key, (op, limit) in TARGETS.items():
        assert result["met"][key] is (result[key] < limit if op == "<" else result[key] >= limit), key

    detail = result["detail"]
    # The first push put every open incident on the page, and the naive rebuild baked them all in.
    assert detail["markers_sent"] == detail["markers_on_page"] == result["open_incidents"]
    assert detail["rebuild_markers_on_page"] == result["open_incidents"]
    assert [s["rate"] for s in detail["sustained_steps"]] == [20, 40]
    for step in detail["sustained_steps"]:
        assert step["sent"] > 0 and step["acked"] == step["sent"]  # the page answered every push

    assert hashlib.sha256(db_path.read_bytes()).hexdigest() == digest


def test_map_bench_refuses_what_it_cannot_measure(tmp_path, capsys):
    from desk.bench_map import run_map_bench

    missing = tmp_path / "nowhere.sqlite"
    assert run_map_bench(str(missing), False) == 2
    assert str(missing) in capsys.readouterr().err
    assert run_map_bench("postgresql://seat/desk", True) == 2
    assert "SQLite file" in capsys.readouterr().err
    assert not missing.exists()


def test_a_baked_page_carries_its_incidents_safely():
    # The naive rebuild puts the incidents inside the HTML: a title holding "</script>" must not end
    # the script that carries them.
    from desk.bench_map import baked_page

    fc = {"type": "FeatureCollection", "features": [{
        "type": "Feature", "geometry": {"type": "Point", "coordinates": [118.7, 28.9]},
        "properties": {"id": 1, "title": "a </script><b>x</b>", "card": "red"}}]}
    page = baked_page("<html><body></body><script>init()</script></html>", fc)
    assert page.endswith("</html>") and page.count("</script>") == 2
    assert "a <\\/script><\\/b>" not in page and "a <\\/script><b>x<\\/b>" in page
    assert page.index("init()") < page.index("setIncidents")
