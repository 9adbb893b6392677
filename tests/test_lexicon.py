"""Lexicons as data: one file format, lexicons as objects (a test's tiny one, a user's folder), finders built
from the lexicon they are given, tuned numbers from the pipeline's config; and no word list left in code."""

import ast
import re

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.lexicon import Lexicon, LexiconError
from kg.lexicon.tables import PACKAGE_DATA, check_user_folder, parse_table, read_table, table_names
from kg.nlp import build_nlp, mentions
from kg.nlp.bylines import BylineFinder
from kg.nlp.campaigns import CampaignFinder
from kg.nlp.dates import DateFinder
from kg.nlp.meetings import MeetingFinder
from kg.nlp.money import Amounts
from kg.nlp.names import Names
from kg.nlp.portfolios import PortfolioFinder
from kg.nlp.projects import ProjectFinder
from kg.nlp.segmenter import Dictionary
from kg.nlp.titles import TitleChainFinder
from kg.patterns import BylinePatterns
from tests.conftest import ROOT, tiny_lexicon


def test_a_table_names_its_columns_and_pads_short_rows():
    table = parse_table("# what it holds\nsuffix\tkind\n市委\tparty\n公司\n", "org_suffixes.tsv")
    assert table.columns == ("suffix", "kind")
    assert table.mapping("suffix", "kind") == {"市委": "party", "公司": ""}
    assert table.where("kind", "party").column("suffix") == ("市委",)


@pytest.mark.parametrize(
    "text, message",
    [
        ("# only a comment\n", "has no header row"),
        ("title\tkind\n书记\tparty\textra\n", "row 2 has 3 cells, the header 2"),
    ],
)
def test_a_malformed_table_is_one_line(text, message):
    with pytest.raises(LexiconError, match=message):
        parse_table(text, "titles.tsv")


def test_a_column_no_file_has_is_said(tmp_path):
    lexicon = tiny_lexicon(tmp_path, titles="title\tkind\n书记\tparty")
    with pytest.raises(LexiconError, match="has no column 'rank'"):
        lexicon.table("titles").column("rank")


def test_every_file_of_the_package_is_a_table_with_a_header():
    for name in table_names(PACKAGE_DATA):
        table = read_table(name, [PACKAGE_DATA])
        assert table.columns and table.rows, name


def test_a_users_folder_adds_rows_after_the_packages(tmp_path):
    (tmp_path / "titles.tsv").write_text("# mine\ntitle\tkind\n总规划师\tpost\n", encoding="utf-8")
    lexicon = Lexicon.with_user_folders([tmp_path])
    assert lexicon.titles["总规划师"] == "post" and lexicon.titles["书记"] == "party"
    assert lexicon.fingerprint and not Lexicon().fingerprint


@pytest.mark.parametrize(
    "files, message",
    [
        ({"titels.tsv": "title\tkind\n总规划师\tpost\n"}, "titels.tsv is no lexicon of govkg's"),
        ({"titles.tsv": "word\tkind\n总规划师\tpost\n"}, "has the columns word, kind; titles.tsv has title, kind"),
        ({"notes.txt": "总规划师\n"}, "no lexicon file"),
    ],
)
def test_a_users_folder_that_is_no_lexicon_is_refused(tmp_path, files, message):
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    with pytest.raises(LexiconError, match=message):
        check_user_folder(tmp_path)


