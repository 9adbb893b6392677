"""One official across pages: the rules of kg.resolve.identity on plain data, then through real builds, the
judgements a user makes (kg same, kg different) and the career they give."""

from __future__ import annotations

import json

from click.testing import CliRunner
from rdflib import Graph, Literal

from kg.cli import cli
from kg.judgements import JUDGEMENTS_FILE, read_judgements
from kg.rdf.vocab import FOAF, KG, PREFIXES
from kg.resolve.identity import DIFFERENT, OUTLET, SAME, STATE_OFFICE, Judgement, KeyRecord, resolve_name

HOME = frozenset({"某省"})


def held(key, body, seat, dates, *above, articles=None):
    """A key holding a post in `body`, which sits in division `seat` (within `above`), seen on `dates`; a
    body named the division and 委 or 人民政府 leads it."""
    return KeyRecord(
        key,
        frozenset(articles or [f"{key}:{d}" for d in dates]),
        tuple(dates),
        frozenset({body}),
        frozenset({seat}) if seat else frozenset(),
        frozenset({seat, *above} - {None}),
        HOME,
        leading_seats=frozenset({seat}) if seat and body in (seat + "委", seat + "人民政府") else frozenset(),
    )


def bare(key, page_places, dates=("2022-01-01",)):
    """A key the page gives no post, on a page of `page_places` in 某省."""
    return KeyRecord(
        key, frozenset({key}), tuple(dates), page_places=frozenset(page_places), page_provinces=HOME, holds_posts=False
    )


def members(people):
    return sorted(sorted(person.members) for person in people)


def test_a_mayor_who_becomes_secretary_of_the_same_city_is_one_person():
    mayor = held("甲乙丙@某市人民政府", "某市人民政府", "某市", ["2019-04-01"])
    secretary = held("甲乙丙@某市委", "某市委", "某市", ["2019-04-01", "2023-02-01"])
    people, questions = resolve_name([mayor, secretary])
    assert members(people) == [["甲乙丙@某市人民政府", "甲乙丙@某市委"]] and not questions
    assert "同在某市任职" in people[0].reasons[0][2]


def test_two_departments_of_one_city_at_the_same_time_are_two_people_and_one_after_the_other_one():
    bureau = held("甲乙丙@某市科技局", "某市科技局", "某市", ["2019-04-01", "2020-06-01"])
    office = held("甲乙丙@某市教育局", "某市教育局", "某市", ["2020-05-01"])
    assert len(resolve_name([bureau, office])[0]) == 2
    deputy_mayor = held("甲乙丙@某市人民政府", "某市人民政府", "某市", ["2021-03-01"])
    (person,) = resolve_name([bureau, deputy_mayor])[0]
    assert "同在某市任职" in person.reasons[0][2]


def test_two_divisions_of_one_city_at_the_same_time_are_two_people_and_a_question():
    street = held("甲乙丙@某区某街道党工委", "某区某街道党工委", "某区", ["2021-05-01"], "某市")
    zone = held("甲乙丙@某市高新区党工委", "某市高新区党工委", "某市高新区", ["2021-05-09"], "某市")
    people, questions = resolve_name([street, zone])
    assert len(people) == 2
    (question,) = questions
    assert question.strength == 2 and "某区某街道党工委" in question.reason


def test_a_county_official_later_seen_in_the_city_above_is_one_person_only_if_the_dates_follow():
    county = held("丁戊@某县委", "某县委", "某县", ["2012-03-01", "2015-06-01"], "某市")
    city = held("丁戊@某市人民政府", "某市人民政府", "某市", ["2017-01-01"])
    assert len(resolve_name([county, city])[0]) == 1
    overlapping = held("丁戊@某市人民政府", "某市人民政府", "某市", ["2014-01-01"])
    assert len(resolve_name([county, overlapping])[0]) == 2


