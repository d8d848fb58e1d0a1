"""The second seat of `python -m desk bench feed`: registers incidents through the real service at a
rising rate, in its own process, and notes when each one committed.

    python -m desk.bench_writer --db COPY --out LOG [--rates 10,25,50] [--seconds 20]

The log has one tab-separated line per event, flushed as it goes:
    step  RATE  T_START              a rate step begins (wall-clock seconds, time.time())
    w     RATE  INCIDENT_ID  T_COMMIT   an incident's transaction has committed
    end   RATE  T_END  COUNT         the step is over
Wall-clock time, because the desk that reads the log runs in another process on the same machine.
"""
from __future__ import annotations

import argparse
import sys
import time
from itertools import cycle
from pathlib import Path

RATES = (10, 25, 50, 100, 150, 200)
STEP_SECONDS = 20.0
# Item types the issue names as required in every catalogue: grid and police matters both.
ITEM_TYPES = ("邻里纠纷", "治安隐患", "民生服务", "电信诈骗", "安全隐患")


def parse_rates(text: str) -> list[int]:
    rates = [int(r) for r in text.split(",") if r.strip()]
    if not rates or any(r <= 0 for r in rates):
        raise ValueError(f"rates must be positive integers, like 10,25,50: {text!r}")
    return rates


def _points(desk, count: int = 64) -> list[tuple[float, float]]:
    """Points inside grids, spread over the county, so writes land everywhere like real ones."""
    from shapely.geometry import shape

    grids = desk.map_layers()["grids"]["features"]
    step = max(1, len(grids) // count)
    points = []
    for feature in grids[::step]:
        p = shape(feature["geometry"]).representative_point()
        points.append((p.x, p.y))
    return points


def write(db: str, out: Path, rates: list[int], seconds: float, login: str = "duty") -> int:
    from desk.services.desk import open_desk
    from desk.services.incidents import IncidentDraft

    desk = open_desk(db, login=login)
    try:
        points = cycle(_points(desk))
        kinds = cycle(ITEM_TYPES)
        with out.open("a", encoding="utf-8") as log:
            for rate in rates:
                interval = 1.0 / rate
                start = time.time()
                log.write(f"step\t{rate}\t{start:.6f}\n")
                log.flush()
                n = 0
                while True:
                    due = start + n * interval
                    if due >= start + seconds:
                        break
                    wait = due - time.time()
                    if wait > 0:
                        time.sleep(wait)
                    lon, lat = next(points)
                    draft = IncidentDraft(title=f"压测 {rate}/s 第{n + 1}件", item_type=next(kinds), source="patrol",
                                          lon=lon, lat=lat)
                    new_id, _ = desk.incidents.register(desk.actor, draft)
                    log.write(f"w\t{rate}\t{new_id}\t{time.time():.6f}\n")
                    n += 1
                    # Behind schedule past the step's end: the rate was not held; stop the step there.
                    if time.time() >= start + seconds + 1.0:
                        break
                end = time.time()
                log.write(f"end\t{rate}\t{end:.6f}\t{n}\n")
                log.flush()
    finally:
        desk.close()
    return 0


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m desk.bench_writer",
                                description="register incidents at a rising rate (the feed benchmark's second seat)")
    p.add_argument("--db", required=True, help="the benchmark's copy of the database, never a real one")
    p.add_argument("--out", required=True, type=Path, help="where to log each commit")
    p.add_argument("--rates", default=",".join(map(str, RATES)), help="writes per second, step by step")
    p.add_argument("--seconds", type=float, default=STEP_SECONDS, help="how long each rate is held")
    p.add_argument("--login", default="duty")
    args = p.parse_args(argv)
    try:
        rates = parse_rates(args.rates)
    except ValueError as exc:
        p.error(str(exc))
    return write(args.db, args.out, rates, args.seconds, args.login)


if __name__ == "__main__":
    sys.exit(main())
