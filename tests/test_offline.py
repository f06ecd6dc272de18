"""`briefbot offline`, the README's first command, run as a user runs it: a subprocess on the
bundled seeds, no token, no network (the bot talks to the local Discord on 127.0.0.1).

Each run gets its own HOME; the spec-check marker lives in one cache folder shared by
the session (as it would in a user's cache), so only the session's own in-process load
pays for checking Discord's OpenAPI spec."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bot.engine.places.gazetteer import cache_dir
from bot.localdiscord import spec
from bot.render.places import MAP_PENDING

CODE = "import sys; from bot.cli import main; sys.exit(main(sys.argv[1:]))"
#: modules a one-shot /summary has no use for (each costs a second or more to import)
UNNEEDED = ("nltk", "sklearn", "scipy.stats", "spacy", "matplotlib", "sqlalchemy",
            "sumy.summarizers", "bot.engine.places", "bot.engine.compare", "bot.store")
#: CODE, then which of UNNEEDED the process imported, and whether it loaded the validator
PROBE = ("import sys; from bot.cli import main; code = main(sys.argv[1:]); "
         f"print('imported:', [m for m in {UNNEEDED!r} if m in sys.modules], "
         "'openapi_core' in sys.modules, file=sys.stderr); sys.exit(code)")


@pytest.fixture(scope="session")
def spec_cache(openapi_spec: object) -> Path:
    """The shared cache folder, where the built gazetteer (a minute's work, done once per
    machine) lives, holding the marker for the bundled spec, which this session has just
    loaded (so the spec passed openapi-core's check on this machine)."""
    folder = cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(spec.CACHE_ENV, str(folder))
        marker = spec._marker(spec.SPEC_PATH.read_bytes())
    marker.write_text("checked by the test session\n", encoding="utf-8")
    return folder


def _env(tmp_path: Path, cache: Path) -> dict[str, str]:
    return {"PATH": os.environ.get("PATH", ""), "HOME": str(tmp_path), "DISCORD_TOKEN": "",
            spec.CACHE_ENV: str(cache)}


@pytest.fixture
def offline(tmp_path: Path, seeds_dir: Path, spec_cache: Path):
    def run(*args: str, code: str = CODE) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            # a /brief waits for the place index: past the default 60 s on a busy machine
            [sys.executable, "-c", code, "offline", "--corpus", str(seeds_dir),
             "--timeout", "200", *args],
            cwd=tmp_path, env=_env(tmp_path, spec_cache), capture_output=True, text=True,
            timeout=240, check=False)

    return run


def test_offline_brief_waits_for_the_map_edit(offline) -> None:
    proc = offline("--command", "/brief place:Mosul sentences:2", "--json")
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


def test_offline_summary_prints_attributed_sentences(offline) -> None:
    proc = offline("--command", "/summary sentences:3", code=PROBE)
    assert proc.returncode == 0, proc.stderr
    # a quick try imports only what a summary needs, and still checks its requests
    assert "imported: [] True" in proc.stderr, proc.stderr
    # the corpus line comes first, on stderr (stdout stays the answer)
    assert re.search(r"^Read 5 documents \(\d+ sentences\) from .*seeds/; skipped 0$",
                     proc.stderr, re.M), proc.stderr
    assert "Summary of the corpus" in proc.stdout
    body = " ".join(proc.stdout.split()).split("-- Sources")[0]
    bullets = body.split("• ")[1:]
    assert len(bullets) == 3
    assert all(" — " in b for b in bullets)  # every sentence attributed to its source


def test_offline_rejects_an_unknown_command(offline) -> None:
    proc = offline("--command", "/nosuch")
    assert proc.returncode != 0
    assert "nosuch" in proc.stderr


def test_prompt_session_turns_pages_and_sets_a_digest_by_channel_name(
        tmp_path: Path, seeds_dir: Path, spec_cache: Path) -> None:
    """A user at the prompt: a six-page answer paged forward and back with the words a
    user would type, then a digest set in #news, shown as Discord shows it; nothing
    is left behind in the folder or the user's data directory."""
    pexpect = pytest.importorskip("pexpect")
    # the first /compare waits for the place and comparison indexes, built at start: on a
    # busy shared machine that can take longer than the default 60 s
    child = pexpect.spawn(sys.executable, ["-c", CODE, "offline", "--corpus", str(seeds_dir),
                                           "--timeout", "170"],
                          cwd=str(tmp_path), env=_env(tmp_path, spec_cache), encoding="utf-8",
                          timeout=180, dimensions=(60, 200))
    try:
        child.expect(r"Read 5 documents")
        child.expect(r"channels: #general, #news")
        child.expect_exact("briefbot> ")
        child.sendline("/compare place:Mosul")
        child.expect(r"page 1/(\d+)")
        pages = int(child.match.group(1))
        assert pages >= 3
        child.expect(r"\[◀ Previous\] \(disabled\)")
        child.expect_exact("briefbot> ")
        child.sendline("next")
        child.expect(rf"page 2/{pages}")
        child.expect_exact("briefbot> ")
        child.sendline("Next ▶")  # a button's label works too
        child.expect(rf"page 3/{pages}")
        child.expect_exact("briefbot> ")
        child.sendline("prev")
        child.expect(rf"page 2/{pages}")
        child.expect_exact("briefbot> ")
        child.sendline("/digest set ?")
        child.expect(r"channel: channel, required")
        child.expect(r"channels: #general, #news")
        child.expect_exact("briefbot> ")
        child.sendline("/digest set channel:nowhere time:08:00")
        child.expect(r"no channel 'nowhere'; channels: #general, #news")
        child.expect_exact("briefbot> ")
        child.sendline("/digest set channel:news time:08:00")
        child.expect_exact("briefbot> ")
        answer = " ".join(child.before.split())
        assert "#news" in answer and "<#" not in answer and "<t:" not in answer
        # the next digest as a date, e.g. "Wednesday, 2 December 2026 08:00"
        assert re.search(r"[A-Z][a-z]+day, \d{1,2} [A-Z][a-z]+ \d{4} \d\d:\d\d", answer)
        child.sendline("quit")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    assert child.exitstatus == 0
    leftovers = [p.name for p in tmp_path.rglob("*.sqlite3")]
    assert leftovers == []  # the session's database was temporary