def test_a_shared_body_joins_keys_of_other_places_and_another_province_never_by_place_alone():
    chain = KeyRecord(  # 市委常委、某县委书记: one page names both bodies
        "庚辛@某市委",
        frozenset({"p1"}),
        ("2020-01-01",),
        frozenset({"某市委", "某县委"}),
        frozenset({"某市", "某县"}),
        frozenset({"某市", "某县"}),
        HOME,
    )
    county = held("庚辛@某县委", "某县委", "某县", ["2020-01-01"], "某市")
    elsewhere = KeyRecord(
        "庚辛@他市委",
        frozenset({"p3"}),
        ("2008-01-01",),
        frozenset({"他市委"}),
        frozenset({"他市"}),
        frozenset({"他市"}),
        frozenset({"他省"}),
    )
    people, questions = resolve_name([chain, county, elsewhere])
    assert members(people) == [["庚辛@他市委"], ["庚辛@某县委", "庚辛@某市委"]]
    assert questions[0].strength == 1


def test_a_name_without_a_post_joins_the_one_holder_of_its_page_place_and_no_one_when_two_could_be_it():
    holder = held("壬癸@某市委", "某市委", "某市", ["2022-01-01"])
    mention = bare("壬癸@page-2.txt", {"某市"})
    assert members(resolve_name([holder, mention])[0]) == [["壬癸@page-2.txt", "壬癸@某市委"]]
    other = held("壬癸@某市某局", "某市某局", "某县", ["2022-01-01"], "某市")
    people, _ = resolve_name([holder, mention, other])
    assert ["壬癸@page-2.txt"] in members(people)
    reporter = KeyRecord(
        "壬癸@某日报", frozenset({"r"}), page_places=frozenset({"某市"}), holds_posts=False, affiliation=OUTLET
    )
    assert len(resolve_name([holder, reporter])[0]) == 2


def test_names_without_a_post_join_a_state_leader_of_the_name_or_each_other_in_one_city():
    leader = KeyRecord("子丑@国家领导人", frozenset({"n"}), holds_posts=False, affiliation=STATE_OFFICE)
    assert len(resolve_name([leader, bare("子丑@page-1.txt", {"某市"})])[0]) == 1
    people, _ = resolve_name([bare("寅卯@page-1.txt", {"某市"}), bare("寅卯@page-2.txt", {"某市", "某区"})])
    assert len(people) == 1 and "同在某市" in people[0].reasons[0][2]
    assert len(resolve_name([bare("寅卯@page-1.txt", {"某市"}), bare("寅卯@page-3.txt", {"他市"})])[0]) == 2


def test_judgements_win_over_every_rule():
    mayor = held("甲乙丙@某市人民政府", "某市人民政府", "某市", ["2019-04-01"])
    secretary = held("甲乙丙@某市委", "某市委", "某市", ["2023-02-01"])
    apart = Judgement(DIFFERENT, "甲乙丙@某市委", "甲乙丙@某市人民政府")
    assert len(resolve_name([mayor, secretary], [apart])[0]) == 2
    far = held("甲乙丙@他省某局", "他省某局", None, ["2001-01-01"])
    together = Judgement(SAME, "甲乙丙@他省某局", "甲乙丙@某市委")
    (person,) = resolve_name([mayor, secretary, far], [together])[0]
    assert len(person.members) == 3 and ("甲乙丙@他省某局", "甲乙丙@某市委", "用户判定为同一人") in person.reasons


PAGES = [
    {"date": "2019-04-02", "text": "标题一\n\n本报讯 某日，郑州市市长汪建华主持召开市政府常务会议。\n"},
    {"date": "2023-02-10", "text": "标题二\n\n本报讯 郑州市委书记汪建华到中牟县调研。\n"},
    {"date": "2023-03-01", "text": "标题三\n\n本报讯 会上，汪建华强调，要抓好郑州的项目建设。\n"},
]


