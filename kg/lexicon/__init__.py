"""The lexicons every stage reads: the tables of kg/data/ (and of a user's folders), with the views the rules ask.

Lexicons are data, not code: a new title or organisation suffix is a new line in a file, never a new literal
in a module. A Lexicon is an object, not a process-wide table: a pipeline is built with one, a test with a
tiny one of its own, a user's build with the package's and theirs (`kg build --lexicon DIR`).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import ahocorasick_rs

from kg.lexicon.tables import (
    PACKAGE_DATA,
    SUFFIX,
    Folder,
    LexiconError,
    Table,
    check_user_folder,
    read_table,
    table_names,
)

__all__ = ["Division", "Lexicon", "LexiconError", "Table", "alternation"]

CITY_LEVELS = ("city", "municipality", "county_city")
COUNTY_LEVELS = ("county", "district", "county_city")
PROVINCE_LEVELS = ("province", "municipality")
# an alternation of no words: a pattern that matches nothing (an empty one would match everywhere)
NOTHING = "(?!)"


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


def alternation(words: Iterable[str]) -> str:
    """A regex alternation that tries longer words first, so 党组书记 wins over 书记; no words match nothing.

    >>> alternation(["书记", "党组书记"]), alternation([])
    ('党组书记|书记', '(?!)')
    """
    ordered = sorted(set(words), key=len, reverse=True)
    return "|".join(re.escape(w) for w in ordered) if ordered else NOTHING


class Lexicon:
    """The tables of some lexicon folders, read when first asked, and the views of them the rules use.

    folders: read in order, a table's rows from each folder that holds its file (default: the package's).

    >>> Lexicon().titles["书记"]
    'party'
    """

    def __init__(self, folders: Iterable[Folder] = (PACKAGE_DATA,)):
        self.folders = tuple(folders)
        self._tables: dict[str, Table] = {}
        self._words: dict[str, tuple[str, ...]] = {}

    @classmethod
    def with_user_folders(cls, folders: Iterable[Path]) -> Lexicon:
        """The package's lexicon with a user's folders after it; a folder that is not a lexicon one is refused."""
        folders = tuple(Path(folder) for folder in folders)
        for folder in folders:
            check_user_folder(folder)
        return cls((PACKAGE_DATA, *folders))

    def table(self, name: str) -> Table:
        """The table of the lexicon file `name` (without .tsv)."""
        if name not in self._tables:
            self._tables[name] = read_table(name, self.folders)
        return self._tables[name]

    def words(self, name: str) -> tuple[str, ...]:
        """The first column of the table `name`: the words of a one-column lexicon."""
        if name not in self._words:
            table = self.table(name)
            self._words[name] = table.column(table.columns[0]) if table.columns else ()
        return self._words[name]

    def characters(self, name: str) -> frozenset[str]:
        """Every character of the table `name`'s rows, for a lexicon of characters (transliteration.tsv)."""
        return frozenset("".join(self.words(name)))

    @cached_property
    def fingerprint(self) -> str:
        """A hash of the user folders' files ("" with none): a graph built with other words is rebuilt."""
        digest = hashlib.sha256()
        for folder in self.folders:
            if folder is PACKAGE_DATA:
                continue
            for name in table_names(folder):
                digest.update(name.encode() + b"\0" + folder.joinpath(name + SUFFIX).read_bytes())
        return "" if digest.digest() == hashlib.sha256().digest() else digest.hexdigest()[:8]

    # the tables, as the rules read them

    @cached_property
    def titles(self) -> dict[str, str]:
        """Each title to its kind (party, party_group, gov_head, post)."""
        return self.table("titles").mapping("title", "kind")

    def title_kind(self, title: str) -> str | None:
        """The kind of a title, an acting one's (代理市长) that of the title it acts in."""
        for prefix in self.cue_words("acting"):
            if title.startswith(prefix) and title[len(prefix) :] in self.titles:
                return self.titles[title[len(prefix) :]]
        return self.titles.get(title)

    @cached_property
    def org_suffixes(self) -> dict[str, str]:
        """Each organisation suffix to the kind of body it ends (party, government, division...)."""
        return self.table("org_suffixes").mapping("suffix", "kind")

    @cached_property
    def divisions(self) -> tuple[Division, ...]:
        """The divisions of China and the development zones."""
        return tuple(
            Division(name, level, parent, tuple(a for a in aliases.split(",") if a))
            for table in (self.table("divisions"), self.table("zones"))
            for name, level, parent, aliases in table.rows
        )

    @cached_property
    def surnames(self) -> tuple[str, ...]:
        return self.words("surnames")

    def _byline_words(self, kind: str) -> tuple[str, ...]:
        return self.table("byline_roles").where("kind", kind).column("word")

    @cached_property
    def outlets(self) -> tuple[str, ...]:
        return self._byline_words("outlet")

    @cached_property
    def reporter_words(self) -> tuple[str, ...]:
        return self._byline_words("reporter")

    @cached_property
    def credit_words(self) -> tuple[str, ...]:
        return self._byline_words("credit")

    @cached_property
    def editor_words(self) -> tuple[str, ...]:
        return self._byline_words("editor")

    @cached_property
    def campaign_kinds(self) -> tuple[str, ...]:
        return self.table("campaign_kinds").column("kind")

    @cached_property
    def campaign_unquoted_kinds(self) -> tuple[str, ...]:
        """The kind words an unquoted name may end in."""
        return self.table("campaign_kinds").where("where", "any").column("kind")

    @cached_property
    def name_stops(self) -> dict[str, str]:
        """Each character that ends a name before it: "alone" or as a "word"'s start."""
        return self.table("name_stops").mapping("character", "where")

    @cached_property
    def name_cues(self) -> tuple[tuple[str, str], ...]:
        return tuple(zip(self.table("name_cues").column("cue"), self.table("name_cues").column("kind")))

    @cached_property
    def transliteration(self) -> frozenset[str]:
        return self.characters("transliteration")

    @cached_property
    def world_places(self) -> frozenset[str]:
        return frozenset(self.words("world_places"))

    @cached_property
    def generic_modifiers(self) -> frozenset[str]:
        return frozenset(self.words("generic_modifiers"))

    @cached_property
    def home(self) -> dict[str, str]:
        return self.table("home").mapping("key", "value")

    @cached_property
    def session_body_starts(self) -> tuple[str, ...]:
        return self.table("session_bodies").where("how", "start").column("word")

    @cached_property
    def session_body_parts(self) -> tuple[str, ...]:
        return self.table("session_bodies").where("how", "part").column("word")

    @cached_property
    def org_rewrites(self) -> tuple[tuple[re.Pattern, str], ...]:
        table = self.table("org_rewrites")
        return tuple(
            (re.compile(pattern), replacement)
            for pattern, replacement in zip(table.column("pattern"), table.column("replacement"))
        )

    @cached_property
    def appointment_verbs(self) -> dict[str, tuple[str, str]]:
        """Each verb as written to (action recorded, effect on the term)."""
        table = self.table("appointment_verbs")
        return {verb: (action, effect) for verb, action, effect in table.rows}

    @cached_property
    def org_short_forms(self) -> tuple[tuple[str, str], ...]:
        """(full, short) spellings of a body's kind, the longest full one first."""
        table = self.table("org_short_forms")
        return tuple(
            sorted(zip(table.column("full"), table.column("short")), key=lambda pair: len(pair[0]), reverse=True)
        )

    # what the rules ask of the tables

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
        return ahocorasick_rs.AhoCorasick(self._division_aliases, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest)

    @cached_property
    def strong_division_spellings(self) -> frozenset[str]:
        """The spellings that name a division whatever stands beside them: full names, and the short forms of
        provinces and cities. A county's short form (中牟, 商水) is also a common given name or word."""
        return frozenset(self.division_by_alias) - {
            alias for d in self.divisions if d.is_county and d.level != "zone" for alias in d.aliases
        }

    def division_mentions(self, text: str) -> list[tuple[int, int, Division]]:
        """Every division `text` names, as (start, end, division): the longest spelling at each place, left to right.

        >>> [(start, division.name) for start, _, division in Lexicon().division_mentions("河南省郑州市和登封")]
        [(0, '河南省'), (3, '郑州市'), (7, '登封市')]
        """
        aliases = self._division_aliases
        return [
            (start, end, self.division_by_alias[aliases[index]])
            for index, start, end in self._division_finder.find_matches_as_indexes(text)
        ]

    @cached_property
    def _division_aliases(self) -> list[str]:
        return list(self.division_by_alias)

    def division_prefix(self, text: str) -> str | None:
        """The longest spelling of a division that `text` starts with, or None (郑州高新区管委会 → 郑州高新区)."""
        for index, start, _ in self._division_finder.find_matches_as_indexes(text):
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
        """Each surname to its place in surnames.tsv, which lists single surnames by frequency."""
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

    @cached_property
    def national_bodies(self) -> dict[str, tuple[str, str]]:
        """Every spelling of a national body of the state or the party (国务院, 中央政府, 国台办) to the name the
        graph gives it and its kind."""
        table: dict[str, tuple[str, str]] = {}
        for name, kind, aliases in self.table("national_bodies").rows:
            for spelling in [name, *filter(None, aliases.split(","))]:
                table.setdefault(spelling, (name, kind))
        return table

    def org_kind(self, name: str) -> str | None:
        """The kind of body a name ends like (party, government, division...), or None."""
        national = self.national_bodies.get(name)
        return national[1] if national else self.org_suffixes.get(self.org_suffix(name))

    def is_organisation(self, text: str) -> bool:
        """True when `text` ends like an organisation name (局, 市委, 管委会, 社区, 公司...)."""
        return len(text) >= 2 and self.org_kind(text) is not None

    def cue_words(self, *kinds: str) -> tuple[str, ...]:
        """The name cues of the given kinds, longest first."""
        return tuple(sorted({w for w, k in self.name_cues if k in kinds}, key=len, reverse=True))
