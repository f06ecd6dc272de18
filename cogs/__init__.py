"""discord.py extensions: thin adapters from slash commands to the engine and renderers."""
