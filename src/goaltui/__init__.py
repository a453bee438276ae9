"""goaltui: a terminal goal tracker for people who sell."""

__version__ = "0.1.0"
