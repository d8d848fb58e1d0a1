"""Signing in at the desk of a real township: login and password, checked by the accounts service
(argon2id, five failures lock the account for 15 minutes, every attempt on record). A demo database
opens as its duty operator without this; `--user` is for the demo and tests."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from desk.domain.permissions import Actor
from desk.ui.errors import describe


class SignInDialog(QDialog):
    def __init__(self, township: str, check: Callable[[str, str, str], Actor], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Sign in"))
        self.setMinimumWidth(380)
        self._check = check
        self.actor: Actor | None = None
        heading = QLabel(township or self.tr("Township command desk"))
        heading.setProperty("role", "title")
        self.login = QLineEdit()
        self.login.setMaxLength(32)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.code = QLineEdit()
        self.code.setMaxLength(8)
        self.code.setPlaceholderText(self.tr("Only when the second factor is on"))
        self.error = QLabel()
        self.error.setProperty("card", "red")
        self.error.setWordWrap(True)
        self.error.hide()
        form = QFormLayout()
        form.addRow(self.tr("Login"), self.login)
        form.addRow(self.tr("Password"), self.password)
        form.addRow(self.tr("Code"), self.code)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Sign in"))
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        lay = QVBoxLayout(self)
        lay.addWidget(heading)
        lay.addLayout(form)
        lay.addWidget(self.error)
        lay.addWidget(buttons)
        self.login.setFocus()

    def submit(self) -> None:
        try:
            self.actor = self._check(self.login.text(), self.password.text(), self.code.text())
        except (ValueError, PermissionError) as exc:
            self.error.setText(describe(exc))
            self.error.show()
            if getattr(exc, "code", "") == "code_required":
                self.code.setFocus()  # the password was right: only the code is missing
                return
            self.password.clear()
            self.code.clear()
            self.password.setFocus()
            return
        self.accept()
