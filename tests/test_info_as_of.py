"""Counts as of a moment: the incidents open then, with the cards they had, or will have if nobody acts."""
from __future__ import annotations

import json
import subprocess
import sys
from datetime import timedelta

import pytest
from sqlalchemy import select

from db.models import Incident
from desk.domain.cards import assess
from desk.domain.clock import to_local
from desk.services.reads.info import info_counts


def _by_rule(desk, at) -> tuple[int, int, int]:
    """The same counts from the domain rule, one incident at a time, seeing only what was known at `at`."""
    with desk.db.session() as s:
        rows = s.execute(select(Incident.matter, Incident.registered_at, Incident.closed_at, Incident.answered_at,
                                Incident.answer_due_at)).all()
    open_, yellow, red = 0, 0, 0
    for r in rows:
        if r.registered_at > at or (r.closed_at is not None and r.closed_at <= at):
            continue
        answered = r.answered_at if r.answered_at is not None and r.answered_at <= at else None
        card = assess(r.matter, "handling", r.registered_at, answered, at, r.answer_due_at).card.value
        open_ += 1
        yellow += card == "yellow"
        red += card == "red"
    return open_, yellow, red


@pytest.mark.parametrize("shift", [timedelta(0), timedelta(hours=-30), timedelta(days=-10), timedelta(hours=20),
                                   timedelta(days=4)])
def test_counts_as_of_agree_with_the_rule(desk, shift):
    at = desk.now() + shift
    counts = info_counts(desk.db, desk.now(), at)
    assert (counts["open_incidents"], counts["yellow"], counts["red"]) == _by_rule(desk, at)


def test_now_as_of_now_is_the_plain_count(desk):
    plain = info_counts(desk.db, desk.now())
    assert info_counts(desk.db, desk.now(), desk.now()) == plain


def test_later_the_same_open_items_carry_more_cards(desk):
    now = info_counts(desk.db, desk.now())
    later = info_counts(desk.db, desk.now(), desk.now() + timedelta(days=7))
    assert later["open_incidents"] == now["open_incidents"]
    assert later["red"] > now["red"]


def test_the_info_command_takes_a_local_time(db_path, clock):
    at = to_local(clock.now + timedelta(days=2)).strftime("%Y-%m-%d %H:%M")
    run = subprocess.run([sys.executable, "-m", "desk", "info", "--db", str(db_path), "--json", "--at", at],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    counts = json.loads(run.stdout)
    assert {"open_incidents", "yellow", "red"} <= set(counts)
    bad = subprocess.run([sys.executable, "-m", "desk", "info", "--db", str(db_path), "--at", "明天"],
                         capture_output=True, text=True, timeout=120)
    assert bad.returncode == 2 and "YYYY-MM-DD HH:MM" in bad.stderr
