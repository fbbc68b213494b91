"""The one exception root. The CLI turns any HearthError into one line and exit code 2."""


class HearthError(Exception):
    """Something the user can fix; the message says what is wrong and how to fix it."""

    def __init__(self, message: str, where: str | None = None):
        self.where = where
        super().__init__(f"{where}: {message}" if where else message)


class ConfigError(HearthError):
    """The config file is missing a field, has an unknown key or a wrong type."""


class CatalogueError(HearthError):
    """An intent, voice or deck file is malformed."""


class InputError(HearthError):
    """Text given on the command line or stdin cannot be used."""


class AudioError(HearthError):
    """An audio file or device cannot be read, written or opened."""


class ModelError(HearthError):
    """A speech model is missing or incomplete."""


class VoiceError(HearthError):
    """The synthesizer or a voice profile cannot be used."""


class JournalError(HearthError):
    """The journal database is locked, corrupt or unwritable."""
