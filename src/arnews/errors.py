"""Errors that reach the user as one clear line, never as a traceback."""


class InputError(Exception):
    """A problem with the user's input (a path, a file, an argument), worded for the user.

    Args:
        path: the file or folder concerned, or None.
        reason: what is wrong with it, in plain words.
    """

    def __init__(self, path, reason: str):
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}" if path is not None else reason)

    def __reduce__(self):
        # Rebuild from (path, reason), so the error survives a trip back from a worker process.
        return type(self), (self.path, self.reason)
