"""Write kg/data/divisions.tsv: every province, prefecture and county-level division of China, with short forms.

The names and codes come from the adcodes table of the `cpca` package (MIT; China's administrative division
codes), read here once by a maintainer, never at run time:

    pip install cpca==0.5.5 && python scripts/make_divisions.py

A short form is the name less its kind (河南省 → 河南, 商水县 → 商水, 延边朝鲜族自治州 → 延边). Districts (区)
get none: papers write them whole, and their bare names are often ordinary words (中原, 河北). Where one short form
would name two divisions it stays with the higher one (河南 is the province, not 河南蒙古族自治县), and is dropped
between equals. A county's short form is also dropped where jieba's dictionary knows it as another kind of
word (正定, 遵化), since text would then read as a place where it is not one; papers mostly write counties
whole.
"""

from __future__ import annotations

import csv
import re
from importlib import resources
from pathlib import Path

import jieba

OUTPUT = Path(__file__).resolve().parent.parent / "kg" / "data" / "divisions.tsv"
_PROVINCE_KINDS = re.compile("(?:省|市|自治区|特别行政区)$")
_AUTONOMOUS = re.compile("(?:自治州|自治县|自治旗|地区|盟|市|县)$")
# adcodes of the province-level municipalities: their 市 is both the city and the province
_MUNICIPALITIES = ("11", "12", "31", "50")
# 市辖区, 县, 省直辖县级行政区划: rows that group divisions, not divisions
_RANK = {"municipality": 0, "province": 0, "city": 1, "county_city": 2, "county": 2, "district": 3}
_GROUPING = re.compile("^(?:市辖区|县|省直辖县级行政区划|自治区直辖县级行政区划)$")


def _nations() -> list[str]:
    text = resources.files("cpca").joinpath("resources/56_nations.csv").read_text(encoding="utf-8")
    return sorted((line.strip() for line in text.splitlines() if line.strip()), key=len, reverse=True)


def _short_form(name: str, level: str, nations: list[str]) -> str | None:
    if level == "district":
        # 管城回族区 → 管城区; other districts keep their whole name
        nation = next((n for n in nations if name.endswith(n + "区")), None)
        return name[: -len(nation) - 1] + "区" if nation and len(name) - len(nation) > 2 else None
    short = _PROVINCE_KINDS.sub("", name) if level in ("province", "municipality") else _AUTONOMOUS.sub("", name)
    while short != name and (nation := next((n for n in nations if short.endswith(n) and len(short) > len(n)), None)):
        short = short[: -len(nation)]  # 恩施土家族苗族 → 恩施
    return short if 2 <= len(short) < len(name) else None


def _level(code: str, name: str) -> str:
    if code[2:] == "0000":
        return "municipality" if code[:2] in _MUNICIPALITIES else "province"
    if code[4:] == "00":
        return "city"
    if name.endswith("区"):
        return "district"
    return "county_city" if name.endswith("市") else "county"


def main() -> None:
    table = resources.files("cpca").joinpath("resources/adcodes.csv").read_text(encoding="utf-8")
    rows = sorted((row["adcode"][:6], row["name"]) for row in csv.DictReader(table.splitlines()))
    names = {code: name for code, name in rows}
    nations = _nations()
    divisions = []
    for code, name in rows:
        if _GROUPING.match(name):
            continue
        level = _level(code, name)
        province = names[code[:2] + "0000"]
        city = names.get(code[:4] + "00", "")
        parent = (
            ""
            if level in ("province", "municipality")
            else province
            if level == "city"
            else (province if _GROUPING.match(city) or not city else city)
        )
        divisions.append([name, level, parent, _short_form(name, level, nations)])
    jieba.posseg.dt.tokenizer.check_initialized()
    tags = jieba.posseg.dt.word_tag_tab
    full_names = {d[0] for d in divisions}
    owners: dict[str, list[int]] = {}
    for index, division in enumerate(divisions):
        if division[3]:
            owners.setdefault(division[3], []).append(index)
    for short, indexes in owners.items():
        highest = min(_RANK[divisions[i][1]] for i in indexes)
        top = [i for i in indexes if _RANK[divisions[i][1]] == highest]
        for i in indexes:
            county_word = divisions[i][1] == "county" and tags.get(short, "ns") != "ns"
            if i != top[0] or len(top) > 1 or short in full_names or county_word:
                divisions[i][3] = None
    with OUTPUT.open("w", encoding="utf-8") as out:
        out.write(
            "# the divisions of China: level, the division above, and aliases (short forms, comma separated)\n"
            "# made by scripts/make_divisions.py from cpca's adcodes; development zones are in zones.tsv\n"
            "name\tlevel\tparent\taliases\n"
        )
        for name, level, parent, short in divisions:
            out.write(f"{name}\t{level}\t{parent}\t{short or ''}\n")


if __name__ == "__main__":
    import jieba.posseg

    main()
