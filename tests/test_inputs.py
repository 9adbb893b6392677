"""Every input a build is given is built, skipped with its reason, or noted: nothing is lost in silence,
nothing blocks, nothing is read as what it is not."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

from click.testing import CliRunner

from kg.cli import cli
from kg.ingest import iter_input_files
from tests.test_robustness import _as_another_user

PAGE = "{title}\n\n——访郑州市科技局党组书记、局长夏扬\n\n夏扬表示，要深入开展“三标”活动，抓好落实。\n"
JAPANESE = "東京都は本日、新しい政策を発表しました。知事は記者会見で、経済対策について詳しく説明した。\n" * 3
KOREAN = "서울시는 오늘 새로운 정책을 발표했다. 시장은 기자회견에서 경제 대책에 대해 자세히 설명했다.\n" * 3


def _page(title: str) -> str:
    return PAGE.format(title=title)


def _report(workspace: Path) -> dict:
    return json.loads((workspace / "build-report.json").read_text(encoding="utf-8"))


def test_a_folder_of_bad_inputs_builds_the_good_files_and_lists_every_other(tmp_path):
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    (corpus / "good.txt").write_text(_page("标题一"), encoding="utf-8")
    (corpus / "a#b.txt").write_text(_page("标题二"), encoding="utf-8")
    (corpus / "bom-only.txt").write_bytes(b"\xef\xbb\xbf")
    (corpus / "ideographic-spaces.txt").write_text("\u3000\u3000\n\u3000", encoding="utf-8")
    (corpus / "zero-width.txt").write_text("\u200b\u200d\ufeff\n", encoding="utf-8")
    (corpus / "shift-jis.txt").write_bytes(JAPANESE.encode("shift_jis"))
    (corpus / "euc-kr.txt").write_bytes(KOREAN.encode("euc_kr"))
    (corpus / "titles.jsonl").write_text(
        "\n".join(
            json.dumps({"text": _page(f"标题{n}"), "title": title}, ensure_ascii=False)
            for n, title in (("三", ["a", "list"]), ("四", 42), ("五", "记录的标题"))
        )
        + "\n"
        + json.dumps({"text": "\u3000 \u200b"})
        + "\n",
        encoding="utf-8",
    )
    os.mkfifo(corpus / "fifo.txt")
    (corpus / "sub" / "loop").symlink_to(corpus, target_is_directory=True)
    (corpus / "dangling.txt").symlink_to(corpus / "gone.txt")
    # the build's own outputs, where `kg build .` puts them
    workspace = corpus / "kg-out"
    result = CliRunner().invoke(cli, ["build", str(corpus), "-w", str(workspace)], obj={})
    assert result.exit_code == 1, result.output
    again = CliRunner().invoke(cli, ["build", str(corpus), "-w", str(workspace)], obj={})
    assert again.exit_code == 1 and "Traceback" not in again.output
    report = _report(workspace)
    skipped = {Path(item["path"]).name: item["reason"] for item in report["skipped"]}
    noticed = " ".join(f"{Path(item['path']).name}: {item['reason']}" for item in report["notices"])
    for name in ("bom-only.txt", "ideographic-spaces.txt", "zero-width.txt"):
        assert skipped[name] == "no text: only white space and invisible characters"
    assert skipped["shift-jis.txt"].startswith("text in cp932, not a Chinese encoding")
    assert skipped["euc-kr.txt"].startswith("text in cp949, not a Chinese encoding")
    assert skipped["fifo.txt"] == "not a regular file (a FIFO)"
    assert skipped["dangling.txt"] == "a link to nothing (dangling symbolic link)"
    assert "line 4: no text" in skipped["titles.jsonl"]
    assert "loop: a link to a folder already read" in noticed and "kg-out: a govkg workspace" in noticed
    assert "line 1: 'title' is not text (list), left out" in noticed and "line 2: 'title' is not text (int)" in noticed
    assert report["articles_built"] == 0 and report["articles"] == 5  # the second build found all five built
    turtle = (workspace / "kg.ttl").read_text(encoding="utf-8")
    assert "source/a%23b.txt" in turtle and '"记录的标题"' in turtle


def test_a_file_or_folder_that_cannot_be_read_stops_nothing_else():
    folder = Path(tempfile.mkdtemp(prefix="govkg-unreadable-"))
    try:
        folder.chmod(0o755)
        corpus = folder / "corpus"
        (corpus / "closed").mkdir(parents=True)
        (corpus / "good.txt").write_text(_page("标题一"), encoding="utf-8")
        (corpus / "closed" / "hidden.txt").write_text(_page("标题二"), encoding="utf-8")
        unreadable = folder / "unreadable.txt"
        unreadable.write_text(_page("标题三"), encoding="utf-8")
        workspace = folder / "ws"
        workspace.mkdir()
        for path in (folder, corpus, workspace):
            path.chmod(0o777)
        (corpus / "good.txt").chmod(0o644)
        (corpus / "closed").chmod(0o700)
        unreadable.chmod(0o600)
        built = subprocess.run(
            _as_another_user(
                [sys.executable, "-m", "kg.cli", "build", str(unreadable), str(corpus), "-w", str(workspace)]
            ),
            capture_output=True,
            text=True,
            cwd=Path(__file__).resolve().parent.parent,
            env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
        )
        assert built.returncode == 1 and "Traceback" not in built.stderr, built.stderr
        report = _report(workspace)
        skipped = {Path(item["path"]).name: item["reason"] for item in report["skipped"]}
        if os.geteuid() == 0 or not os.access(unreadable, os.R_OK):
            assert skipped["unreadable.txt"].startswith("cannot read") and "Permission denied" in skipped["closed"]
        assert report["articles_built"] == 1
    finally:
        for path in [folder, *folder.rglob("*")]:
            if not path.is_symlink():
                path.chmod(path.stat().st_mode | stat.S_IRWXU)
        shutil.rmtree(folder)


def test_special_files_given_by_name_are_refused_at_once(tmp_path):
    fifo = tmp_path / "named.txt"
    os.mkfifo(fifo)
    items = list(iter_input_files([fifo, Path("/dev/zero")]))
    assert [item.reason for item in items] == ["not a regular file (a FIFO)", "unsupported file kind '(no suffix)'"]
