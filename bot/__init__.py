"""briefbot: a Discord bot for news briefings built on an extractive engine."""

__version__ = "0.1.0"
