"""The one exception type of the package."""


class ArchiveError(Exception):
    """The archive cannot be read as committed: missing or damaged files, invalid fields, a tile failing its checks.
    The message names the archive, the file (or tile) and the problem. Nothing is returned from a damaged archive."""
