"""Domain errors. The library raises these; only the CLI and UI turn them into messages."""


class AssistantError(Exception):
    """Base class: the message says what was wrong and what to do."""


class SourceError(AssistantError):
    """A corpus file could not be read, decoded or parsed (message names the file)."""


class IndexMissing(AssistantError):
    """No built index where one was expected."""


class IndexMismatch(AssistantError):
    """The index on disk was built with other settings, or is damaged."""


class BadQuestion(AssistantError):
    """The question is empty, too long, or otherwise unusable."""


class ModelError(AssistantError):
    """The embedding model could not be found or loaded."""
