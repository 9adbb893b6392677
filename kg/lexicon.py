"""The word lists under kg/data/, loaded once and shared by every stage.

Lexicons are data, not code: a new title or organisation suffix is a new line
in a file, never a new literal in a module.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Callable, TypeVar

import ahocorasick_rs

from kg.data import rows

Table = TypeVar("Table")
_TABLE_MAKERS: list[Callable[[], object]] = []


@dataclass(frozen=True)
class Division:
    """An administrative division or development zone: 郑州市, 登封市, 郑州高新区."""

    name: str
    level: str
    parent: str
    aliases: tuple[str, ...]

    @property
    def is_city(self) -> bool:
        """True for a division whose 市 a page may mean: a prefecture city, a municipality, a county-level city."""
        return self.level in CITY_LEVELS

    @property
    def is_county(self) -> bool:
        """True for a county-level division: a county, a district or a county-level city."""
        return self.level in COUNTY_LEVELS


CITY_LEVELS = ("city", "municipality", "county_city")
COUNTY_LEVELS = ("county", "district", "county_city")
PROVINCE_LEVELS = ("province", "municipality")




def _words(filename: str) -> list[str]:
    return [row[0].strip() for row in rows(filename)]


def alternation(words) -> str:
    """A regex alternation that tries longer words first, so 党组书记 wins over 书记."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@dataclass(frozen=True)
