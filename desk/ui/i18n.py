"""Simplified Chinese by default, English on request."""
from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from desk.paths import resources_dir

LANGS = ("zh_CN", "en")


def install(app: QApplication, lang: str) -> list[QTranslator]:
    """Load our catalogue and Qt's own (dialog buttons); keep the translators alive with the app."""
    if lang not in LANGS:
        raise ValueError(f"unsupported language '{lang}': choose one of {', '.join(LANGS)}")
    QLocale.setDefault(QLocale(QLocale.Language.English if lang == "en" else QLocale.Language.Chinese,
                               QLocale.Country.UnitedStates if lang == "en" else QLocale.Country.China))
    installed: list[QTranslator] = []
    if lang == "en":
        return installed  # source strings are English
    ours = QTranslator(app)
    if not ours.load(str(resources_dir() / "i18n" / f"desk_{lang}.qm")):
        raise FileNotFoundError(f"missing translation resources/i18n/desk_{lang}.qm (run tools/i18n.py)")
    app.installTranslator(ours)
    installed.append(ours)
    qt = QTranslator(app)
    if qt.load(f"qtbase_{lang}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        installed.append(qt)
    return installed
