"""The package as `pip install .` installs it: a wheel in a fresh environment, run from outside the checkout,
has its lexicons, named queries and shapes."""

from __future__ import annotations

import shutil
import site
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEEDS


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """The `kg` of a fresh environment holding only the wheel, which reads this environment's dependencies
    (installing them again would need the network)."""
    where = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(where / "dist"), str(ROOT)],
        check=True,
        cwd=where,
    )
    environment = where / "env"
    venv.create(environment, with_pip=False)
    python = environment / "bin" / "python"
    packages = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    # a plain path, so this environment's own .pth files (the editable checkout) are not read
    (Path(packages) / "dependencies.pth").write_text("\n".join(site.getsitepackages()) + "\n", encoding="utf-8")
    wheel = next((where / "dist").glob("govkg-*.whl"))
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--quiet", str(wheel)],
        check=True,
        cwd=where,
    )
    return environment / "bin" / "kg"


def _kg(kg: Path, cwd: Path, *arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(kg), *arguments], cwd=cwd, capture_output=True, text=True, timeout=300)


def test_the_wheel_builds_queries_and_validates_outside_the_checkout(installed, tmp_path):
    pages = tmp_path / "pages"
    pages.mkdir()
    for seed in sorted(SEEDS.glob("*.txt"))[:2]:
        shutil.copy(seed, pages)
    located = _kg(installed.parent / "python", tmp_path, "-c", "import kg; print(kg.__file__)")
    assert located.returncode == 0 and str(ROOT) not in located.stdout, located.stdout + located.stderr

    built = _kg(installed, tmp_path, "build", "pages")
    assert built.returncode == 0, built.stderr
    officials = _kg(installed, tmp_path, "query", "officials", "--format", "csv")
    assert officials.returncode == 0, officials.stderr
    assert officials.stdout.splitlines()[0].split(",")[:2] == ["person", "title"]
    assert len(officials.stdout.splitlines()) > 3
    validated = _kg(installed, tmp_path, "validate")
    assert validated.returncode == 0, validated.stdout + validated.stderr
    assert "0 violations" in validated.stdout
