"""Helpers shared by the CLI subcommands: corpus loading, JSON output, error exits."""

from __future__ import annotations

import argparse
import json
import logging
import re
import sys
from pathlib import Path
from typing import Any

from bot.corpus.loader import CorpusError, load_corpus
from bot.engine import Engine
from bot.engine.errors import EngineInputError

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_INPUT = 1
EXIT_CONFIG = 2


def add_corpus_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--corpus", type=Path, default=None,
                        help="corpus directory (default: CORPUS_DIR, else the bundled seeds)")


def add_json_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print the JSON contract")


def load_engine(args: argparse.Namespace) -> Engine:
    """Build the engine for ``args.corpus`` (or the configured corpus); raises CorpusError."""
    from bot.config import load_settings

    settings = load_settings(corpus_dir=getattr(args, "corpus", None), require_token=False)
    return Engine(load_corpus(settings.corpus_dir, max_bytes=settings.max_file_bytes))


def emit_json(obj: Any) -> None:
    json.dump(obj, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


#: Discord's option names in engine messages, as this command line spells them
_CLI_OPTIONS = {
    "document_a and document_b": "two --documents",
    "both document_a and document_b": "two --documents",
    "document_a": "--documents",
    "document_b": "--documents",
}
_SLASH_COMMAND = re.compile(r"(?<![\w/])/(summary|brief|compare|digest|sources|places)\b")
_OPTION_NAMES = re.compile("|".join(re.escape(k) for k in
                                    sorted(_CLI_OPTIONS, key=len, reverse=True)))


def cli_wording(message: str) -> str:
    """An engine message as the command line words it: ``briefbot summary``, not
    ``/summary``; ``--documents``, not ``document_a``."""
    message = _SLASH_COMMAND.sub(r"briefbot \1", message)
    return _OPTION_NAMES.sub(lambda m: _CLI_OPTIONS[m.group(0)], message)


def fail(message: str, *, as_json: bool, code: int = EXIT_INPUT, **extra: object) -> int:
    """Report bad input: JSON ``{"error", ...}`` on stdout with --json, else a line on stderr."""
    message = cli_wording(message)
    if as_json:
        emit_json({"error": message, **extra})
    else:
        print(f"error: {message}", file=sys.stderr)
        for key, value in extra.items():
            if value:
                print(f"  {key}: {value}", file=sys.stderr)
    return code


def run_engine_command(args: argparse.Namespace, body: Any) -> int:
    """Load the engine, call ``body(engine) -> (dict, text)``, print JSON or text.

    Bad input (EngineInputError) and a bad corpus (CorpusError) exit 1 with an error object.
    """
    as_json = bool(getattr(args, "json", False))
    try:
        engine = load_engine(args)
        data, text = body(engine)
    except EngineInputError as exc:
        return fail(str(exc), as_json=as_json, **exc.extra)
    except CorpusError as exc:
        return fail(str(exc), as_json=as_json)
    if as_json:
        emit_json(data)
    else:
        print(text)
    return EXIT_OK
