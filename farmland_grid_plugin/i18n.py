"""Translation: the locale chooses zh_CN, then zh, then English."""

from pathlib import Path

from qgis.core import QgsApplication
from qgis.PyQt.QtCore import QCoreApplication, QLocale, QSettings, QTranslator

I18N_DIR = Path(__file__).resolve().parent / "resources" / "i18n"
_installed = []  # the QTranslator must outlive this call, or Qt drops it


def locale_candidates(locale_name):
    """``zh_TW`` → ``["zh_TW", "zh", "zh_CN"]``: exact, language, then the Chinese we ship."""
    name = (locale_name or "").replace("-", "_")
    language = name.split("_")[0]
    candidates = [name, language]
    if language == "zh":
        candidates.append("zh_CN")
    return [c for i, c in enumerate(candidates) if c and c not in candidates[:i]]


def user_locale():
    """The language QGIS runs its interface in (its --lang option or locale setting), else the system's."""
    app = QgsApplication.instance()
    if isinstance(app, QgsApplication) and app.translation():
        return app.translation()
    settings = QSettings()
    if settings.value("locale/overrideFlag", False, type=bool):
        return settings.value("locale/userLocale", "") or QLocale.system().name()
    return QLocale.system().name()


def install_translator(locale_name=None):
    """Install the best matching compiled translation; returns the locale loaded or None."""
    remove_translator()
    for candidate in locale_candidates(locale_name or user_locale()):
        translator = QTranslator()
        if translator.load(str(I18N_DIR / f"farmland_grid_{candidate}.qm")):
            QCoreApplication.installTranslator(translator)
            _installed.append(translator)
            return candidate
    return None


def remove_translator():
    while _installed:
        QCoreApplication.removeTranslator(_installed.pop())


def render(message):
    """Text of a domain Message in the user's language."""
    return message.render(QCoreApplication.translate)
