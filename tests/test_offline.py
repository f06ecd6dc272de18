"""`briefbot offline`, the README's first command, run as a user runs it: a subprocess on the
bundled seeds, no token, no network (the bot talks to the local Discord on 127.0.0.1)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from bot.engine.places.gazetteer import cache_dir
from bot.render.places import MAP_PENDING


def _offline(tmp_path: Path, seeds_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {"PATH": os.environ.get("PATH", ""), "HOME": str(tmp_path), "DISCORD_TOKEN": "",
           # the built gazetteer (a minute's work, done once per machine) is shared
           "BRIEFBOT_CACHE_DIR": str(cache_dir())}
    code = "import sys; from bot.cli import main; sys.exit(main(sys.argv[1:]))"
    return subprocess.run(
        [sys.executable, "-c", code, "offline", "--corpus", str(seeds_dir), *args],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=240, check=False)


def test_offline_brief_waits_for_the_map_edit(tmp_path: Path, seeds_dir: Path) -> None:
    proc = _offline(tmp_path, seeds_dir, "--command", "/brief place:Mosul sentences:2", "--json")
    assert proc.returncode == 0, proc.stderr
    requests = json.loads(proc.stdout)
    answers = [r for r in requests if isinstance(r["json"], dict) and r["json"].get("embeds")]
    # the text first, saying the map is coming, then the edit that attaches it
    first, last = answers[0]["json"], answers[-1]["json"]
    assert first["embeds"][0]["title"] == "Briefing: Mosul, Iraq"
    assert MAP_PENDING in first["embeds"][0]["footer"]["text"]
    assert answers[-1]["method"] == "PATCH" and answers[-1]["path"].endswith("/@original")
    assert last["embeds"][0]["image"]["url"] == "attachment://map.png"
    assert [a["filename"] for a in last["attachments"]] == ["map.png"]
    assert all(r["json"].get("allowed_mentions") == {"parse": []} for r in answers
               if "allowed_mentions" in r["json"])


def test_offline_summary_prints_attributed_sentences(tmp_path: Path, seeds_dir: Path) -> None:
    proc = _offline(tmp_path, seeds_dir, "--command", "/summary sentences:3")
    assert proc.returncode == 0, proc.stderr
    assert "Summary of the corpus" in proc.stdout
    body = " ".join(proc.stdout.split()).split("-- Sources")[0]
    bullets = body.split("• ")[1:]
    assert len(bullets) == 3
    assert all(" — " in b for b in bullets)  # every sentence attributed to its source


def test_offline_rejects_an_unknown_command(tmp_path: Path, seeds_dir: Path) -> None:
    proc = _offline(tmp_path, seeds_dir, "--command", "/nosuch")
    assert proc.returncode != 0
    assert "nosuch" in proc.stderr