class Lexicon:
    """Every word list the pipeline uses; see kg/data/ for the files."""

    titles: dict[str, str]
    org_suffixes: dict[str, str]
    divisions: tuple[Division, ...]
    surnames: tuple[str, ...]
    outlets: tuple[str, ...]
    reporter_words: tuple[str, ...]
    credit_words: tuple[str, ...]
    editor_words: tuple[str, ...]
    interview_marks: tuple[str, ...]
    campaign_kinds: tuple[str, ...]
    campaign_unquoted_kinds: tuple[str, ...]
    campaign_triggers: tuple[str, ...]
    campaign_quoted_kinds: tuple[str, ...]
    campaign_raisings: tuple[str, ...]
    promoter_adverbs: tuple[str, ...]
    generic_heads: tuple[str, ...]
    project_heads: tuple[str, ...]
    project_verbs: tuple[str, ...]
    capacity_openings: tuple[str, ...]
    site_visit_verbs: tuple[str, ...]
    generic_modifiers: frozenset[str]
    works_words: tuple[str, ...]
    not_investment: tuple[str, ...]
    meeting_words: tuple[str, ...]
    name_stops: dict[str, str]  # each character that ends a name before it: "alone" or as a "word"'s start
    org_stops: tuple[str, ...]
    name_cues: tuple[tuple[str, str], ...]
    transliteration: frozenset[str]
    org_short_forms: tuple[tuple[str, str], ...]
    world_places: frozenset[str]
    home: dict[str, str]
    outlet_kinds: tuple[str, ...]
    visit_verbs: tuple[str, ...]
    not_division_starts: tuple[str, ...]
    investment_kinds: tuple[str, ...]
    place_heads: tuple[str, ...]
    standing_committee_units: tuple[str, ...]
    session_body_starts: tuple[str, ...]
    session_body_parts: tuple[str, ...]
    org_rewrites: tuple[tuple[re.Pattern, str], ...]
    appointment_verbs: dict[str, tuple[str, str]]  # verb as written → (action, effect on the term)

    @property
    def own_outlets(self) -> tuple[str, ...]:
        """What the home paper calls itself in bylines (本报, 郑报): its reporters report for the home paper."""
        return tuple(self.home["own_outlets"].split(","))

    @property
    def home_city(self) -> str:
        """The city a page is about when nothing on it says otherwise (kg/data/home.tsv)."""
        return self.home["city"]

    @cached_property
    def _division_finder(self) -> ahocorasick_rs.AhoCorasick:
        return ahocorasick_rs.AhoCorasick(list(self.division_by_alias),
                                          matchkind=ahocorasick_rs.MatchKind.LeftmostLongest)

    @cached_property
    def strong_division_spellings(self) -> frozenset[str]:
        """The spellings that name a division whatever stands beside them: full names, and the short forms of
        provinces and cities. A county's short form (中牟, 商水) is also a common given name or word."""
        return frozenset(self.division_by_alias) - {alias for d in self.divisions if d.is_county and d.level != "zone"
                                                     for alias in d.aliases}

    def division_mentions(self, text: str) -> list[tuple[int, int, Division]]:
        """Every division `text` names, as (start, end, division): the longest spelling at each place, left to right.

        >>> [(start, division.name) for start, _, division in load_lexicon().division_mentions("河南省郑州市和登封")]
        [(0, '河南省'), (3, '郑州市'), (7, '登封市')]
        """
        aliases = self._division_aliases
        return [(start, end, self.division_by_alias[aliases[index]])
                for index, start, end in self._division_finder.find_matches_as_indexes(text)]

    @cached_property
    def _division_aliases(self) -> list[str]:
        return list(self.division_by_alias)

    def division_prefix(self, text: str) -> str | None:
        """The longest spelling of a division that `text` starts with, or None (郑州高新区管委会 → 郑州高新区)."""
        for index, start, end in self._division_finder.find_matches_as_indexes(text):
            return self._division_aliases[index] if start == 0 else None
        return None

    def province_of(self, division: Division) -> Division | None:
        """The province-level division above `division` (itself for a province or municipality)."""
        return self._provinces.get(division.name)

    @cached_property
    def _provinces(self) -> dict[str, Division]:
        provinces = {}
        for division in self.divisions:
            above, steps = division, 0
            while above is not None and above.level not in PROVINCE_LEVELS and steps < 4:
                above, steps = self.division_by_alias.get(above.parent), steps + 1
            if above is not None and above.level in PROVINCE_LEVELS:
                provinces[division.name] = above
        return provinces

    @cached_property
    def division_by_alias(self) -> dict[str, Division]:
        """Every spelling of a division (full name and short forms) to the division."""
        table: dict[str, Division] = {}
        for division in self.divisions:
            table[division.name] = division
            for alias in division.aliases:
                table.setdefault(alias, division)
        return table

    @cached_property
    def titles_longest_first(self) -> tuple[str, ...]:
        """Titles, longest first, so that a suffix match finds 党组书记 before 书记."""
        return tuple(sorted(self.titles, key=len, reverse=True))

    @cached_property
    def surname_ranks(self) -> dict[str, int]:
        """Each surname to its place in surnames.txt, which lists single surnames by frequency."""
        singles = [s for s in self.surnames if len(s) == 1]
        ranks = {surname: rank for rank, surname in enumerate(singles)}
        ranks.update({s: 0 for s in self.surnames if len(s) > 1})
        return ranks

    def surname_of(self, text: str) -> str | None:
        """The surname `text` begins with (compound ones first), or None."""
        for surname in (text[:2], text[:1]):
            if surname in self.surname_ranks:
                return surname
        return None

    def is_surname_start(self, text: str) -> bool:
        """True when `text` begins with a known surname (single or compound)."""
        return self.surname_of(text) is not None

    @cached_property
    def _suffix_lengths(self) -> tuple[int, ...]:
        return tuple(sorted({len(suffix) for suffix in self.org_suffixes}, reverse=True))

    def org_suffix(self, name: str) -> str:
        """The longest organisation suffix `name` ends with (党工委 before 委), or "" for none."""
        for length in self._suffix_lengths:
            if length <= len(name) and name[-length:] in self.org_suffixes:
                return name[-length:]
        return ""

    def org_kind(self, name: str) -> str | None:
        """The kind of body a name ends like (party, government, division...), or None."""
        return self.org_suffixes.get(self.org_suffix(name))

    def is_organisation(self, text: str) -> bool:
        """True when `text` ends like an organisation name (局, 市委, 管委会, 社区, 公司...)."""
        return len(text) >= 2 and self.org_kind(text) is not None

    def cue_words(self, *kinds: str) -> tuple[str, ...]:
        """The name cues of the given kinds, longest first."""
        return tuple(sorted({w for w, k in self.name_cues if k in kinds}, key=len, reverse=True))


