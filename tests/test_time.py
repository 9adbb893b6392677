"""Time and sources: every article dated and citable from what its input carries; appointments and
removals as events; posts over time (first and last seen, terms); timelines and their chart."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import FOAF, XSD

from kg.cli import cli
from kg.ingest import SourceText, ingest_file, split_articles
from kg.ingest.dates import parse_date, top_of_page_date
from kg.ingest.metadata import PageInfo, given_info
from kg.rdf.vocab import KG, ORG, SCHEMA, TIME
from tests.conftest import headless

APPOINTED = "人事任免\n\n市十五届人大常委会第三次会议决定任命王建国为郑州市科学技术局局长。\n"
REMOVED = "人事任免\n\n会议决定免去张伟的郑州市科学技术局局长职务。\n"
REPORTED = "科技工作会议召开\n\n郑州市科学技术局局长王建国出席会议并讲话。\n"


def run(*args):
    result = CliRunner().invoke(cli, [str(arg) for arg in args], obj={})
    return result


def union(workspace: Path) -> Graph:
    return Graph().parse(workspace / "kg.ttl", format="turtle")


def articles_by_headline(graph: Graph) -> dict[str, dict]:
    found = {}
    for article in graph.subjects(predicate=None, object=SCHEMA.NewsArticle):
        headline = str(graph.value(article, SCHEMA.headline))
        found[headline] = {
            name: graph.value(article, predicate)
            for name, predicate in (
                ("date", SCHEMA.datePublished),
                ("source", KG.dateSource),
                ("url", SCHEMA.url),
                ("publisher", SCHEMA.publisher),
                ("page", SCHEMA.pagination),
            )
        }
    return found


# ---- dates as inputs give them


@pytest.mark.parametrize(
    "given, date",
    [
        ("2022-02-18", "2022-02-18"),
        ("2022/2/18 09:30", "2022-02-18"),
        ("2022-02-18T08:00:00+08:00", "2022-02-18"),
        ("20220218", "2022-02-18"),
        ("2022年2月18日", "2022-02-18"),
        ("2022.02.18", "2022-02-18"),
        ("2022-02", "2022-02"),
        ("2022-02-30", None),
        ("yesterday", None),
        ("18/02/2022", None),
    ],
)
def test_a_given_date_is_read_in_the_forms_inputs_write(given, date):
    assert parse_date(given) == date


def test_a_malformed_date_or_url_is_left_out_and_named():
    info, bad = given_info(date="2月18日", url="javascript:alert(1)")
    assert info == PageInfo() and [field.field for field in bad] == ["date", "url"]


@pytest.mark.parametrize(
    "top, found",
    [
        ("郑州日报\n2022年2月18日 星期五\n", ("2022-02-18", "masthead")),
        ("郑州日报\n2022年2月18日 星期一\n", None),  # the weekday disagrees: no masthead
        ("首页 > 要闻\n发布时间：2021-04-02 10:00 来源：市政府网\n", ("2021-04-02", "page text")),
        ("会议指出，2021年3月1日起施行。\n", None),
    ],
)
def test_the_top_of_a_page_dates_it(top, found):
    assert top_of_page_date(top) == found


def test_a_dateline_dates_its_article_and_the_undated_articles_of_its_page():
    page = SourceText(
        Path("p.txt"),
        "2022年的工作\n\n本报讯(记者 李明远)4月12日上午，全市防汛工作会议召开。\n\n"
        "第二篇标题\n\n——访市人社局局长王明远\n\n今年以来，全市新增就业岗位一万个。\n",
        "utf-8",
    )
    first, second = split_articles(page)
    assert (first.date, first.date_source) == ("2022-04-12", "dateline")
    assert (second.date, second.date_source) == ("2022-04-12", "page")


def test_html_gives_its_date_address_and_outlet(tmp_path):
    page = tmp_path / "a.html"
    page.write_text(
        '<html><head><title>标题</title><meta property="og:url" content="https://example.cn/og.html">'
        '<link rel="canonical" href="https://example.cn/a.html"><meta name="ContentSource" content="某日报">'
        '</head><body><time datetime="2021-04-02T10:00">4月2日</time><p>正文写在这里。</p></body></html>',
        encoding="utf-8",
    )
    (article,), problems = ingest_file(page)
    assert not problems
    assert (article.date, article.date_source, article.url, article.publisher) == (
        "2021-04-02",
        "html meta",
        "https://example.cn/og.html",
        "某日报",
    )


# ---- dates and sources in the graph, through the command line


@pytest.fixture(scope="module")
def dated_workspace(tmp_path_factory):
    """An archive in the forms real inputs come in: dated folders, dated file names, HTML with a meta date,
    and JSONL with date, url, source and page; the same person reported in 2019 and in 2023."""
    root = tmp_path_factory.mktemp("dated")
    archive = root / "archive"
    (archive / "2019" / "03" / "05").mkdir(parents=True)
    (archive / "2019" / "03" / "05" / "01.txt").write_text(
        REPORTED.replace("科技工作", "2019年科技工作"), encoding="utf-8"
    )
    (archive / "daily_20210402_2.txt").write_text(REMOVED, encoding="utf-8")
    (archive / "notice.html").write_text(
        '<html><head><title>任免通知</title><meta name="PubDate" content="2021-04-03 09:00"></head>'
        f"<body><p>{APPOINTED.splitlines()[-1]}</p></body></html>",
        encoding="utf-8",
    )
    records = [
        {
            "text": REPORTED,
            "title": "会议报道",
            "date": "2023-06-01",
            "url": "https://news.example.cn/a/1.html",
            "source": "郑州日报",
            "page": 3,
        },
        {"text": "另一篇\n\n全市春耕生产有序推进。", "title": "春耕", "date": "not a date", "url": "ftp:/x"},
    ]
    (archive / "pages.jsonl").write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", encoding="utf-8"
    )
    workspace = root / "ws"
    result = run("build", archive, "-w", workspace)
    assert result.exit_code == 0, result.output
    assert "note" in result.output and "line 2: date 'not a date' is not a date" in result.output
    return workspace


def test_every_dated_input_dates_its_article_and_says_where_from(dated_workspace):
    found = articles_by_headline(union(dated_workspace))
    assert (found["2019年科技工作会议召开"]["date"], found["2019年科技工作会议召开"]["source"]) == (
        Literal("2019-03-05", datatype=XSD.date),
        Literal("folder"),
    )
    assert str(found["人事任免"]["date"]) == "2021-04-02" and str(found["人事任免"]["source"]) == "file name"
    assert str(found["任免通知"]["date"]) == "2021-04-03" and str(found["任免通知"]["source"]) == "html meta"
    jsonl = found["会议报道"]
    assert (str(jsonl["date"]), str(jsonl["source"]), jsonl["url"], str(jsonl["publisher"]), str(jsonl["page"])) == (
        "2023-06-01",
        "record",
        URIRef("https://news.example.cn/a/1.html"),
        "郑州日报",
        "3",
    )
    assert found["春耕"]["date"] is None and found["春耕"]["url"] is None
    report = json.loads((dated_workspace / "build-report.json").read_text(encoding="utf-8"))
    assert [notice["reason"] for notice in report["notices"]] == [
        "line 2: date 'not a date' is not a date (write 2022-02-18)",
        "line 2: url 'ftp:/x' is not a web address (http:// or https://)",
    ]


def test_appointments_and_removals_are_events(dated_workspace):
    graph = union(dated_workspace)
    events = {}
    for event in graph.subjects(predicate=None, object=KG.Appointment):
        person = graph.value(graph.value(event, KG.appointee), FOAF.name)
        events[str(person)] = (
            str(graph.value(event, KG.action)),
            str(graph.value(event, KG.termEffect)),
            str(graph.value(event, SCHEMA.startDate)),
        )
        assert graph.value(event, ORG.role) is not None and graph.value(event, KG.evidence) is not None
    assert events == {"王建国": ("任命", "start", "2021-04-03"), "张伟": ("免去", "end", "2021-04-02")}


def test_a_sentence_that_dates_an_appointment_dates_it(extract):
    (facts,) = extract("人事任免\n\n2023年3月1日，市人大常委会会议决定任命赵文华为郑州市财政局局长。\n")
    assert [(a.person, a.action, a.date) for a in facts.appointments] == [("赵文华", "任命", "2023-03-01")]


@pytest.mark.parametrize(
    "sentence, action",
    [
        ("李明远当选为郑州市人大常委会主任。", "当选"),
        ("赵文华提出辞去郑州市财政局局长职务。", "辞去"),
        ("会议选举李明远为郑州市人民政府市长。", "选举"),
        ("郑州市财政局局长赵文华出席会议。", None),
    ],
)
def test_the_verb_as_written_is_the_action(extract, sentence, action):
    (facts,) = extract(f"标题\n\n{sentence}\n")
    assert facts.posts and [a.action for a in facts.appointments] == ([action] if action else [])


def test_a_pre_appointment_notice_proposes_the_person_its_biography_names(extract):
    (facts,) = extract(
        "任前公示\n\n赵文华，男，汉族，1975年5月生，研究生学历，现任郑州市财政局副局长，拟任郑州市财政局局长。\n"
    )
    assert {(p.person, p.title) for p in facts.posts} == {("赵文华", "副局长"), ("赵文华", "局长")}
    assert [(a.person, a.title, a.action, a.effect) for a in facts.appointments] == [
        ("赵文华", "局长", "拟任", "proposal")
    ]


def test_a_pronoun_removes_the_person_just_appointed(extract):
    (facts,) = extract("人事任免\n\n经研究决定：李明远同志任郑州市科学技术局局长，免去其郑州市财政局副局长职务。\n")
    assert sorted((a.person, a.title, a.action) for a in facts.appointments) == [
        ("李明远", "副局长", "免去"),
        ("李明远", "局长", "任"),
    ]


def test_a_name_without_a_biography_is_not_guessed(extract):
    (facts,) = extract("标题\n\n会议强调，现任郑州市财政局副局长要履职尽责。\n")
    assert not facts.appointments and not facts.posts


def test_a_post_is_seen_from_its_first_to_its_last_dated_article_and_bounded_by_its_events(dated_workspace):
    graph = union(dated_workspace)
    seen = {}
    for post in graph.subjects(predicate=None, object=ORG.Membership):
        person = str(graph.value(graph.value(post, ORG.member), FOAF.name))
        term = graph.value(post, ORG.memberDuring)
        bounds = [
            graph.value(graph.value(term, bound), TIME.inXSDDate) if term else None
            for bound in (TIME.hasBeginning, TIME.hasEnd)
        ]
        seen[person] = (
            str(graph.value(post, KG.firstSeen)),
            str(graph.value(post, KG.lastSeen)),
            *(str(b) if b else None for b in bounds),
        )
    assert seen["王建国"] == ("2019-03-05", "2023-06-01", "2021-04-03", None)
    assert seen["张伟"] == ("2021-04-02", "2021-04-02", None, "2021-04-02")


def test_the_timeline_runs_from_2019_to_2023(dated_workspace):
    result = run("query", "timeline", "--param", "name=王建国", "--format", "json", "-w", dated_workspace)
    assert result.exit_code == 0, result.output
    (row,) = json.loads(result.output)
    assert (row["firstSeen"], row["lastSeen"], row["articles"], row["began"], row["events"]) == (
        "2019-03-05",
        "2023-06-01",
        3,
        "2021-04-03",
        "任命 2021-04-03",
    )
    posts = json.loads(
        run("query", "person-posts", "--param", "name=王建国", "--format", "json", "-w", dated_workspace).output
    )
    assert len(posts) == 1 and "https://news.example.cn/a/1.html" in posts[0]["sources"]


def test_succession_lists_an_offices_holders_in_date_order(dated_workspace):
    result = run(
        "query",
        "succession",
        "--param",
        "org=郑州市科技局",
        "--param",
        "title=局长",
        "--format",
        "json",
        "-w",
        dated_workspace,
    )
    assert result.exit_code == 0, result.output
    assert [(row["holder"], row["began"], row["ended"]) for row in json.loads(result.output)] == [
        ("王建国", "2021-04-03", None),
        ("张伟", None, "2021-04-02"),
    ]


def test_the_graph_with_dates_and_events_conforms_to_the_shapes(dated_workspace):
    result = run("validate", "-w", dated_workspace)
    assert result.exit_code == 0, result.output


# ---- telling a build what its files do not say


def test_a_manifest_dates_and_cites_an_archive_that_carries_nothing(tmp_path):
    archive = tmp_path / "archive"
    archive.mkdir()
    (archive / "a.txt").write_text(REPORTED, encoding="utf-8")
    (archive / "b.txt").write_text(REMOVED, encoding="utf-8")
    manifest = archive / "files.csv"
    manifest.write_text(
        "file,date,url,outlet,page\na.txt,2020-05-06,https://example.cn/a,某日报,A2\n"
        "b.txt,20200507,,,\nmissing.txt,2020-13-01,,,\n",
        encoding="utf-8",
    )
    result = run("build", archive, "--manifest", manifest, "-w", tmp_path / "ws")
    assert result.exit_code == 0, result.output
    assert "files.csv: line 4: date '2020-13-01' is not a date" in result.output
    found = articles_by_headline(union(tmp_path / "ws"))
    assert (
        str(found["科技工作会议召开"]["date"]),
        str(found["科技工作会议召开"]["source"]),
        str(found["科技工作会议召开"]["page"]),
    ) == ("2020-05-06", "manifest", "A2")
    assert str(found["人事任免"]["date"]) == "2020-05-07"


def test_a_date_given_later_rebuilds_the_article_with_it(tmp_path):
    page = tmp_path / "a.txt"
    page.write_text(REPORTED, encoding="utf-8")
    assert run("build", page, "-w", tmp_path / "ws").exit_code == 0
    assert articles_by_headline(union(tmp_path / "ws"))["科技工作会议召开"]["date"] is None
    result = run("build", page, "--date", "2020-05-06", "-w", tmp_path / "ws")
    assert result.exit_code == 0, result.output
    found = articles_by_headline(union(tmp_path / "ws"))["科技工作会议召开"]
    assert (str(found["date"]), str(found["source"])) == ("2020-05-06", "option")


@pytest.mark.parametrize(
    "args, message",
    [
        (["--date", "last week"], "is not a date"),
        (["--manifest", "nothing.csv"], "cannot read the manifest"),
    ],
)
def test_a_bad_date_or_manifest_option_is_a_usage_error(tmp_path, args, message):
    result = run("build", "seeds", *args, "-w", tmp_path / "ws")
    assert result.exit_code == 2 and message in result.output


def test_a_manifest_without_a_file_column_is_refused(tmp_path):
    manifest = tmp_path / "files.csv"
    manifest.write_text("name,date\na.txt,2020-01-01\n", encoding="utf-8")
    result = run("build", tmp_path, "--manifest", manifest, "-w", tmp_path / "ws")
    assert result.exit_code == 2 and "no 'file' column" in result.output


def test_adding_a_later_article_moves_a_posts_last_seen(tmp_path):
    early, late = tmp_path / "2019-03-05.txt", tmp_path / "2023-06-01.txt"
    early.write_text(REPORTED, encoding="utf-8")
    late.write_text(REPORTED.replace("科技工作会议", "科技创新大会"), encoding="utf-8")
    run("build", early, "-w", tmp_path / "step")
    assert run("build", late, "-w", tmp_path / "step").exit_code == 0
    run("build", early, late, "-w", tmp_path / "once")
    step, once = union(tmp_path / "step"), union(tmp_path / "once")
    assert set(step) == set(once)
    assert {str(o) for o in step.objects(None, KG.lastSeen)} == {"2023-06-01"}


# ---- the chart


def test_the_timeline_chart_draws_in_headless_chromium(chromium, dated_workspace, tmp_path):
    target = tmp_path / "career.html"
    result = run("timeline", "王建国", "-o", target, "-w", dated_workspace)
    assert result.exit_code == 0 and "2019-03-05 to 2023-06-01" in result.output, result.output
    page = target.read_text(encoding="utf-8")
    assert "<script" not in page and "https://" not in page
    png = tmp_path / "career.png"
    headless(chromium, target, tmp_path / "profile", "--window-size=1000,400", f"--screenshot={png}")
    drawn = {rgb for _, rgb in Image.open(png).convert("RGB").getcolors(maxcolors=1 << 20)}
    from kg.chart import BAR_COLOUR, BEGAN_COLOUR

    assert {tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5)) for colour in (BAR_COLOUR, BEGAN_COLOUR)} <= drawn


def test_the_chart_escapes_what_the_text_says():
    from kg.analyze.careers import Spell
    from kg.chart import timeline_html

    page = timeline_html("<b>x</b>", [Spell("<img src=x onerror=alert(1)>", "2020-01-01", "2020-02-01", None, None, 1)])
    assert "<img" not in page and "&lt;img src=x" in page and "&lt;b&gt;" in page


@pytest.mark.parametrize("args", [[], ["甲", "--org", "某局", "--title", "局长"], ["--org", "某局"]])
def test_the_timeline_command_wants_a_person_or_an_office(dated_workspace, args):
    assert run("timeline", *args, "-w", dated_workspace).exit_code == 2


def _appointments(extract, sentence: str) -> list[tuple[str, str, str, str, str]]:
    (facts,) = extract(f"人事任免\n\n{sentence}\n")
    return sorted((a.person, a.title, a.org, a.action, a.effect) for a in facts.appointments)


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # a removal that names the person right before the posts, without 的
        (
            "会议决定免去孙立平开封市人民政府副市长、市公安局局长的职务。",
            [
                ("孙立平", "副市长", "开封市人民政府", "免去", "end"),
                ("孙立平", "局长", "开封市公安局", "免去", "end"),
            ],
        ),
        ("会议决定免去钱小川同志兰考县人民政府县长职务。", [("钱小川", "县长", "兰考县人民政府", "免去", "end")]),
        # the verb of the first clause goes on after a comma
        (
            "会议决定任命何永福为开封市教育局局长，冯家宝同志为开封市人民政府副市长。",
            [
                ("何永福", "局长", "开封市教育局", "任命", "start"),
                ("冯家宝", "副市长", "开封市人民政府", "任命", "start"),
            ],
        ),
        (
            "全会选举吕明山为开封市委书记，蒋一鸣、韩素云为开封市委副书记。",
            [
                ("吕明山", "书记", "开封市委", "选举", "start"),
                ("蒋一鸣", "副书记", "开封市委", "选举", "start"),
                ("韩素云", "副书记", "开封市委", "选举", "start"),
            ],
        ),
        # a resignation accepted ends the post
        (
            "会议决定接受邹文辉、顾明亮辞去开封市人民政府副市长职务的请求。",
            [
                ("邹文辉", "副市长", "开封市人民政府", "接受辞职", "end"),
                ("顾明亮", "副市长", "开封市人民政府", "接受辞职", "end"),
            ],
        ),
        # an acting post is a title of its own
        ("会议决定石国华为开封市人民政府代理市长。", [("石国华", "代理市长", "开封市人民政府", "决定", "start")]),
        (
            "会议任命石国华为开封市人民政府副市长、代理市长。",
            [
                ("石国华", "代理市长", "开封市人民政府", "任命", "start"),
                ("石国华", "副市长", "开封市人民政府", "任命", "start"),
            ],
        ),
        # the clause after a post goes on with the person it named
        (
            "孔令军任开封市委书记，不再担任开封市人民政府市长职务。",
            [
                ("孔令军", "书记", "开封市委", "任", "start"),
                ("孔令军", "市长", "开封市人民政府", "不再担任", "end"),
            ],
        ),
    ],
)
def test_appointment_lists_as_congresses_write_them(extract, sentence, expected):
    assert _appointments(extract, sentence) == expected


def test_a_list_under_the_heading_of_its_verb(extract):
    pages = extract("人事任免\n\n任命：\n孔令军为开封市财政局局长。\n免去：\n钱小川的开封市财政局副局长职务。\n")
    assert sorted((a.person, a.title, a.action, a.effect) for facts in pages for a in facts.appointments) == [
        ("孔令军", "局长", "任命", "start"),
        ("钱小川", "副局长", "免去", "end"),
    ]


def test_an_acting_title_keeps_its_body(extract):
    (facts,) = extract("标题\n\n开封市人民政府副市长、代理市长石国华出席会议。\n")
    assert {(p.person, p.title, p.org) for p in facts.posts} == {
        ("石国华", "副市长", "开封市人民政府"),
        ("石国华", "代理市长", "开封市人民政府"),
    }
