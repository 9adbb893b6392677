"""One person across articles: the identity keys of one name joined where the evidence says they are one
official, kept apart (with a question) where it does not.

An article keys a person by name and body (夏扬@郑州市科技局). Across articles the same official is written
with several keys: under each body they served, or under the page alone when the page gives no post (夏扬书记).
The rules, strongest first, each with the reason it records:

1. a user's judgement (`kg same`, `kg different`) wins over every rule;
2. two keys whose posts share a body are one person (a page listing 市委常委、副市长 joins the keys of both);
3. two keys whose bodies sit in one division are one person when the dates they are seen at follow each other
   (a bureau chief who becomes deputy mayor), or at any dates when both bodies lead the division (郑州市委 and
   郑州市人民政府: 市委副书记、市长); two of its departments at once are two people, and bodies of two divisions
   of one city (a street office, a development zone) are not enough;
4. a key with no post joins the one person of that name who holds a post in a place the page names; with
   none there, the state leader of that name (习近平总书记 on one page, 习近平 on another), else the other
   keys with no post on pages of the same city or county (安伟书记 on two pages of one city);
5. two keys whose divisions hold one another (a county and its city, a city and its province) are one person
   when the dates they are seen at follow each other: one post ends before the other is first reported.

A join never puts two keys that a judgement calls different into one person, nor two seen on one day in
places that share nothing. People of one name left apart are asked about (kg:IdentityQuestion), the most
likely pairs strongest. Everything here is plain data: kg.rdf.identity reads it from the store and writes
what it decides.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

__all__ = ["Identity", "Judgement", "KeyRecord", "Question", "resolve_name"]

SAME, DIFFERENT = "same", "different"
OUTLET, STATE_OFFICE = "outlet", "state office"


@dataclass(frozen=True)
class KeyRecord:
    """What the store says of one identity key: the articles it is written in and their dates, the bodies of its
    posts, the places of those bodies (divisions, province included), and the places its pages name."""

    key: str
    articles: frozenset[str]
    dates: tuple[str, ...] = ()  # the publication days of its articles, sorted
    bodies: frozenset[str] = frozenset()
    seats: frozenset[str] = frozenset()  # the division each body belongs to (郑州市委 → 郑州市)
    places: frozenset[str] = frozenset()  # those and the divisions above them, below province level
    provinces: frozenset[str] = frozenset()
    page_places: frozenset[str] = frozenset()  # below province level
    page_provinces: frozenset[str] = frozenset()
    holds_posts: bool = True  # False: a name the page gives no post (a byline's reporter, 甲书记)
    affiliation: str | None = None  # OUTLET or STATE_OFFICE: the key says who they are, no place joins them
    leading_seats: frozenset[str] = frozenset()  # the seats whose leading body (市委, 市人民政府) it holds a post in

    @property
    def name(self) -> str:
        return self.key.partition("@")[0]


@dataclass(frozen=True)
class Judgement:
    """A user's word on two keys: the same person, or different people."""

    verdict: str  # SAME or DIFFERENT
    a: str
    b: str


@dataclass
class Identity:
    """One person: the key their node takes, every key joined into it, and why each join was made."""

    key: str
    members: list[str]
    reasons: list[tuple[str, str, str]] = field(default_factory=list)  # (key, key, reason)


@dataclass(frozen=True)
class Question:
    """Two people of one name left apart, how strongly the evidence hints they are one (higher first), and why."""

    a: str
    b: str
    strength: int
    reason: str


