"""requirements.txt and environment.yml pin the same versions of the same packages."""

import re

import yaml

PIN = re.compile(r"^([A-Za-z0-9_.\-]+)\s*==?\s*([^\s#;]+)$")


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def requirement_pins(repo) -> dict[str, str]:
    pins = {}
    for line in (repo / "requirements.txt").read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            match = PIN.match(line)
            assert match and "==" in line, f"requirements.txt: not an exact pin: {line!r}"
            pins[_norm(match.group(1))] = match.group(2)
    return pins


def environment_pins(repo) -> dict[str, str]:
    env = yaml.safe_load((repo / "environment.yml").read_text())
    pins = {}
    for dep in env["dependencies"]:
        entries = dep["pip"] if isinstance(dep, dict) else [dep]
        for entry in entries:
            match = PIN.match(entry.replace(" ", ""))
            if match and _norm(match.group(1)) not in ("python", "pip"):
                pins[_norm(match.group(1))] = match.group(2)
    return pins


def test_every_requirement_is_an_exact_pin(repo):
    assert len(requirement_pins(repo)) >= 10


def test_environment_yml_pins_the_same_packages_and_versions(repo):
    assert environment_pins(repo) == requirement_pins(repo)


def test_environment_yml_needs_python_311(repo):
    env = yaml.safe_load((repo / "environment.yml").read_text())
    assert "python=3.11" in env["dependencies"]


def test_installed_versions_match_the_pins(repo):
    from importlib.metadata import PackageNotFoundError, version

    from packaging.version import Version

    wrong = {}
    for name, pinned in requirement_pins(repo).items():
        try:
            installed = version(name)
        except PackageNotFoundError:
            installed = None
        if installed is None or Version(installed) != Version(pinned):
            wrong[name] = (pinned, installed)
    assert not wrong, f"installed versions differ from requirements.txt (pinned, installed): {wrong}"
