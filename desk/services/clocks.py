"""The milestone rules and holiday calendar as stored, and stamping an incident's clocks at each step."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Holiday, Incident, MilestoneRule
from desk.domain.milestones import Rule, Schedule, WorkCalendar, event_times, rules_for, schedule


def load_rules(s: Session) -> list[Rule]:
    return [rule_of(r) for r in s.scalars(select(MilestoneRule).order_by(MilestoneRule.position, MilestoneRule.id))]


def rule_of(r: MilestoneRule) -> Rule:
    return Rule(r.code, r.start_event, r.stop_event, r.limit_value, r.unit, r.calendar, r.card, r.item_type,
                r.nature, r.tier, bool(r.active), r.position)


def load_calendar(s: Session) -> WorkCalendar:
    holidays: set[date] = set()
    workdays: set[date] = set()
    for day, kind in s.execute(select(Holiday.day, Holiday.kind)):
        (workdays if kind == "workday" else holidays).add(day)
    return WorkCalendar(frozenset(holidays), frozenset(workdays))


class Clocks:
    """Rules and calendar read once for a transaction (an import stamps thousands of incidents)."""

    def __init__(self, s: Session):
        self.rules = load_rules(s)
        self.calendar = load_calendar(s)

    def schedule_of(self, inc: Incident) -> Schedule:
        mine = rules_for(self.rules, inc.item_type, inc.matter, inc.tier)
        return schedule(mine, event_times(inc.registered_at, dispatched_at=inc.dispatched_at,
                                          answered_at=inc.answered_at, arrived_at=inc.arrived_at,
                                          professional_at=inc.professional_at, feedback_at=inc.feedback_at,
                                          closed_at=inc.closed_at), self.calendar)

    def stamp(self, inc: Incident) -> Schedule:
        """Store when the incident turns yellow and red and its next deadline, as the rules now say."""
        plan = self.schedule_of(inc)
        inc.yellow_at, inc.red_at, inc.due_at, inc.due_milestone = (plan.yellow_at, plan.red_at, plan.due_at,
                                                                    plan.due_code)
        return plan
