"""Compile arnews's numba kernels into numba's on-disk cache, once, so that no stage compiles at run time.

`make` (after installing) and Binder's `postBuild` run `python -m arnews.compiled`.
"""

from __future__ import annotations

__all__ = ["warm"]


def warm() -> None:
    """Compile every kernel (the term engine's and the text searches') for the argument types arnews uses."""
    from arnews import textsearch
    from arnews.terms import kernels

    kernels.warm()
    textsearch.warm()


if __name__ == "__main__":
    warm()
