"""The error for bad input, in a module without heavy imports (the CLI catches it at start-up)."""


class ScenarioFout(ValueError):
    """Invalid input. The message names the file, the field and the allowed values."""
