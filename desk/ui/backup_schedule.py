"""The desk's own daily backup: at start and every hour after, if the newest backup beside the desk's data
is a day old (or there is none), one is taken on a worker thread, verified and rotated (14 kept). Only
for a real township's SQLite database (a demo is not backed up); a failure is logged, never shown as a
dialog over the operator's work (the status bar says so)."""
from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from desk.services import backup as backups
from desk.ui.worker import Reads

log = logging.getLogger(__name__)
CHECK_MS = 60 * 60 * 1000
EVERY = timedelta(days=1)


class BackupSchedule(QObject):
    finished = Signal(str)  # the backup written, or "" when it failed

    def __init__(self, source: Path, folder: Path, parent: QObject | None = None,
                 clock: Callable[[], datetime] = datetime.now):
        super().__init__(parent)
        self._source, self._folder, self._clock = source, folder, clock
        self._reads = Reads(self)
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_MS)
        self._timer.timeout.connect(self.check)
        self._timer.start()

    def due(self) -> bool:
        newest = backups.backups(self._folder)[:1]
        if not newest:
            return True
        try:
            taken = datetime.strptime(newest[0].stem[len(backups.PREFIX):], "%Y%m%d-%H%M%S")
        except ValueError:
            return True
        return self._clock() - taken >= EVERY

    def check(self) -> None:
        if self._reads.busy() or not self.due():
            return
        self._reads.run("backup", self._take, self._done, self._failed)

    def _take(self) -> str:
        return str(backups.backup(self._source, self._folder, now=self._clock()).path)

    def _done(self, path: str) -> None:
        log.info("daily backup written: %s", path)
        self.finished.emit(path)

    def _failed(self, exc: BaseException) -> None:
        log.error("daily backup failed: %s", type(exc).__name__)
        self.finished.emit("")

    def stop(self) -> None:
        self._timer.stop()
