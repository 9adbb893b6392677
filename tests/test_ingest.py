import json
from pathlib import Path

import pytest

from kg.ingest import SourceText, ingest_file, iter_input_files, split_articles
from kg.ingest.articles import article_id, nfkc, repair_ocr_breaks
from kg.ingest.decode import NotText, decode_bytes
from kg.ingest.metadata import PageInfo
from kg.ingest.sources import html_page, iter_source

ARTICLE = "市领导调研科技工作\n\n本报讯(记者 李娜)昨日，郑州市科技局党组书记、局长夏扬表示，要加快建设。\n"


@pytest.mark.parametrize(
    "encoding, expected",
    [
        ("utf-8", "utf-8"),
        ("utf-8-sig", "utf-8-sig"),
        ("utf-16", "utf-16"),
        ("gb18030", "gb18030"),
    ],
)
def test_decodes_each_encoding(encoding, expected):
    text, found, _ = decode_bytes(ARTICLE.encode(encoding))
    assert text.lstrip("\ufeff") == ARTICLE
    assert found == expected


def test_decodes_utf16_without_byte_order_mark():
    text, found, _ = decode_bytes(ARTICLE.encode("utf-16-le"))
    assert text == ARTICLE and found == "utf-16"


def test_big5_is_told_from_gb18030_by_the_characters_it_reads_as():
    traditional = "市領導調研科技工作\n\n本報訊(記者 李娜)昨日，鄭州市科技局黨組書記、局長夏揚表示，要加快建設。\n"
    text, found, replaced = decode_bytes(traditional.encode("big5"))
    assert (text, found, replaced) == (traditional, "big5hkscs", 0)
    assert decode_bytes(ARTICLE.encode("gb18030")).encoding == "gb18030"


def test_one_bad_byte_is_replaced_and_counted_not_the_file_dropped(tmp_path):
    page = tmp_path / "page.txt"
    page.write_bytes(ARTICLE.encode("utf-8") + b"\xff" + ARTICLE.encode("utf-8") * 20)
    articles, problems = ingest_file(page)
    assert articles and [p.reason for p in problems] == ["1 bytes could not be read as utf-8 and show as \ufffd"]


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "empty"),
        (b"  \n\n ", "empty"),
        (bytes(range(256)) * 4, "binary"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    ],
)
def test_rejects_what_is_not_text(data, reason):
    with pytest.raises(NotText, match=reason):
        decode_bytes(data)


def test_html_keeps_text_and_drops_scripts_and_styles():
    page = html_page(
        "<html><head><title>标题</title><style>p{color:red}</style></head><body>"
        "<p>第一段。</p><script>alert('x')</script><div>第二段。</div></body></html>"
    )
    assert page.title == "标题"
    assert page.text == "第一段。\n\n第二段。"


def test_jsonl_reads_records_and_reports_broken_lines(tmp_path):
    path = tmp_path / "pages.jsonl"
    path.write_text(
        json.dumps({"text": ARTICLE, "date": "2022-02-16"}, ensure_ascii=False)
        + "\n{broken\n"
        + json.dumps({"title": "无正文"})
        + "\n",
        encoding="utf-8",
    )
    items = list(iter_source(path))
    pages = [item for item in items if isinstance(item, SourceText)]
    skipped = [item for item in items if not isinstance(item, SourceText)]
    assert [p.record for p in pages] == [1]
    assert pages[0].info.date == "2022-02-16" and pages[0].name == "pages.jsonl#1"
    assert [s.reason.split(":")[0] for s in skipped] == ["line 2", "line 3"]


def test_binary_file_named_txt_is_skipped_with_reason(tmp_path):
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x00\x01\x02\xff" * 100)
    articles, skipped = ingest_file(path)
    assert articles == [] and "binary" in skipped[0].reason


