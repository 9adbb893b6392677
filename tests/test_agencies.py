"""Public bodies a page names with or without a person, from hand-written sentences."""

import pytest


def _agencies(extract, sentence: str) -> list[str]:
    return [a.name for facts in extract(f"标题\n\n{sentence}\n") for a in facts.agencies]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # a body goes on to its department: the department is named (its parent is its organisation)
        ("活动由开封市人民政府办公厅主办。", ["开封市人民政府办公厅"]),
        # two bodies joined by 和; a word before the place is no part of the name
        ("会议还有市政协和市委组织部参加。", ["市政协", "市委组织部"]),
        # a post is no body, and a noun that ends like a suffix is none either
        ("开封市委常委出席。全市干部参加。", []),
        ("中共兰考县委召开全会。", ["中共兰考县委"]),
    ],
)
def test_a_page_names_public_bodies(extract, sentence, expected):
    assert _agencies(extract, sentence) == expected
