"""The base of the errors that refuse one input with one message for the user (a number, a file, a cell, a value).
A list of such problems, by row and column, is `ntm.problems.Problems`."""


class Refused(ValueError):
    """An input refused; `message` says why, in Vietnamese, for the user."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message