def test_kg_build_reads_a_users_lexicon_and_records_it_for_rebuild(tmp_path):
    page = tmp_path / "pages" / "p.txt"
    page.parent.mkdir()
    page.write_text("标题\n\n市规划局总规划师王立新出席。\n", encoding="utf-8")
    words = tmp_path / "words"
    words.mkdir()
    (words / "titles.tsv").write_text("title\tkind\n总规划师\tpost\n", encoding="utf-8")
    workspace = tmp_path / "ws"

    def posts() -> str:
        result = CliRunner().invoke(cli, ["query", "officials", "--format", "csv", "-w", str(workspace)], obj={})
        assert result.exit_code == 0, result.output
        return result.output

    assert CliRunner().invoke(cli, ["build", str(page.parent), "-w", str(workspace)], obj={}).exit_code == 0
    assert "总规划师" not in posts()
    result = CliRunner().invoke(cli, ["build", str(page.parent), "--lexicon", str(words), "-w", str(workspace)], obj={})
    assert result.exit_code == 0, result.output
    assert "王立新,总规划师,郑州市规划局" in posts()  # other words: the article is built again
    assert CliRunner().invoke(cli, ["build", "--rebuild", "-w", str(workspace)], obj={}).exit_code == 0
    assert "王立新,总规划师,郑州市规划局" in posts()


def test_a_lexicon_folder_that_is_none_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(
        cli, ["build", str(tmp_path), "--lexicon", str(tmp_path / "missing"), "-w", str(tmp_path / "ws")], obj={}
    )
    assert result.exit_code == 2 and "no such folder" in result.output


# Each finder built from a tiny lexicon of its own: its words, not the package's, decide what it finds.


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    return tiny_lexicon(
        tmp_path_factory.mktemp("tiny"),
        titles="title\tkind\n总舵主\tpost",
        org_suffixes="suffix\tkind\n帮\tinstitution",
        surnames="surname\n欧阳\n乔",
        name_cues="cue\tkind\n宣布\tspeech\n任命\tintroducer\n为\tcopula",
        campaign_kinds="kind\twhere\n大练兵\tany",
        campaign_triggers="verb\n掀起",
        meeting_words="word\n茶话会",
        project_heads="head\n水寨",
        project_verbs="verb\n修筑",
        numerals="numeral\tvalue\tkind\n三\t3\tdigit\n十\t10\tmultiplier",
        money_units="unit\tvalue\n两\t1\n亿\t1e8",
        org_stops="word\n出席",
        relative_days="word\toffset\n前儿\t-2",
        investment_kinds="kind\n耗资",
        byline_roles="kind\tword\nreporter\t执笔",
    )


@pytest.fixture(scope="module")
def tiny_names(tiny):
    return Names(tiny, Dictionary(tiny))


def test_title_chains_of_a_tiny_lexicon(tiny, tiny_names):
    text = "天地会帮总舵主乔峰宣布"
    boundaries = {0, 3, 4, 7, 9, 11}  # 天地会|帮|总舵主|乔峰|宣布
    (chain,) = TitleChainFinder(tiny, tiny_names)(text, boundaries)
    assert (chain.attrs["name"], chain.attrs["segments"]) == ("乔峰", [("天地会帮", "总舵主")])
    assert TitleChainFinder(Lexicon(), Names(Lexicon(), tiny_names.dictionary))(text, boundaries) == []


def test_campaigns_of_a_tiny_lexicon(tiny):
    assert [m.attrs["name"] for m in CampaignFinder(tiny)("全帮上下，掀起武艺大练兵。")] == ["武艺大练兵"]


def test_meetings_of_a_tiny_lexicon(tiny):
    assert [m.attrs["name"] for m in MeetingFinder(tiny)("出席总舵新春茶话会。")] == ["总舵新春茶话会"]


def test_projects_and_amounts_of_a_tiny_lexicon(tiny):
    text = "修筑黑木崖水寨，耗资三十两"
    (project,) = ProjectFinder(tiny).projects(text, set(range(len(text) + 1)))
    assert project.attrs["name"] == "黑木崖水寨"
    assert [int(m.attrs["value"]) for m in Amounts(tiny).find("三十两")] == []  # 两 without 亿 or 元 is no money
    assert [int(m.attrs["value"]) for m in Amounts(tiny).find("三十两元")] == [30]


def test_portfolios_of_a_tiny_lexicon(tiny):
    (portfolio,) = PortfolioFinder(tiny)("3个水寨项目，耗资3亿元")
    assert portfolio.attrs["count"] == 3 and portfolio.attrs["total"].attrs["value"] == 300_000_000


