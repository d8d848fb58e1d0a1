"""The desk's shared vocabularies, each defined once, as ordered tuples of the codes the database stores.

The order is the display order. Translated names live in desk.ui.labels, one translation context per
vocabulary, so that two meanings never share one translation string. Incident statuses and the steps
of the closed loop are the Enums in desk.domain.lifecycle; account roles are in desk.domain.permissions."""
from __future__ import annotations

from desk.domain.catalog import CLASSES, DEPARTMENT_KINDS, MATTERS, TIERS

__all__ = ["CLASSES", "DEPARTMENT_KINDS", "DUTY_FUNCTIONS", "MATTERS", "SOURCES", "STAFF_ROLES", "TIERS"]

# Where an incident came from.
SOURCES = (
    "grid_worker",  # 网格员上报
    "call_110",  # 110警情
    "hotline_12345",  # 12345热线
    "walk_in",  # 群众来访
    "patrol",  # 巡逻发现
    "volunteer",  # 义警报告
    "sensor",  # 监测预警
    "visit",  # 入户走访发现
)

# Staff roles; the boards list them in this order, which follows the station formula.
STAFF_ROLES = (
    "community_police",  # 社区民警 (治安指导员)
    "auxiliary_police",  # 辅警 (网格巡查员)
    "police_assistant",  # 警务助理 (网格巡查员)
    "antidrug_worker",  # 禁毒专干
    "trainee_assistant",  # 见习助理
    "grid_worker",  # 网格员
    "volunteer",  # 义警
    "hazard_monitor",  # 群测群防员
    "department_staff",  # 联动部门人员
)

# The eight duty functions (八类人员). The codes are what staff rows already store.
DUTY_FUNCTIONS = (
    "intelligence",  # 情报信息员
    "hazard_check",  # 隐患排查员
    "mediation",  # 纠纷调解员
    "safety_guard",  # 平安守护员
    "emergency",  # 应急处突员
    "public_service",  # 群众服务员
    "social_governance",  # 社会治理员
    "policy_outreach",  # 政策宣传员
)
