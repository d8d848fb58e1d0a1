"""Phones as typed (full-width digits, +86, separators) stored in one form; anything else refused."""
from __future__ import annotations

import pytest

from desk.domain.phones import NotAPhone, normalise_phone


@pytest.mark.parametrize("typed, stored", [
    ("13800001234", "13800001234"),
    ("+86 138 0000 1234", "13800001234"),
    ("0086-138-0000-1234", "13800001234"),
    ("86 13800001234", "13800001234"),
    ("１３９００００１１１１", "13900001111"),  # full-width, as Chinese input methods type it
    ("１３９ ００００ １１１１", "13900001111"),
    ("0571-88886666", "0571-88886666"),
    ("057188886666", "0571-88886666"),
    ("(0571) 8888 6666", "0571-88886666"),
    ("（０５７１）８８８８６６６６", "0571-88886666"),
    ("010 6512 3456", "010-65123456"),
    ("02012345678", "020-12345678"),
    ("0570-1234567", "0570-1234567"),
    ("8888666", "8888666"),
    ("88886666", "88886666"),
    ("", ""),
    ("   ", ""),
])
def test_forms_callers_give_are_stored_one_way(typed, stored):
    assert normalise_phone(typed) == stored


@pytest.mark.parametrize("typed", ["139-0000", "12345678901234", "abc", "1380000123", "110", "+1 650 253 0000",
                                   "23800001234", "0571-888", "１３９０"])
def test_what_is_not_a_phone_is_refused(typed):
    with pytest.raises(NotAPhone):
        normalise_phone(typed)


def test_the_register_path_stores_the_normal_form(desk):
    from desk.services.incidents import IncidentDraft

    new_id, _ = desk.incidents.register(desk.actor, IncidentDraft(
        "电话测试", item_type="邻里纠纷", source="walk_in", lon=desk.queue()[0].lon, lat=desk.queue()[0].lat,
        reporter_phone="+86 １３９ ００００ １１１１", description="🚧 路口井盖缺失，已设警示"))

    from db.models import Incident

    with desk.db.session() as s:
        row = s.get(Incident, new_id)
        assert row.reporter_phone == "13900001111"
        assert row.description == "🚧 路口井盖缺失，已设警示"  # emoji kept as typed
