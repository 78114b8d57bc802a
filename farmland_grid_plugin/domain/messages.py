"""Translatable messages raised or reported by the domain code.

The domain must not import qgis, so it cannot call ``tr()``. It marks each message
template with ``QT_TR_NOOP`` (a marker pylupdate5 extracts, into the ``@default``
context) and keeps the parameters apart; the plugin renders the template through
Qt's translator. Parameters that are Messages themselves are rendered the same way.
"""

CONTEXT = "@default"


def QT_TR_NOOP(text):  # noqa: N802 - the exact name pylupdate5 recognises
    return text


class Message:
    """A message template with its parameters; ``str()`` gives the English text."""

    __slots__ = ("template", "params")

    def __init__(self, template, **params):
        self.template = template
        self.params = params

    def render(self, translate=None):
        template = translate(CONTEXT, self.template) if translate else self.template
        params = {k: v.render(translate) if isinstance(v, Message) else v for k, v in self.params.items()}
        return template.format(**params)

    def __str__(self):
        return self.render()

    def __repr__(self):
        return f"Message({self.render()!r})"


class DomainError(ValueError):
    """An input the domain cannot use; carries a translatable Message."""

    def __init__(self, template, **params):
        self.message = Message(template, **params)
        super().__init__(str(self.message))


class Canceled(Exception):
    """Raised when the caller's cancel check answers true."""


class Progress:
    """Progress and cancel hooks the domain calls; the default does nothing."""

    def __init__(self, report=None, canceled=None):
        self._report = report
        self._canceled = canceled

    def set(self, percent):
        if self._report:
            self._report(percent)

    def check(self):
        if self._canceled and self._canceled():
            raise Canceled()