def resolve_name(
    records: Iterable[KeyRecord], judgements: Iterable[Judgement] = ()
) -> tuple[list[Identity], list[Question]]:
    """The people the keys of one name stand for, and the questions left between them.

    >>> city, province = frozenset({"某某市"}), frozenset({"某某省"})
    >>> mayor = KeyRecord("甲@某某市人民政府", frozenset({"a1"}), ("2020-01-05",), frozenset({"某某市人民政府"}),
    ...                   city, city, province)
    >>> secretary = KeyRecord("甲@某某市委", frozenset({"a2"}), ("2023-03-01",), frozenset({"某某市委"}),
    ...                       city, city, province)
    >>> people, questions = resolve_name([mayor, secretary])
    >>> [person.members for person in people], questions
    ([['甲@某某市人民政府', '甲@某某市委']], [])
    """
    records = {record.key: record for record in sorted(records, key=lambda record: record.key)}
    judgements = [j for j in judgements if j.a in records and j.b in records and j.a != j.b]
    groups = _Groups(records, {frozenset((j.a, j.b)) for j in judgements if j.verdict == DIFFERENT})
    for judgement in judgements:
        if judgement.verdict == SAME:
            groups.join(judgement.a, judgement.b, "用户判定为同一人", forced=True)
    holders = [key for key, record in records.items() if record.holds_posts]
    # each rule joins through an index of what keys share, not by pairs: a common name has thousands of keys
    by_body, by_seat, by_place = (_index(holders, records, field) for field in ("bodies", "seats", "places"))
    by_province: dict[str, list[str]] = {}
    for key in holders:
        if not records[key].seats:  # a province's own body: found by the province
            for province in records[key].provinces:
                by_province.setdefault(province, []).append(key)
    for body, keys in by_body.items():
        for key in keys[1:]:
            groups.join(keys[0], key, f"同在{body}任职")
    for seat, keys in by_seat.items():
        for index, a in enumerate(keys):
            for b in keys[index + 1 :]:
                if groups.find(a) == groups.find(b):
                    continue
                leading = seat in records[a].leading_seats and seat in records[b].leading_seats
                if leading or groups.follow_each_other(a, b):
                    groups.join(a, b, f"同在{seat}任职")
    state = [key for key, record in records.items() if record.affiliation == STATE_OFFICE]
    unplaced = []
    for key, record in records.items():
        if record.holds_posts or record.affiliation:
            continue
        holding = {k for place in record.page_places for k in by_place.get(place, ())}
        holding |= {k for province in record.page_provinces for k in by_province.get(province, ())}
        candidates = {groups.find(other) for other in holding if _holds_in(records[other], record)}
        if len(candidates) == 1:
            groups.join(key, candidates.pop(), "本页未写其职务，本页所在地同名任职者仅此一人")
        elif not candidates and len(state) == 1:
            groups.join(key, state[0], "本页未写其职务，同名者为国家领导人")
        elif not candidates:
            unplaced.append(key)
    for place, keys in sorted(_index(unplaced, records, "page_places").items()):
        for key in keys[1:]:
            groups.join(keys[0], key, f"两页均未写其职务，同在{place}")
    for lower in holders:
        uppers = {k for place in records[lower].places for k in by_seat.get(place, ())}
        uppers |= {k for province in records[lower].provinces for k in by_province.get(province, ())}
        for upper in sorted(uppers - {lower}):
            above = _above(records[lower], records[upper])
            if above and groups.find(lower) != groups.find(upper) and groups.follow_each_other(lower, upper):
                groups.join(lower, upper, f"先后在{above[0]}和{above[1]}任职，任职时间前后相接")
    people = groups.identities()
    return people, _questions(people, records)