def test_missing_and_unsupported_paths_are_skipped(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.pdf").write_bytes(b"%PDF")
    items = list(iter_input_files([tmp_path, tmp_path / "nope.txt", tmp_path / "b.pdf"]))
    assert items[0] == tmp_path / "a.txt"
    assert [i.reason for i in items[1:]] == ["no such file or folder", "unsupported file kind '.pdf'"]


def test_repairs_a_word_broken_across_blank_lines():
    page = (
        "开放是繁荣发展的必由之路。从历史积淀、城市地位、经济总\n\n"
        "量、发展阶段来看,郑州正处于加速国际化的重要窗口期。\n\n下一段"
    )
    paragraphs = repair_ocr_breaks(page)
    assert paragraphs == [
        "开放是繁荣发展的必由之路。从历史积淀、城市地位、经济总量、发展阶段来看,郑州正处于加速国际化的重要窗口期。",
        "下一段",
    ]


def test_caption_between_two_halves_moves_after_the_joined_paragraph():
    first = "在政务服务网及“郑好办”APP上线运行的高频事项便民应用数量共1845项，总办件申请"
    caption = "图为居民通过“郑好办”APP扫码登记核酸检测信息"
    paragraphs = repair_ocr_breaks(f"{first}\n\n{caption}\n\n量403.5万，办证量超过99.8%。")
    assert paragraphs == [first + "量403.5万，办证量超过99.8%。", caption]


def test_splits_seed_page_into_articles_at_headlines_and_datelines():
    articles, _ = ingest_file(Path(__file__).parent.parent / "seeds" / "004_66fdbc54fa940e8b.txt")
    headlines = [a.headline for a in articles]
    assert "持续开展专项行动 保护北京冬奥版权" in headlines
    assert "本周风和日暖 适宜踏青寻春" in headlines
    interview_headings = [a for a in articles if "——访郑州市教育局党组书记、局长楚惠东" in a.text]
    assert len(interview_headings) == 1
    assert all(a.year == 2022 for a in articles)


def test_continuation_starts_an_article():
    page = SourceText(Path("p.txt"), "第一篇标题\n\n正文一。\n\n(上接一版)正文二继续。", "utf-8")
    articles = split_articles(page)
    assert len(articles) == 2 and articles[1].text.startswith("(上接一版)")


def test_dateline_gives_the_article_date():
    page = SourceText(Path("p.txt"), "2022年的工作\n\n新华社北京4月12日电 应急管理部今天召开发布会。", "utf-8")
    assert split_articles(page)[0].date == "2022-04-12"


def test_article_id_is_stable_under_spacing_and_width():
    assert article_id("郑州市 科技局（一）") == article_id("郑州市科技局(一)")
    assert article_id("甲") != article_id("乙")
    # an article's id names its graph in every store built so far: it must never change
    assert article_id("郑州市 科技局（一）\u3000夏扬\n\t２０２２年") == "260377235d08bd53"


def test_nfkc_is_unicodedatas_whatever_follows_each_character():
    import unicodedata

    # a combining mark after a replaced character (Ａ + acute composes to Á), Hangul, and every character
    # of the BMP that is not a surrogate, each between Chinese text and a combining mark
    texts = ["Ａ\u0301", "ｶ\u3099", "\u1100\u1161\u11a8한", "①㎡℃…ﬁ"]
    texts += [f"郑{chr(code)}\u0301州" for code in range(0x10000) if not 0xD800 <= code < 0xE000]
    assert [nfkc(text) for text in texts] == [unicodedata.normalize("NFKC", text) for text in texts]


def test_a_dateline_no_calendar_has_gives_no_date():
    from kg.ingest import SourceText, split_articles

    (article,) = split_articles(
        SourceText(
            Path("p.txt"), "标题\n\n新华社北京2月31日电 今天召开会议。\n", "utf-8", info=PageInfo(date="2022-02")
        )
    )
    assert article.date is None


@pytest.mark.parametrize(
    "relative, date",
    [
        ("2022/02/18/01.txt", "2022-02-18"),
        ("2022-02/18/a.txt", "2022-02-18"),
        ("20220218/a.txt", "2022-02-18"),
        ("2022-02-18.txt", "2022-02-18"),
        ("daily_20220218_3.txt", "2022-02-18"),
        ("2022年2月18日.txt", "2022-02-18"),
        ("2022/13/40/a.txt", None),
        ("page_7.txt", None),
        ("2022/02/18/pages/01.txt", "2022-02-18"),
    ],
)
def test_an_archive_dates_its_pages_by_folder_or_file_name(tmp_path, relative, date):
    from kg.ingest import ingest_file

    path = tmp_path / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("标题\n\n正文写到这里。\n", encoding="utf-8")
    articles, _ = ingest_file(path)
    assert {article.date for article in articles} == {date}


def test_an_archive_month_gives_its_pages_their_year(tmp_path):
    from kg.ingest import ingest_file

    path = tmp_path / "daily_201504_3.txt"
    path.write_text("标题\n\n4月3日，全市项目建设工作会议召开。\n", encoding="utf-8")
    (article,) = ingest_file(path)[0]
    assert (article.year, article.date) == (2015, None)


def test_a_huge_file_with_no_line_end_is_read(tmp_path, small_pieces):
    page = tmp_path / "endless.txt"
    page.write_text("郑州市科技局局长夏扬表示，要加强科技创新。" * 20_000, encoding="utf-8")
    articles, problems = ingest_file(page)
    assert not problems and sum(len(a.text) for a in articles) == 21 * 20_000
    assert all(a.text.startswith("郑州市科技局局长夏扬") for a in articles)


def test_a_huge_file_is_read_in_the_encoding_all_of_it_has(tmp_path, small_pieces):
    page = tmp_path / "mixed.txt"
    page.write_bytes(b"A plain ASCII preface line.\n\n" * 8_000 + ARTICLE.encode("gb18030") * 200)
    articles, problems = ingest_file(page)
    assert not problems and "夏扬" in "".join(a.text for a in articles)
    assert small_pieces.huge_file_encoding(page) == "gb18030"


def test_a_huge_file_is_never_cut_between_a_headline_and_its_body(tmp_path, small_pieces):
    item = "科技创新大会召开\n\n郑州市科技局局长夏扬出席会议并讲话，要求加快建设国家创新高地。" * 3 + "\n\n"
    page = tmp_path / "pages.txt"
    page.write_text(item * 2_000, encoding="utf-8")
    pages = [item for item in iter_source(page) if isinstance(item, SourceText)]
    assert len(pages) > 3
    assert all(piece.text.lstrip().startswith("科技创新大会召开") for piece in pages)


def _one_page(text: str, name: str = "page.txt", **given) -> list:
    return split_articles(SourceText(Path(name), text, "utf-8", **given))


APPOINTMENT_LIST = """某市人大常委会通过一批人事任免

本报讯(记者 王某)9月28日，某市第五届人大常委会第十次会议闭幕。会议表决通过了人事任免事项。

任免名单如下：

决定接受：

甲某辞去某市人民政府副市长职务

任命：

乙某为某市发展和改革委员会主任

丙某为某市财政局局长

免去：

丁某的某市财政局局长职务
"""

WEB_PAGE = """当前位置：首页 > 新闻中心 > 正文

某县召开项目建设推进会

2024-02-05 10:30 来源：某县融媒体中心

2月4日，某县召开项目建设推进会，县委书记甲某出席并讲话。

一、抓好项目谋划

会议要求，各部门要抓好项目谋划。

某县融媒体记者 乙某 摄

会议强调，要抓好落实。

责任编辑：丙某
"""

NEWSPAPER_PAGE = """甲市召开项目观摩会

本报讯(记者 甲某)昨日，甲市召开项目观摩会。

一批项目集中开工

会议指出，要加快项目建设。

乙县开展专项行动

本报讯(记者 乙某)近日，乙县开展安全生产专项行动。
"""


@pytest.mark.parametrize(
    "text, headline",
    [
        (APPOINTMENT_LIST, "某市人大常委会通过一批人事任免"),
        (WEB_PAGE, "某县召开项目建设推进会"),
        (
            "某省政府召开常务会议\n\n新华社某地8月12日电\n\n会议研究了几项工作。\n\n一、经济运行\n\n会议指出，要稳增长。\n",
            "某省政府召开常务会议",
        ),
        (
            "原标题：某市十届人大二次会议开幕\n\n坚持总体思路 推进现代化建设\n\n"
            "某市十届人大二次会议开幕\n\n2月4日上午，大会开幕。\n",
            "某市十届人大二次会议开幕",
        ),
    ],
)
def test_a_page_of_one_news_item_is_one_article_under_its_headline(text, headline):
    articles = _one_page(text)
    assert [article.headline for article in articles] == [headline]


def test_a_newspaper_page_is_split_where_a_headline_opens_a_news_item_not_at_its_sections():
    articles = _one_page(NEWSPAPER_PAGE)
    assert [article.headline for article in articles] == ["甲市召开项目观摩会", "乙县开展专项行动"]
    assert "一批项目集中开工" in articles[0].text


def test_a_jsonl_records_title_is_its_one_articles_headline():
    articles = _one_page(NEWSPAPER_PAGE, "pages.jsonl", record=3, title="记录的标题")
    assert [article.headline for article in articles] == ["记录的标题"]
