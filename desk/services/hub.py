"""In-process publish/subscribe of change sets; views subscribe, services publish."""
from __future__ import annotations

import logging
from collections.abc import Callable

from desk.domain.changes import ChangeSet

log = logging.getLogger(__name__)

Subscriber = Callable[[ChangeSet], None]


class ChangeHub:
    def __init__(self) -> None:
        self._subscribers: list[Subscriber] = []

    def subscribe(self, callback: Subscriber) -> Callable[[], None]:
        self._subscribers.append(callback)

        def unsubscribe() -> None:
            if callback in self._subscribers:
                self._subscribers.remove(callback)

        return unsubscribe

    def publish(self, changes: ChangeSet) -> None:
        if not changes:
            return
        for callback in list(self._subscribers):
            try:
                callback(changes)
            except Exception:  # one broken view must not starve the others
                log.exception("change subscriber failed")