class _Groups:
    """A union-find of keys whose joins respect the judgements that keep two keys apart."""

    def __init__(self, records: dict[str, KeyRecord], apart: set[frozenset[str]]):
        self.records = records
        self.apart = apart
        self.parent = {key: key for key in records}
        self.groups = {key: [key] for key in records}  # each root's keys
        self.reasons: list[tuple[str, str, str]] = []

    def find(self, key: str) -> str:
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def members(self, key: str) -> list[str]:
        return self.groups[self.find(key)]

    def join(self, a: str, b: str, reason: str, forced: bool = False) -> None:
        root_a, root_b = self.find(a), self.find(b)
        if root_a == root_b:
            return
        group_a, group_b = self.members(a), self.members(b)
        if any(frozenset((x, y)) in self.apart for x in group_a for y in group_b):
            return
        if not forced and any(
            self.records[x].holds_posts and self.records[y].holds_posts and self._concurrent_elsewhere(x, y)
            for x in group_a
            for y in group_b
        ):
            return
        self.parent[root_b] = root_a
        self.groups[root_a] += self.groups.pop(root_b)
        self.reasons.append((a, b, reason))

    def _concurrent_elsewhere(self, a: str, b: str) -> bool:
        """Two keys seen on one day in places that share nothing: two people, however else they agree."""
        one, other = self.records[a], self.records[b]
        return bool(set(one.dates) & set(other.dates)) and not (one.places & other.places) and bool(one.places)

    def follow_each_other(self, a: str, b: str) -> bool:
        """True when every date one group is seen at comes before every date of the other."""
        dates_a = [d for key in self.members(a) for d in self.records[key].dates]
        dates_b = [d for key in self.members(b) for d in self.records[key].dates]
        if not dates_a or not dates_b:
            return False
        return max(dates_a) < min(dates_b) or max(dates_b) < min(dates_a)

    def identities(self) -> list[Identity]:
        groups: dict[str, list[str]] = {}
        for key in self.records:
            groups.setdefault(self.find(key), []).append(key)
        people = []
        for members in groups.values():
            # the node a person takes: the key most articles write, so that it moves as little as it can
            key = min(members, key=lambda k: (-len(self.records[k].articles), not self.records[k].holds_posts, k))
            member_set = set(members)
            reasons = [reason for reason in self.reasons if reason[0] in member_set]
            people.append(Identity(key, members, reasons))
        return sorted(people, key=lambda person: person.key)


def _above(lower: KeyRecord, upper: KeyRecord) -> tuple[str, str] | None:
    """A division of `lower`'s posts and the one above it (or its province) where `upper` holds a post."""
    for seat in sorted(lower.seats - upper.seats):
        if upper.seats & lower.places:
            return seat, min(upper.seats & lower.places)
        if not upper.seats and upper.provinces & lower.provinces:
            return seat, min(upper.provinces & lower.provinces)
    return None


def _holds_in(record: KeyRecord, page: KeyRecord) -> bool:
    """True when a key holds a post where `page`'s key was written: in its city or county, or for a province's
    own body, in its province."""
    return bool(record.places & page.page_places) if record.places else bool(record.provinces & page.page_provinces)


def _index(keys: list[str], records: dict[str, KeyRecord], field: str) -> dict[str, list[str]]:
    """Each value of a set-valued field of the keys' records, and the keys that have it, in key order."""
    index: dict[str, list[str]] = {}
    for key in keys:
        for value in sorted(getattr(records[key], field)):
            index.setdefault(value, []).append(key)
    return index


def _questions(people: list[Identity], records: dict[str, KeyRecord]) -> list[Question]:
    """Each person of the name asked about against its first, as many questions as people, not their square."""
    questions = []
    for first, other in zip(people[:1] * (len(people) - 1), people[1:]):
        a = [records[key] for key in first.members]
        b = [records[key] for key in other.members]
        provinces = set().union(*(r.provinces | r.page_provinces for r in a)) & set().union(
            *(r.provinces | r.page_provinces for r in b)
        )
        bodies = "；".join(
            sorted({body for r in a for body in r.bodies} or {"未注明"})[:1]
            + sorted({body for r in b for body in r.bodies} or {"未注明"})[:1]
        )
        if provinces:
            strength, reason = 2, f"同名“{first.key.partition('@')[0]}”，同在{min(provinces)}，所属机构不同：{bodies}"
        else:
            strength, reason = 1, f"同名“{first.key.partition('@')[0]}”，所属机构不同：{bodies}"
        questions.append(Question(first.key, other.key, strength, reason))
    return questions
