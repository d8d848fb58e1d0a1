"""desk: the township command desk."""
__version__ = "0.1.0"
