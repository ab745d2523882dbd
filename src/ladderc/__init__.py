"""ladderc: a compiler for dual-track career ladders written as YAML."""

__version__ = "0.1.0"
