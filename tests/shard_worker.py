"""One bot process of the multi-process test: ``briefbot`` pointed at a local Discord.

    python -m tests.shard_worker BASE_URL GATEWAY_URL run --shard-count 2 --shard-ids 0

runs the real ``briefbot run`` (settings from the environment: DISCORD_TOKEN,
DATABASE_URL, ...) with discord.py redirected to the local Discord the test started.
"""

from __future__ import annotations

import sys

from bot.cli import main
from bot.localdiscord.redirect import redirect_discord


def run(argv: list[str]) -> int:
    base_url, gateway_url, *rest = argv
    with redirect_discord(base_url, gateway_url):
        return main(rest)


if __name__ == "__main__":
    sys.exit(run(sys.argv[1:]))