def lexicon_table(make: Callable[[], Table]) -> Callable[[], Table]:
    """Mark a function that makes a table from the lexicon (a compiled pattern, a weight table):
    it is made once per process, and make_tables() makes every such table at once."""
    cached = lru_cache(maxsize=1)(make)
    _TABLE_MAKERS.append(cached)
    return cached


def make_tables() -> None:
    """Make every lexicon table now (some take a tenth of a second to compile): with the pipeline, before
    its workers are forked, rather than in each worker at its first article."""
    for make in _TABLE_MAKERS:
        make()


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Load kg/data/ once per process and return the lexicon."""
    byline_rows = rows("byline_roles.tsv")
    return Lexicon(
        titles={row[0]: row[1] for row in rows("titles.tsv")},
        org_suffixes={row[0]: row[1] for row in rows("org_suffixes.tsv")},
        divisions=tuple(
            Division(row[0], row[1], row[2] if len(row) > 2 else "",
                     tuple(a for a in (row[3] if len(row) > 3 else "").split(",") if a))
            for row in rows("divisions.tsv") + rows("zones.tsv")
        ),
        surnames=tuple(_words("surnames.txt")),
        outlets=tuple(row[1] for row in byline_rows if row[0] == "outlet"),
        reporter_words=tuple(row[1] for row in byline_rows if row[0] == "reporter"),
        credit_words=tuple(row[1] for row in byline_rows if row[0] == "credit"),
        editor_words=tuple(row[1] for row in byline_rows if row[0] == "editor"),
        interview_marks=tuple(_words("interview_marks.txt")),
        campaign_kinds=tuple(row[0] for row in rows("campaign_kinds.tsv")),
        campaign_unquoted_kinds=tuple(row[0] for row in rows("campaign_kinds.tsv") if row[1] == "any"),
        campaign_triggers=tuple(_words("campaign_triggers.txt")),
        campaign_quoted_kinds=tuple(_words("campaign_quoted_kinds.txt")),
        campaign_raisings=tuple(_words("campaign_raisings.txt")),
        promoter_adverbs=tuple(_words("promoter_adverbs.txt")),
        generic_heads=tuple(_words("generic_heads.txt")),
        project_heads=tuple(_words("project_heads.txt")),
        project_verbs=tuple(_words("project_verbs.txt")),
        capacity_openings=tuple(_words("capacity_openings.txt")),
        site_visit_verbs=tuple(_words("site_visit_verbs.txt")),
        generic_modifiers=frozenset(_words("generic_modifiers.txt")),
        works_words=tuple(_words("works_words.txt")),
        not_investment=tuple(_words("not_investment.txt")),
        meeting_words=tuple(_words("meeting_words.txt")),
        name_stops={row[0]: row[1] for row in rows("name_stops.tsv")},
        org_stops=tuple(_words("org_stops.txt")),
        name_cues=tuple((row[0], row[1]) for row in rows("name_cues.tsv")),
        transliteration=frozenset("".join(_words("transliteration.txt"))),
        world_places=frozenset(_words("world_places.txt")),
        home={row[0]: row[1] for row in rows("home.tsv")},
        outlet_kinds=tuple(_words("outlet_kinds.txt")),
        visit_verbs=tuple(_words("visit_verbs.txt")),
        not_division_starts=tuple(_words("not_division_starts.txt")),
        investment_kinds=tuple(_words("investment_kinds.txt")),
        place_heads=tuple(_words("place_heads.txt")),
        standing_committee_units=tuple(_words("standing_committee_units.txt")),
        session_body_starts=tuple(row[1] for row in rows("session_bodies.tsv") if row[0] == "start"),
        session_body_parts=tuple(row[1] for row in rows("session_bodies.tsv") if row[0] == "part"),
        org_rewrites=tuple((re.compile(row[0]), row[1] if len(row) > 1 else "") for row in rows("org_rewrites.tsv")),
        appointment_verbs={row[0]: (row[1], row[2]) for row in rows("appointment_verbs.tsv")},
        org_short_forms=tuple(sorted(((row[0], row[1]) for row in rows("org_short_forms.tsv")),
                                     key=lambda pair: len(pair[0]), reverse=True)),
    )
