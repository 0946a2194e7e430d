"""Where what a person enters is kept, behind the protocols of ``sleepmin.usecases.ports``.
Today: the pins file in the data directory."""

from sleepmin.store.pins_file import PinsFile, saved_pins

__all__ = ["PinsFile", "saved_pins"]
