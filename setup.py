"""One build step beyond pyproject.toml: the wheel carries the files researchers edit.

The lexicons (data/lexicons/), the notebooks (notebooks/NN_*.ipynb) and the seed corpus (data/raw/ with
data/metadata.csv) stay at the top of the repository, where researchers read and edit them; a checkout's
editable install (`make`) reads them in place. A non-editable build (`pip install .`, `pip wheel .`) copies
them into the package, where `arnews.config` finds them: arnews/data/lexicons/, arnews/notebooks/,
arnews/data/raw/ and arnews/data/metadata.csv. MANIFEST.in puts the same files in a source distribution.
"""

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent

#: (folder in the repository, file pattern, folder inside the installed `arnews` package)
PACKAGED_DATA = (
    ("data/lexicons", "*", "data/lexicons"),
    ("data/raw", "*", "data/raw"),
    ("data", "metadata.csv", "data"),
    ("notebooks", "[0-9][0-9]_*.ipynb", "notebooks"),
)


class BuildWithData(build_py):
    """build_py, then the repository's lexicons, notebooks and seed corpus copied into the built package."""

    def run(self):
        super().run()
        if getattr(self, "editable_mode", False):  # an editable install reads them from the checkout
            return
        package = Path(self.build_lib) / "arnews"
        for source, pattern, target in PACKAGED_DATA:
            files = sorted(f for f in (ROOT / source).glob(pattern) if f.is_file())
            if not files:
                raise SystemExit(f"arnews build: {ROOT / source}: no {pattern} files to package")
            self.mkpath(str(package / target))
            for file in files:
                self.copy_file(str(file), str(package / target / file.name))


setup(cmdclass={"build_py": BuildWithData})
