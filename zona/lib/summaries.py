"""Where a page finds the maintained summaries it may read instead of recomputing: an app that
keeps them (zona.rollups) offers a reader under a name; the page asks for it and falls back to its
own computation when none is offered. The page's app never imports the one keeping the
summaries, which comes after it in the dependency order."""

from __future__ import annotations

from collections.abc import Callable

READERS: dict[str, Callable] = {}


def offer(name: str):
    def register(function: Callable) -> Callable:
        READERS[name] = function
        return function

    return register


def reader(name: str) -> Callable | None:
    return READERS.get(name)
