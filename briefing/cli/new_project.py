"""Starting work: `briefing init [DIR]` makes a project, `briefing new "Title"` a brief in it."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from briefing.cli.new_brief import new_brief
from briefing.config import Config, default_cache_dir
from briefing.errors import BriefingError, ConfigError, display_path
from briefing.project import CONFIG_FILE, find_project
from briefing.runner.job import error_lines

STARTER_TITLE = "Starter Brief"
"""The title of the brief `briefing init` writes, so a new project builds as it is."""

CONFIG_TEXT = """\
# briefing project settings: defaults every brief of this project shares.
# A brief's front matter overrides them; the command line overrides both.

# language = "en"              # BCP 47 tag for briefs that name none
# organisation = ""            # shown on the cover
# author = ""                  # person or unit; PDF author
# paper = "a4"                 # a4 or letter
# profiles = ["brief"]         # brief, handout, email or all
# notice_short = ""            # short verification notice in every page footer
# classification = ""          # handling banner on every page
# distribution = ""            # distribution statement
# brand = "house"              # brands/house.yml instead of _brand.yml

# Folders, relative to this file:
# content_dir = "content"
# build_dir = "build"
# cache_dir = ".briefing-cache"
# assets_dir = "assets"

# To change the look, copy a file from the theme into templates/ or styles/ here:
# the project's file overrides the theme's file of the same name.
"""


def new_command(argv: list[str]) -> int:
    """`briefing new "Title"`: write a brief with its table and figure into the project."""
    parser = argparse.ArgumentParser(
        prog="briefing new", description="Start a new brief that builds as it is."
    )
    parser.add_argument("title", help="The brief's title; its file name is made from it.")
    parser.add_argument(
        "--content",
        type=Path,
        metavar="DIR",
        help="Folder for the brief (default: the project's content/).",
    )
    parser.add_argument(
        "--language",
        metavar="TAG",
        help="The brief's language, a BCP 47 tag such as fr or ar (default: the project's, "
        "else en).",
    )
    args = parser.parse_args(argv)
    try:
        project = find_project(Path.cwd())
        config = Config(
            template_dirs=project.template_dirs, cache_dir=default_cache_dir(project.cache_dir)
        )
        language = args.language or project.defaults.language or "en"
        content = args.content or project.content_dir
        written = new_brief(args.title, content, config, dt.date.today(), language)
    except BriefingError as error:
        print(error_lines(error), file=sys.stderr, flush=True)
        return 1
    for path in written:
        print(f"wrote {display_path(path)}")
    return 0


def init_command(argv: list[str]) -> int:
    """`briefing init [DIR]`: a project that builds as it is (config, content/, starter brief)."""
    parser = argparse.ArgumentParser(
        prog="briefing init",
        description="Make a project: briefing.toml and content/ with a starter brief.",
    )
    parser.add_argument(
        "folder", nargs="?", type=Path, default=Path("."), help="The project folder (default: .)."
    )
    args = parser.parse_args(argv)
    folder: Path = args.folder
    try:
        if (folder / CONFIG_FILE).exists():
            raise ConfigError(f"{display_path(folder / CONFIG_FILE)} already exists")
        config = Config(cache_dir=default_cache_dir(folder / ".briefing-cache"))
        written = new_brief(STARTER_TITLE, folder / "content", config, dt.date.today())
        folder.mkdir(parents=True, exist_ok=True)
        with (folder / CONFIG_FILE).open("x", encoding="utf-8") as stream:
            stream.write(CONFIG_TEXT)
    except OSError as error:
        print(f"{display_path(folder)}: cannot make a project: {error}", file=sys.stderr)
        return 1
    except BriefingError as error:
        print(error_lines(error), file=sys.stderr, flush=True)
        return 1
    for path in [folder / CONFIG_FILE, *written]:
        print(f"wrote {display_path(path)}")
    print(f"build it with: cd {display_path(folder)} && briefing")
    return 0
