"""The package version, in a module of its own: anything may read it without importing the
rest of sleepmin."""

__version__ = "0.1.0"