def _build(tmp_path, pages=PAGES, *options):
    """Build `pages` as a user would (kg build with `options`, which records its inputs for --rebuild)."""
    source = tmp_path / "pages.jsonl"
    source.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in pages), encoding="utf-8")
    result = CliRunner().invoke(cli, ["-w", str(tmp_path / "ws"), "build", str(source), *options])
    assert result.exit_code == 0, result.output


def _nodes(workspace, name):
    graph = Graph().parse(workspace / "kg.ttl")
    return graph, set(graph.subjects(FOAF.name, Literal(name)))


def test_a_build_joins_one_official_across_pages_with_the_reason_and_a_whole_career(tmp_path):
    _build(tmp_path)
    graph, nodes = _nodes(tmp_path / "ws", "汪建华")
    (node,) = nodes
    assert "同在郑州市任职" in str(graph.value(node, KG.sameAsReason))
    posts = {
        (str(title), str(org))
        for title, org in graph.query(
            "SELECT ?t ?o WHERE { ?m org:member ?p ; org:role/rdfs:label ?t ; org:organization/skos:prefLabel ?o }",
            initNs=PREFIXES,
            initBindings={"p": node},
        )
    }
    assert posts == {("市长", "郑州市人民政府"), ("书记", "郑州市委")}
    result = CliRunner().invoke(
        cli, ["-w", str(tmp_path / "ws"), "query", "timeline", "--param", "name=汪建华", "--format", "csv"]
    )
    rows = [line.split(",")[:3] for line in result.output.splitlines()[1:]]
    assert rows == [[rows[0][0], "市长", "郑州市人民政府"], [rows[0][0], "书记", "郑州市委"]], result.output


def test_a_judgement_is_applied_at_once_and_outlasts_a_rebuild(tmp_path):
    _build(tmp_path)
    workspace = str(tmp_path / "ws")
    runner = CliRunner()
    result = runner.invoke(cli, ["-w", workspace, "different", "汪建华@郑州市委", "汪建华@郑州市人民政府"])
    assert result.exit_code == 0, result.output
    assert read_judgements(tmp_path / "ws") == [Judgement(DIFFERENT, "汪建华@郑州市委", "汪建华@郑州市人民政府")]
    # apart, and the page that names him with no post could be either of the two: three nodes
    assert len(_nodes(tmp_path / "ws", "汪建华")[1]) == 3
    questions = runner.invoke(cli, ["-w", workspace, "questions"])
    assert questions.exit_code == 0 and "汪建华" in questions.output
    assert runner.invoke(cli, ["-w", workspace, "build", "--rebuild"]).exit_code == 0
    assert len(_nodes(tmp_path / "ws", "汪建华")[1]) == 3
    result = runner.invoke(cli, ["-w", workspace, "same", "汪建华@郑州市委", "汪建华@郑州市人民政府"])
    assert result.exit_code == 0 and len(_nodes(tmp_path / "ws", "汪建华")[1]) == 1
    assert len((tmp_path / "ws" / JUDGEMENTS_FILE).read_text(encoding="utf-8").splitlines()) == 2


def test_a_judgement_on_an_unknown_or_ambiguous_node_is_a_one_line_error(tmp_path):
    _build(tmp_path)
    workspace = str(tmp_path / "ws")
    result = CliRunner().invoke(cli, ["-w", workspace, "same", "汪建华", "无此人"])
    assert result.exit_code != 0 and "无此人" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "ws" / JUDGEMENTS_FILE).exists()


def test_a_biography_that_lists_both_posts_joins_an_official_of_two_cities(tmp_path):
    pages = [
        {"date": "2016-05-03", "text": "标题一\n\n本报讯 宁陵县县长柏文涛到乡镇调研。\n"},
        {"date": "2021-03-09", "text": "标题二\n\n本报讯 南阳市市长柏文涛主持召开市政府常务会议。\n"},
    ]
    _build(tmp_path, pages)
    assert len(_nodes(tmp_path / "ws", "柏文涛")[1]) == 2  # two cities at two dates: nothing says one person
    biography = "标题三\n\n柏文涛，男，汉族，1968年5月生。曾任宁陵县县长、县委书记，现任南阳市委副书记、市长。\n"
    (tmp_path / "more").mkdir()
    _build(tmp_path / "more", pages + [{"date": "2021-06-01", "text": biography}])
    graph, nodes = _nodes(tmp_path / "more" / "ws", "柏文涛")
    assert len(nodes) == 1
    assert "同在宁陵县人民政府任职" in str(graph.value(nodes.pop(), KG.sameAsReason))


