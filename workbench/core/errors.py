"""The error the store raises for a project it cannot open or write (its own module: the window and the
command line name it without importing the store, which they open only when they need it)."""


class StoreError(RuntimeError):
    """A project file that cannot be opened or written; the message is for the user."""
