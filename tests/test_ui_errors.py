"""Refusals reach the operator as Chinese sentences that name the field, never as English internals."""
import pytest

from desk.domain.permissions import Actor
from desk.services.incidents import IncidentDraft
from desk.ui.errors import describe


def _point(desk):
    from shapely.geometry import shape

    p = shape(desk.map_layers()["grids"]["features"][0]["geometry"]).representative_point()
    return p.x, p.y


def _refusal(call):
    with pytest.raises((ValueError, PermissionError)) as info:
        call()
    return describe(info.value)


def test_refusals_are_worded_for_the_operator(zh_app, desk):
    lon, lat = _point(desk)
    draft = dict(title="纠纷", category="dispute", matter="grid", source="walk_in", lon=lon, lat=lat)
    register = desk.incidents.register
    assert _refusal(lambda: register(desk.actor, IncidentDraft(**{**draft, "title": " "}))) == "请填写事项标题。"
    assert _refusal(lambda: register(desk.actor, IncidentDraft(**{**draft, "reporter_phone": "abc"}))) == \
        "反映人电话“abc”不是有效电话号码：应为11位手机号、带区号的固定电话（如 0571-88886666）或本地号码。"
    assert "不在任何网格内" in _refusal(lambda: register(desk.actor, IncidentDraft(**{**draft, "lon": 100.0})))
    new_id, _ = register(desk.actor, IncidentDraft(**draft))
    code = desk.incident_detail(new_id).row.code
    assert _refusal(lambda: desk.incidents.close(desk.actor, new_id)) == f"{code} 当前为“已登记”，不能执行“办结”。"
    assert _refusal(lambda: register(Actor(None, "wall", "wall"), IncidentDraft(**draft))) == \
        "您的账号（wall）无权执行此操作。"
    assert _refusal(lambda: desk.incidents.evaluate(desk.actor, new_id, 9)) == "满意度为1至5分。"
