"""Receptions: who met whom, from hand-written sentences."""

import pytest


def _receptions(extract, text: str) -> list[tuple]:
    return [(r.host, r.guest, r.guest_org, r.action) for facts in extract(text) for r in facts.receptions]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        (
            "昨天下午，开封市委书记吕明山会见了华润集团副总经理孟庆余一行。",
            [("吕明山", "孟庆余", "华润集团", "会见")],
        ),
        # a party led by a person named without a title: the person and the party they lead
        (
            "开封市市长石国华会见了以许泽川为团长的华润集团考察团。",
            [("石国华", "许泽川", "华润集团考察团", "会见")],
        ),
        # the leader's own body is not the party received
        (
            "开封市市长石国华会见了以某某省发展改革委主任许泽川为团长的“某某合作”代表团一行。",
            [("石国华", "许泽川", "“某某合作”代表团", "会见")],
        ),
        # no guest is named: the party as written
        ("开封市市长石国华会见某国驻华使节团一行。", [("石国华", None, "某国驻华使节团", "会见")]),
        # a name the dictionary holds as a rare word, and the three characters a party mark ends
        (
            "某省委书记、省人大常委会主任强卫在宾馆会见了来访的某某协会董事长江丙坤一行。",
            [("强卫", "江丙坤", "某某协会", "会见")],
        ),
        # a county the lexicon does not hold shares its 县 with its head's title, glued to the name by jieba
        ("某某省副省长王立新会见了台湾新竹县长林志明一行。", [("王立新", "林志明", "台湾新竹县", "会见")]),
        # each host meets the party: the first name of the names 一行 ends leads it
        (
            "吴晓东孙立平分别会见谢文盛崔明一行",
            [("吴晓东", "谢文盛", None, "会见"), ("孙立平", "谢文盛", None, "会见")],
        ),
        # 座谈会 is a meeting, not a reception
        ("开封市市长石国华出席座谈会并讲话。", []),
    ],
)
def test_a_host_meets_a_guest(extract, sentence, expected):
    assert _receptions(extract, f"标题\n\n{sentence}\n") == expected


def test_a_headline_and_its_report_are_one_reception_on_the_day_the_report_gives(extract):
    text = (
        "开封市市长石国华会见华润集团副总经理孟庆余\n\n"
        "本报讯 2024年3月1日，开封市市长石国华会见了华润集团副总经理孟庆余一行。\n"
    )
    assert [r.date for facts in extract(text) for r in facts.receptions] == ["2024-03-01"]


def test_a_reception_is_in_the_graph_with_its_host_and_guest(pipeline):
    from pathlib import Path

    from kg.ingest import SourceText, split_articles

    page = "标题\n\n开封市委书记吕明山会见了华润集团副总经理孟庆余一行。\n"
    graphs = pipeline.build_page(split_articles(SourceText(Path("handwritten.txt"), page, "utf-8")))
    triples = b"".join(article.ntriples for article in graphs.articles).decode()
    assert "ns#Reception>" in triples and "ns#host>" in triples and "ns#guest>" in triples


def test_contacts_lists_everyone_an_official_met(tmp_path):
    from click.testing import CliRunner

    from kg.build import build
    from kg.cli import cli

    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "2024-03-01.txt").write_text(
        "开封会见\n\n本报讯 3月1日，开封市委书记吕明山会见了华润集团副总经理孟庆余一行。\n", encoding="utf-8"
    )
    build([tmp_path / "pages"], tmp_path / "ws")
    result = CliRunner().invoke(
        cli, ["query", "contacts", "--param", "name=吕明山", "--format", "csv", "-w", str(tmp_path / "ws")], obj={}
    )
    assert result.exit_code == 0, result.output
    rows = [line.split(",") for line in result.stdout.splitlines()]
    assert rows[0][:4] == ["date", "action", "as", "other"]
    assert ["2024-03-01", "会见", "host", "孟庆余"] in [row[:4] for row in rows]
    listed = CliRunner().invoke(cli, ["query", "receptions", "--format", "csv", "-w", str(tmp_path / "ws")], obj={})
    assert listed.exit_code == 0 and "吕明山,孟庆余,会见" in listed.stdout, listed.output


def test_an_official_named_again_without_a_title_hosts(extract):
    text = "标题\n\n7月2日，开封市市长石国华到汴西新区调研。当天下午，石国华会见了中原电气集团董事长许泽川一行。\n"
    assert _receptions(extract, text) == [("石国华", "许泽川", "中原电气集团", "会见")]


@pytest.mark.parametrize("word, day", [("当天下午", "2024-07-02"), ("次日", "2024-07-03")])
def test_a_day_named_from_the_last_one_the_text_named(extract, word, day):
    text = f"标题\n\n2024年7月2日，开封市市长石国华到汴西新区调研。{word}，石国华会见了华润集团副总经理孟庆余一行。\n"
    assert [r.date for facts in extract(text) for r in facts.receptions] == [day]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # the guest between 与 and the verb
        ("开封市副市长石国华与华润集团副总经理孟庆余一行座谈。", [("石国华", "孟庆余", "华润集团", "座谈")]),
        # after a reception, the one named before 与 hosts the next
        (
            "开封市委书记吕明山会见了华润集团副总经理孟庆余一行，市长石国华与孟庆余一行座谈。",
            [("吕明山", "孟庆余", "华润集团", "会见"), ("石国华", "孟庆余", None, "座谈")],
        ),
    ],
)
def test_a_host_meets_a_guest_named_before_the_verb(extract, sentence, expected):
    assert _receptions(extract, f"标题\n\n{sentence}\n") == expected


def test_a_headline_naming_the_guest_and_a_report_naming_the_party_are_one_reception(extract):
    text = "开封市市长石国华会见孟庆余一行\n\n本报讯 开封市市长石国华会见了某某集团考察团一行。\n"
    assert _receptions(extract, text) == [("石国华", "孟庆余", None, "会见")]


def test_a_group_made_up_before_is_received_with_the_one_who_leads_it(extract):
    text = (
        "标题\n\n6月5日，由某某集团董事张建华，某某公司董事李国强等组成的某某第四调研组来我市调研。"
        "昨日下午，副市长王立新与调研组一行座谈。\n"
    )
    assert _receptions(extract, text) == [("王立新", "张建华", "某某第四调研组", "座谈")]
