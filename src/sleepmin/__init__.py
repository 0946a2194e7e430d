"""sleepmin: could minerals be part of a sleep problem? Estimates, explained and cited."""

__version__ = "0.1.0"
