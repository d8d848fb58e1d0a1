"""The idle lock of a signed-in desk: after some minutes with no key or mouse input the window hides
what it shows and asks for the same account's password again (the wall and a demo never lock). The
check is a timer; the input is seen through an application-wide event filter."""
from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QWidget

from desk.domain.permissions import Actor
from desk.ui.sign_in import SignInDialog

IDLE_MINUTES = 10
CHECK_MS = 15_000
INPUT = frozenset({QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.Wheel,
                   QEvent.Type.TouchBegin})


class IdleLock(QObject):
    locked = Signal(bool)

    def __init__(self, window: QWidget, login: str, township: str, check: Callable[[str, str, str], Actor],
                 minutes: float = IDLE_MINUTES, clock: Callable[[], float] = time.monotonic):
        super().__init__(window)
        self._window, self._login, self._township, self._check = window, login, township, check
        self._limit, self._clock = minutes * 60.0, clock
        self._last = clock()
        self.dialog: SignInDialog | None = None
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_MS)
        self._timer.timeout.connect(self.check)
        self._timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in INPUT and self.dialog is None:
            self._last = self._clock()
        return False

    def check(self) -> None:
        if self.dialog is None and self._clock() - self._last >= self._limit:
            self.lock()

    def lock(self) -> None:
        content = self._content()
        if content is not None:
            content.hide()  # nothing of the township's data stays on an unattended screen
        dlg = SignInDialog(self._township, self._again, self._window)
        dlg.setWindowTitle(self.tr("Locked after inactivity: sign in again"))
        dlg.login.setText(self._login)
        dlg.login.setReadOnly(True)
        dlg.buttons.rejected.disconnect()  # no way past the lock but the password
        dlg.accepted.connect(self._unlocked)
        dlg.password.setFocus()
        self.dialog = dlg
        dlg.open()
        self.locked.emit(True)

    def _again(self, login: str, password: str, code: str) -> Actor:
        return self._check(self._login, password, code)

    def _unlocked(self) -> None:
        content = self._content()
        if content is not None:
            content.show()
        self.dialog = None
        self._last = self._clock()
        self.locked.emit(False)

    def _content(self) -> QWidget | None:
        central = getattr(self._window, "centralWidget", None)
        return central() if callable(central) else None

    def stop(self) -> None:
        self._timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