def test_the_union_says_what_the_rewritten_articles_say_and_nothing_they_said_before(tmp_path):
    from kg.rdf.store import open_store

    _build(tmp_path)
    store = open_store(tmp_path / "ws" / "store", read_only=True)
    union = set(store.triples())
    assert union == {(s, p, o) for s, p, o, _ in store.quads()}
    written = [o for _, p, o in union if p == KG.writtenKey]
    assert written and not [s for s, p, o in union if p == KG.identityKey and o in written]
    assert set(Graph().parse(tmp_path / "ws" / "kg.ttl")) == union


def test_kg_ttl_says_what_the_store_says_after_a_later_build_decides_a_name_again(tmp_path):
    from kg.rdf.store import open_store

    xiangyang = {"date": "2020-01-01", "text": "标题四\n\n本报讯 襄阳市市长汪建华出席会议。\n"}
    _build(tmp_path, [PAGES[1], xiangyang])  # two people: one question
    # a namesake whose key sorts first: the name's questions are all asked again, against it
    baoding = {"date": "2010-01-01", "text": "标题五\n\n本报讯 保定市委书记汪建华出席会议。\n"}
    (tmp_path / "more.jsonl").write_text(json.dumps(baoding, ensure_ascii=False), encoding="utf-8")
    assert CliRunner().invoke(cli, ["-w", str(tmp_path / "ws"), "build", str(tmp_path / "more.jsonl")]).exit_code == 0
    store = open_store(tmp_path / "ws" / "store", read_only=True)
    assert set(Graph().parse(tmp_path / "ws" / "kg.ttl")) == set(store.triples())


def test_a_judgement_is_not_recorded_while_a_build_holds_the_workspace(tmp_path):
    import fcntl

    _build(tmp_path)
    with open(tmp_path / "ws" / ".lock", "a+") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        result = CliRunner().invoke(
            cli, ["-w", str(tmp_path / "ws"), "different", "汪建华@郑州市委", "汪建华@郑州市人民政府"]
        )
    assert result.exit_code == 1 and "another kg build" in result.output
    assert not (tmp_path / "ws" / JUDGEMENTS_FILE).exists()


def test_a_judgement_decides_with_the_lexicon_of_the_last_build(tmp_path):
    lexicon = tmp_path / "lexicon"
    lexicon.mkdir()
    (lexicon / "divisions.tsv").write_text("# mine\nname\tlevel\tparent\taliases\n青石县\tcounty\t洛阳市\t\n", "utf-8")
    pages = [
        {"date": "2016-05-03", "text": "标题一\n\n本报讯 青石县县长柏文涛到乡镇调研。\n"},
        {"date": "2021-03-09", "text": "标题二\n\n本报讯 洛阳市委书记柏文涛主持召开会议。\n"},
        {"date": "2012-04-02", "text": "标题三\n\n本报讯 许昌市市长柏文涛出席会议。\n"},
    ]
    _build(tmp_path, pages, "--lexicon", str(lexicon))
    # the county of the user's lexicon lies in 洛阳: its county head who later leads the city is one person
    assert len(_nodes(tmp_path / "ws", "柏文涛")[1]) == 2
    apart = ["-w", str(tmp_path / "ws"), "different", "柏文涛@洛阳市委", "柏文涛@许昌市人民政府"]
    result = CliRunner().invoke(cli, apart)
    assert result.exit_code == 0, result.output
    assert len(_nodes(tmp_path / "ws", "柏文涛")[1]) == 2
