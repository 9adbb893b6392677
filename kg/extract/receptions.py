"""Receptions: who met whom (GUIDELINES: receptions). "市委书记甲会见了某集团董事长乙一行": the host is the
first official the sentence names before the verb, the guest the first person named after it, with the body
the guest's title chain names; without a named guest, the visiting party as written (会见了某国使节团)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract.groups import GroupFinder
from kg.extract.named import NamedPerson, PeopleBySentence
from kg.lexicon import Lexicon, alternation

# 会见了以甲为团长的代表团: the one the party is led by is named after this, with or without a title
_LED_BY = "以"
# what follows the name of the one who leads a visiting party
_PARTY_MARKS = ("一行", "率领", "带领")
# 甲乙分别会见丙: each host before it meets the guest on their own
_EACH = "分别"


@dataclass(frozen=True)
class Reception:
    """One meeting between a host and a guest, as offsets into the article."""

    host: str
    guest: str | None
    guest_org: str | None
    action: str
    verb_start: int


class ReceptionFinder:
    """The receptions of an article's text, from the people it names.

    >>> find = ReceptionFinder(Lexicon())
    >>> text = "市委书记甲乙丙会见了某集团董事长丁戊一行。"
    >>> people = [NamedPerson("甲乙丙", 4, 7, "市委", True), NamedPerson("丁戊", 17, 19, "某集团", True)]
    >>> [(r.host, r.guest, r.guest_org, r.action) for r in find(text, people, [(0, len(text))])]
    [('甲乙丙', '丁戊', '某集团', '会见')]
    """

    def __init__(self, lexicon: Lexicon):
        self._groups = GroupFinder(lexicon)
        not_after = alternation(lexicon.words("not_reception_after"))
        self._verbs = re.compile(f"(?:{alternation(lexicon.words('reception_verbs'))})(?!{not_after})")
        # a party received without a named guest: the words after the verb up to one of these ends
        ends = lexicon.table("guest_party_ends").rows
        in_name = alternation(word for word, part in ends if part == "yes")
        after_name = alternation(word for word, part in ends if part == "no")
        # 以甲为团长的某某代表团: the guest leads the party named after 的
        self._leads = re.compile(f"为(?:{alternation(word for word, part in ends if part == 'leader')})的")
        # 与 or 同 after the host: the guest stands before the verb
        self._with_guest = re.compile(
            f"[与同](?=[^，,。；;]{{2,40}}?(?:{alternation(lexicon.words('reception_verbs'))}))"
        )
        self._party = re.compile(f"了?(?P<party>[^，,。；;！？]{{2,40}}?(?:{in_name}|(?=(?:{after_name}))))")

    def __call__(self, text: str, people: list[NamedPerson], sentences: list[tuple[int, int]]) -> list[Reception]:
        """people: every person the text names, in text order; sentences: (start, end) of each sentence."""
        found: list[Reception] = []
        by_sentence = PeopleBySentence(people, sentences)
        for verb in self._verbs.finditer(text):
            start, end = by_sentence.sentence_of(verb.start())
            in_sentence = by_sentence.people_in(start, end)
            hosts = [p for p in in_sentence if p.end <= verb.start()]
            if not hosts:
                continue
            # 甲与乙一行座谈: the guest between 与 and the verb, after the host
            joined = self._with_guest.search(text, hosts[0].end, verb.end())
            if joined:
                hosts = [p for p in hosts if p.end <= joined.start()]
            guests = [
                p
                for p in in_sentence
                if (p.start >= verb.end() or (joined and joined.end() <= p.start < verb.start()))
                and (
                    p.official
                    or text.startswith(_LED_BY, p.start - len(_LED_BY))
                    or _leads_party(text, p, in_sentence)  # 傅崐萁一行, 甲乙一行: the first name of a party
                )
            ]
            guest = guests[0] if guests else None
            leads = guest and self._leads.match(text, guest.end)
            if leads:
                party = self._party.match(text, leads.end(), end)
            else:
                party = None if guest else self._party.match(text, joined.end() if joined else verb.end(), end)
            guest_org = party.group("party") if party else guest and guest.org
            guest_name = guest and guest.name
            # 丙与调研组一行座谈: the group a sentence before made up, and the one who leads it
            names_a_group = not guest and (guest_org or "").startswith(self._groups.group_words)
            if names_a_group and (group := self._groups(text, people, start)):
                guest_name, guest_org = group.leader, group.name
            # an official first: a bare name found by its shape alone can be a place's (石景山|区委书记)
            # with 与 the host is the one named right before it (甲会见了乙，丙与乙座谈: 丙 hosts the second)
            if joined:
                meeting_hosts = [hosts[-1].name]
            elif text.startswith(_EACH, verb.start() - len(_EACH)):
                meeting_hosts = list(dict.fromkeys(p.name for p in hosts))
            else:
                meeting_hosts = [next((p for p in hosts if p.official), hosts[0]).name]
            if guest_name or guest_org:
                found += [Reception(host, guest_name, guest_org, verb.group(), verb.start()) for host in meeting_hosts]
        return found


def _leads_party(text: str, person: NamedPerson, in_sentence: list[NamedPerson]) -> bool:
    """True when `person` is the first of the names a party mark ends (甲一行, 甲乙一行, 甲、乙率领)."""
    end = person.end
    for other in in_sentence:
        if other.start == end or (other.start == end + 1 and text[end] == "、"):
            end = other.end
    return text.startswith(_PARTY_MARKS, end) and not any(
        other.end == person.start or (other.end + 1 == person.start and text[other.end] == "、")
        for other in in_sentence
    )
