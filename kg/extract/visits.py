"""Visits: who inspected what (GUIDELINES: visits). "区长甲一行先后来到A项目、B公司" and "甲到某县调研": the
official who leads the visit, named before the verb, and each site after it, as written: a site is a name that
ends in a place, a body or a works word (a division, an organisation's suffix, a project's head, a place's)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract.groups import GroupFinder
from kg.extract.named import NamedPerson, PeopleBySentence
from kg.lexicon import Lexicon, alternation
from kg.patterns import HAN

# how far before the verb its leader may be named (区长甲一行先后)
_LEADER_REACH = 12
_SITE_JOINERS = re.compile("[、和及与]")
_COUNTY_SUFFIXES = (("区", "district"), ("县", "county"))
# a list of this many sites makes its other short items sites too
_LISTED_SITES = 2
_SHORT_ITEM = re.compile(f"[{HAN}]{{2,8}}")


@dataclass(frozen=True)
class Visit:
    """One official's visit to the sites one clause names."""

    person: str
    sites: tuple[str, ...]
    action: str
    verb_start: int


class VisitFinder:
    """The visits of an article's text, from the people it names.

    >>> find = VisitFinder(Lexicon())
    >>> text = "区长甲乙丙一行来到某某产业园、某某科技有限公司，详细了解生产情况。"
    >>> [(v.person, v.sites, v.action) for v in find(text, [NamedPerson("甲乙丙", 2, 5, "区", True)], [(0, len(text))])]
    [('甲乙丙', ('某某产业园', '某某科技有限公司'), '来到')]
    """

    def __init__(self, lexicon: Lexicon):
        self.lexicon = lexicon
        table = lexicon.table("visit_site_verbs").rows
        self._verbs = re.compile(alternation(word for word, role in table if role == "opens"))
        self._closing = re.compile(alternation(word for word, role in table if role == "closes"))
        parties = lexicon.table("visit_parties").rows
        links = alternation(lexicon.words("visit_links"))
        groups = alternation(word for word, kind in parties if kind == "group")
        led = f"(?:{alternation(word for word, kind in parties if kind == 'leads')})[^，,。；;]{{0,10}}?(?:{groups})"
        # what may stand between the leader's name and the verb: 一行, 先后, 带队, 实地, 率第四调研组
        self._between = re.compile(f"^(?:{links}|{led})*$")
        # what opens a sentence that goes on with the visit before: 随后，他们又考察了……; 调研组一行来到……
        pronouns = alternation(word for word, kind in parties if kind == "pronoun")
        self._groups = tuple(word for word, kind in parties if kind == "group")
        self._trailing_links = re.compile(f"(?:{links})+$")
        self._going_on = re.compile(f"^(?:{links}|{pronouns}|{groups})*$")
        self._groups_made_up = GroupFinder(lexicon)
        heads = (
            list(lexicon.words("project_heads"))
            + list(lexicon.words("place_heads"))
            + list(lexicon.org_suffixes)
            + list(lexicon.words("site_heads"))
        )
        self._site_end = re.compile(f"(?:{alternation(heads)})$")
        self._heads = frozenset(heads)
        self._clause = re.compile("[^，,。；;：:！？]*")
        self._list_end = re.compile(f"(?:{alternation(lexicon.words('site_list_ends'))})$")
        # a site, then a verb of what was done there: 来到某拌合站听取汇报
        self._site_then_verb = re.compile(
            f"^(?P<site>.+?(?:{alternation(heads)}))(?:{alternation(lexicon.words('site_followers'))})"
        )
        self._own_places = lexicon.words("own_place_words")

    def __call__(self, text: str, people: list[NamedPerson], sentences: list[tuple[int, int]]) -> list[Visit]:
        found: dict[tuple, Visit] = {}
        last: tuple[tuple, tuple[int, int]] | None = None  # the last visit's key and its sentence
        by_sentence = PeopleBySentence(people, sentences)
        for verb in self._verbs.finditer(text):
            if text.startswith(self._groups, verb.start()):
                continue  # 调研组 names the party, not its visit
            sentence = start, end = by_sentence.sentence_of(verb.start())
            leader = self._leader(text, by_sentence.people_in(start, end), verb.start())
            # the aspect particle after the verb is no part of the first site: 察看了X产业园
            clause = self._clause.match(text, verb.end()).group().removeprefix("了")
            sites = tuple(site for site in self._sites(clause) if site)
            if leader is None and last and last[1] == sentence and sites:
                # 甲来到A，先后走进B、C，实地察看D项目: the sentence's later verbs lead the same visit on
                visit = found[last[0]]
                found[last[0]] = Visit(
                    visit.person,
                    visit.sites + tuple(s for s in sites if s not in visit.sites),
                    visit.action,
                    visit.verb_start,
                )
                continue
            clause_start = max(start, max(text.rfind(c, start, verb.start()) for c in "，,") + 1)
            if leader is None and self._going_on.match(text[clause_start : verb.start()]):
                # 随后，他们又来到……: the sentence goes on with the visit before, or with the group's a sentence
                # before made up (由甲、乙等组成的调研组……。调研组一行先后深入……)
                group = None if last else self._groups_made_up(text, people, start)
                leader = found[last[0]].person if last else group and group.leader
            if leader is None:
                continue
            if sites and (leader, sites) not in found:
                found[(leader, sites)] = Visit(leader, sites, verb.group(), verb.start())
                last = (leader, sites), sentence
        return list(found.values())

    def _leader(self, text: str, people: list[NamedPerson], verb_start: int) -> str | None:
        """Who leads a visit: the first person of the sentence, where the one named right before the verb (with
        only the words of visit_links between) ends a list of them (甲，乙，丙带队到……)."""
        line_start = text.rfind("\n", 0, verb_start) + 1
        before = [p for p in people if line_start <= p.start and p.end <= verb_start]
        if not before or verb_start - before[-1].end > _LEADER_REACH:
            return None
        if not self._between.match(text[before[-1].end : verb_start]):
            return None
        # an official first: a bare name found by its shape alone can be a place's (石景山|区委书记)
        return next((p for p in before if p.official), before[0]).name

    def _sites(self, clause: str) -> list[str]:
        """The sites a clause names after the verb, each ending in a place, body or works word."""
        # 到某县调研: the verb after the sites ends them
        if closing := self._closing.search(clause):
            clause = self._trailing_links.sub("", clause[: closing.start()])  # 赴A、B实地调研
        clause = self._list_end.sub("", clause)
        parts = [
            followed["site"] if (followed := self._site_then_verb.match(part)) else part
            for part in _SITE_JOINERS.split(clause)
        ]
        sites = [self._names_a_site(part) for part in parts]
        # an item of a list of sites is one however it ends: 深入某生态公园、某地质公园、代王府
        listed = sum(sites) >= _LISTED_SITES and len(parts) > sum(sites)
        return [
            part for part, site in zip(parts, sites) if site or (listed and _SHORT_ITEM.fullmatch(part) is not None)
        ]

    def _names_a_site(self, part: str) -> bool:
        """A site ends in a place, body or works word, or is a division however written (临澧 for 临澧县), or is
        the page's own place (到我市调研); what the page's place only opens (我区部分重点项目) names none."""
        lexicon = self.lexicon
        if part in self._own_places:
            return True
        if not 2 <= len(part) <= 30 or part.startswith(self._own_places) or part in self._heads:
            return False  # a head alone (察看生产线, 来到现场) names no site
        return bool(self._site_end.search(part)) or part in lexicon.division_by_alias or self._county_unsuffixed(part)

    def _county_unsuffixed(self, part: str) -> bool:
        """True for a district or county written without its 区 or 县 (深入兰考、鼎城), short forms the divisions
        leave out where they are words too; after a verb of visiting they name the place."""
        for suffix, level in _COUNTY_SUFFIXES:
            division = self.lexicon.division_by_alias.get(part + suffix)
            if division is not None and division.name == part + suffix and division.level == level:
                return True
        return False
