"""The facts one article yields: plain dataclasses, each with the evidence it came from."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from kg.ingest import Article


@dataclass(frozen=True)
class Evidence:
    """The sentence a fact came from: article.text[start:end] == sentence."""

    article_id: str
    sentence: str
    start: int
    end: int


@dataclass(frozen=True)
class PersonFact:
    name: str
    evidence: Evidence
    role: str = "mentioned"  # official, interviewee, reporter, speaker, mentioned
    office: str | None = None  # a state office written beside the name, which only one person holds (总书记)


@dataclass(frozen=True)
class PostFact:
    person: str
    title: str
    org: str  # as the text gives it, after the conventions of GUIDELINES.md, before resolution
    evidence: Evidence
    written: bool = True  # the page writes the body, not only its head's title (市长 → 市人民政府)


@dataclass(frozen=True)
class AppointmentFact:
    """A post given or taken away: 决定任命甲为……局长, 免去乙的……职务, 丙当选为……主任."""

    person: str
    title: str
    org: str  # as for PostFact
    action: str  # the verb as recorded: 任命, 免去, 当选, 辞去, 拟任 (kg/data/appointment_verbs.tsv)
    effect: str  # what it does to the term: start, end or proposal
    evidence: Evidence
    date: str | None = None  # the day it took effect: the sentence's own date, else the article's


@dataclass(frozen=True)
class BylineFact:
    person: str
    role: str
    evidence: Evidence


@dataclass(frozen=True)
class InterviewFact:
    person: str
    evidence: Evidence


@dataclass(frozen=True)
class Investment:
    """Money put into a project or a set of them, in yuan: the total, this year's share, and whether the text
    qualified the amount (超过, 近, 约, 200多个…)."""

    total: Decimal | None = None
    annual: Decimal | None = None
    approximate: bool = False


@dataclass(frozen=True)
class ProjectFact:
    name: str
    evidence: Evidence
    investment: Investment = Investment()
    location: str | None = None
    location_stated: bool = False  # the project's sentence names its place; else worked out from the article


@dataclass(frozen=True)
class PortfolioFact:
    label: str
    count: int
    scope: str
    evidence: Evidence
    investment: Investment = Investment()


@dataclass(frozen=True)
class CampaignFact:
    name: str
    kind: str
    evidence: Evidence
    promoters: tuple[str, ...] = ()  # bodies the sentence says run or push it (市委开展X活动), as written


@dataclass(frozen=True)
class MeetingFact:
    name: str
    evidence: Evidence
    date: str | None = None


@dataclass(frozen=True)
class ReceptionFact:
    """A meeting of a host with a guest (会见, 座谈, 看望): the guest a person, the body they come from, or both."""

    host: str
    guest: str | None
    guest_org: str | None  # as written, before resolution
    action: str  # the verb as written
    evidence: Evidence
    date: str | None = None


@dataclass(frozen=True)
class VisitFact:
    """An official's visit to the sites a clause names (来到, 深入, 到……调研): places, bodies, works."""

    person: str
    sites: tuple[str, ...]  # as written
    action: str  # the verb as written
    evidence: Evidence
    date: str | None = None


@dataclass(frozen=True)
class AgencyFact:
    """A public body the article names, with or without a person (as written, before resolution)."""

    name: str
    evidence: Evidence


@dataclass
class ArticleFacts:
    """Everything extracted from one article."""

    article: Article
    people: list[PersonFact] = field(default_factory=list)
    posts: list[PostFact] = field(default_factory=list)
    appointments: list[AppointmentFact] = field(default_factory=list)
    bylines: list[BylineFact] = field(default_factory=list)
    interviews: list[InterviewFact] = field(default_factory=list)
    projects: list[ProjectFact] = field(default_factory=list)
    portfolios: list[PortfolioFact] = field(default_factory=list)
    campaigns: list[CampaignFact] = field(default_factory=list)
    meetings: list[MeetingFact] = field(default_factory=list)
    receptions: list[ReceptionFact] = field(default_factory=list)
    visits: list[VisitFact] = field(default_factory=list)
    agencies: list[AgencyFact] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        """How many facts of each type, for the build summary."""
        return {name: len(getattr(self, name)) for name in FACT_TYPES}


FACT_TYPES = (
    "people",
    "posts",
    "appointments",
    "bylines",
    "interviews",
    "projects",
    "portfolios",
    "campaigns",
    "meetings",
    "receptions",
    "visits",
    "agencies",
)
