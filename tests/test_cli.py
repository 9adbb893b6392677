import json

import pytest
from click.testing import CliRunner

from kg.cli import cli
from tests.conftest import GOLD, SEEDS

PAGE = "标题一\n\n——访郑州市科技局党组书记、局长夏扬\n\n夏扬表示，要深入开展“三标”活动。\n\n本报记者 李娜\n"


@pytest.fixture
def runner():
    return CliRunner()


@pytest.mark.parametrize("command", ["build", "query", "export", "stats", "view", "validate", "eval"])
def test_every_command_has_help(runner, command):
    result = runner.invoke(cli, [command, "--help"], obj={})
    assert result.exit_code == 0 and "--workspace" in result.output and "--store" in result.output


def test_build_prints_a_summary_and_writes_the_outputs(runner, tmp_path):
    page = tmp_path / "page.txt"
    page.write_text(PAGE, encoding="utf-8")
    result = runner.invoke(cli, ["build", str(page), "-w", str(tmp_path / "ws")], obj={})
    assert result.exit_code == 0, result.output
    assert "articles built" in result.output and "  post  " in result.output
    assert (tmp_path / "ws" / "kg.ttl").is_file() and (tmp_path / "ws" / "graph.html").is_file()
    assert (tmp_path / "ws" / "store").is_dir()


def test_build_reads_bare_shi_as_the_home_city_it_is_given(runner, tmp_path):
    page = tmp_path / "page.txt"
    page.write_text("标题\n\n市委书记韦国栋主持召开市委常委会会议。\n", encoding="utf-8")
    result = runner.invoke(cli, ["build", str(page), "--city", "杭州", "-w", str(tmp_path / "ws")], obj={})
    assert result.exit_code == 0, result.output
    assert "杭州市委" in (tmp_path / "ws" / "kg.ttl").read_text(encoding="utf-8")
    result = runner.invoke(cli, ["build", str(page), "--city", "不存在", "-w", str(tmp_path / "ws")], obj={})
    assert result.exit_code == 2 and "--city" in result.output and "不存在" in result.output


def test_workspace_before_the_command_name(runner, tmp_path):
    page = tmp_path / "page.txt"
    page.write_text(PAGE, encoding="utf-8")
    result = runner.invoke(cli, ["-w", str(tmp_path / "ws2"), "build", str(page)], obj={})
    assert result.exit_code == 0 and (tmp_path / "ws2" / "kg.ttl").is_file()


def test_build_reports_skipped_files_and_exits_1(runner, tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "good.txt").write_text(PAGE, encoding="utf-8")
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    (tmp_path / "in" / "gbk.txt").write_bytes(PAGE.encode("gb18030"))
    result = runner.invoke(cli, ["build", str(tmp_path / "in"), "-w", str(tmp_path / "ws")], obj={})
    assert result.exit_code == 1
    assert "empty.txt: empty file" in result.output
    assert "Traceback" not in result.output


def test_stats_ranks_officials_agencies_communities_campaigns_and_investments(runner, seeds_workspace):
    result = runner.invoke(cli, ["stats", "-w", str(seeds_workspace)], obj={})
    assert result.exit_code == 0, result.output
    for heading in (
        "nodes in the graph, by type",
        "most central officials",
        "most central agencies",
        "communities (Louvain)",
        "campaigns with the most agencies",
        "largest investments by place",
    ):
        assert heading in result.output
    assert "十大战略" in result.output and "亿元" in result.output


def test_stats_without_a_graph_says_so(runner, tmp_path):
    result = runner.invoke(cli, ["stats", "-w", str(tmp_path / "none")], obj={})
    assert result.exit_code == 1 and "run `kg build` first" in result.output


@pytest.mark.skipif(not GOLD.is_file(), reason="needs ../shared/eval/seeds-gold.json")
def test_eval_on_the_seeds(runner, seeds_workspace):
    result = runner.invoke(cli, ["eval", str(GOLD), "-w", str(seeds_workspace), "--format", "json"], obj={})
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)["scores"]
    assert set(scores) == {
        "posts",
        "people",
        "interviews",
        "bylines",
        "projects",
        "portfolios",
        "campaigns",
        "meetings",
    }
    assert scores["interviews"]["f1"] == 1.0
    assert scores["bylines"]["f1"] >= 0.9
    assert scores["posts"]["f1"] >= 0.95 and scores["people"]["f1"] >= 0.9
    assert scores["projects"]["f1"] >= 0.8 and scores["campaigns"]["f1"] >= 0.85 and scores["meetings"]["f1"] >= 0.8


def test_eval_errors_lists_the_missed_and_the_false_facts(runner, tmp_path, seeds_workspace):
    seed = sorted(p.name for p in SEEDS.glob("*.txt"))[0]
    gold = tmp_path / "gold.json"
    gold.write_text(
        json.dumps(
            {"documents": {seed: {"posts": [{"person": "无此人", "title": "局长", "org": "郑州市科技局"}]}}},
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    result = runner.invoke(cli, ["eval", str(gold), "-w", str(seeds_workspace), "--errors", "--format", "json"], obj={})
    errors = json.loads(result.output)["errors"]["posts"]
    assert {"file": seed, "fact": "无此人 | 局长 | 郑州市科技局", "sentence": ""} in errors["missed"]
    assert errors["false"] and all(error["file"] == seed for error in errors["false"])
    # each false post comes with the sentence of its file that names its person
    assert all(error["fact"].split(" | ")[0] in error["sentence"] for error in errors["false"])


def test_eval_rejects_a_file_that_is_not_gold(runner, tmp_path, seeds_workspace):
    bad = tmp_path / "bad.json"
    bad.write_text("[1, 2]", encoding="utf-8")
    result = runner.invoke(cli, ["eval", str(bad), "-w", str(seeds_workspace)], obj={})
    assert result.exit_code == 1 and "not a gold file" in result.output


def test_seeds_are_the_default_corpus():
    assert sorted(p.name for p in SEEDS.glob("*.txt"))[0] == "000_f0eb58308b8ed85b.txt"


def test_jobs_auto_starts_a_worker_per_megabyte_up_to_the_cores(tmp_path):
    from kg.build import auto_jobs

    small, large = tmp_path / "small.txt", tmp_path / "large.txt"
    small.write_text("郑州市科技局局长夏扬。\n", encoding="utf-8")
    large.write_text("郑州市科技局局长夏扬。\n" * 80_000, encoding="utf-8")  # 2.6 MB
    assert auto_jobs([small], cores=8) == 1
    assert auto_jobs([tmp_path], cores=8) == 2
    assert auto_jobs([tmp_path], cores=1) == 1


def test_jobs_takes_a_number_or_auto(runner, tmp_path):
    result = runner.invoke(cli, ["build", str(tmp_path), "-j", "many", "-w", str(tmp_path / "ws")], obj={})
    assert result.exit_code == 2 and "neither auto nor a number" in result.output


def test_a_visited_site_counts_once_whatever_its_labels_and_an_equal_target_pairs_first():
    from kg.evaluate import Score, _score_visits

    score = Score()
    sites = [{"开封市", "我市"}, {"省道西洞庭施工现场"}, {"西洞庭管理区"}]
    predicted = [("甲乙", frozenset(labels)) for labels in sites]
    gold = [{"person": "甲乙", "target": target} for target in ("开封市", "西洞庭", "省道西洞庭施工现场")]
    _score_visits(score, "a.txt", gold, predicted)
    assert (score.gold, score.predicted, score.matched) == (3, 3, 3)