def test_dates_of_a_tiny_lexicon(tiny):
    assert [m.attrs["offset"] for m in DateFinder(tiny)("前儿召开")] == [-2]


def test_bylines_of_a_tiny_lexicon(tiny, tiny_names):
    assert [(m.text, m.attrs["role"]) for m in BylineFinder(BylinePatterns(tiny), tiny_names)("执笔 乔峰")] == [
        ("乔峰", "执笔")
    ]


def test_the_name_rules_take_their_numbers_from_the_config():
    text = "黄丽娟这样的返乡青年越来越多"
    assert [m.text for m in mentions(build_nlp()(text), "PERSON")] == ["黄丽娟"]
    strict = build_nlp(config={"people": {"names": {"name_weight": 99.0}}})
    assert mentions(strict(text), "PERSON") == []
    assert strict.config["components"]["kg_people"]["names"]["name_weight"] == 99.0


# No word list in code: lexicons are data.

_HAN = re.compile(r"[\u3400-\u9fff]")
_LONGEST_LIST_IN_CODE = 5


def word_lists(source: str) -> list[tuple[int, str]]:
    """(line, what) of each Chinese word list in Python source longer than five entries: a tuple, list, set or
    dict of words, a set of characters, a regex alternation of words or a character class of characters."""
    tree = ast.parse(source)
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }

    def chinese(node) -> bool:
        return isinstance(node, ast.Constant) and isinstance(node.value, str) and bool(_HAN.search(node.value))

    found = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
            count, what = sum(map(chinese, node.elts)), "words in a literal"
        elif isinstance(node, ast.Dict):
            count, what = sum(chinese(key) for key in node.keys if key is not None), "words as keys"
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "id", None) in ("set", "frozenset")
            and node.args
            and chinese(node.args[0])
        ):
            count, what = len(_HAN.findall(node.args[0].value)), "characters in a set"
        elif chinese(node) and id(node) not in docstrings:
            classes = re.findall(r"\[([^\]]*)\]", node.value)
            alternatives = [a for a in node.value.split("|") if _HAN.search(re.sub(r"\[[^\]]*\]", "", a))]
            count, what = max([len(alternatives)] + [len(_HAN.findall(c)) for c in classes]), "in a pattern"
        else:
            continue
        if count > _LONGEST_LIST_IN_CODE:
            found.append((node.lineno, f"{count} {what}"))
    return found


@pytest.mark.parametrize(
    "source",
    [
        'STOPS = ("的", "了", "在", "是", "和", "与")',
        'END = re.compile("已|正|将|的|于|在")',
        'NUMBER = "[一二三四五六七]+"',
        'BREAKS = frozenset("的和与及以把")',
    ],
)
def test_the_word_list_check_finds_a_list(source):
    assert word_lists(source)


def test_no_chinese_word_list_stands_in_the_code():
    found = [
        f"{path.relative_to(ROOT)}:{line}: {what}"
        for path in sorted((ROOT / "kg").rglob("*.py"))
        for line, what in word_lists(path.read_text(encoding="utf-8"))
    ]
    assert found == []


def test_no_module_keeps_a_cache_or_a_table_of_its_own():
    """No functools cache at a module's top and no module-level state but a forked worker's pipeline."""
    found = []
    for path in sorted((ROOT / "kg").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            decorators = getattr(node, "decorator_list", [])
            if any("cache" in ast.unparse(d) for d in decorators):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: a cached function")
        for node in ast.walk(tree):
            if isinstance(node, ast.Global):
                found += [f"{path.relative_to(ROOT)}:{node.lineno}: global {name}" for name in node.names]
    # the one exception: the pipeline a forked worker is handed as it starts (kg.pipeline.start_worker)
    assert [f for f in found if not (f.startswith("kg/pipeline.py:") and f.endswith(": global _worker_pipeline"))] == []
