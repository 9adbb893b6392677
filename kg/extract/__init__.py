"""Stage 3, extract: a processed Doc to the facts of its article, each with its evidence."""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.tokens import Doc

from kg.extract.agencies import AgencyFinder
from kg.extract.careers import CareerFinder
from kg.extract.facts import (
    FACT_TYPES,
    AgencyFact,
    AppointmentFact,
    ArticleFacts,
    BylineFact,
    CampaignFact,
    Evidence,
    InterviewFact,
    Investment,
    MeetingFact,
    PersonFact,
    PortfolioFact,
    PostFact,
    ProjectFact,
    ReceptionFact,
    VisitFact,
)
from kg.extract.named import NamedPerson, named_people
from kg.extract.posts import ChainPosts
from kg.extract.receptions import ReceptionFinder
from kg.extract.visits import VisitFinder
from kg.ingest import Article
from kg.lexicon import Division, Lexicon, alternation
from kg.nlp import Mention, mentions, tokens
from kg.nlp.dates import resolve_after, resolve_date
from kg.nlp.orgnames import OrgNames
from kg.nlp.tokens import sentence_spans, span_around
from kg.patterns import CAPTION_SPACES, HAN

__all__ = ["FACT_TYPES", "ArticleFacts", "Extractor"]

# how far before a title chain a mark of its interview may start (专访了, and spaces)
_LONGEST_MARK = 8
# what a person found outside a title chain or byline is to the article, by how they were found
_PERSON_ROLES = {"speaker": "speaker", "name": "mentioned"}
_COLONS = (":", "：")
# a Q&A: the reporter asks in lines of their own (a question, not a byline's 记者：甲), the one interviewed
# answers in lines that open with a name
_REPORTER_ASKS = re.compile(r"^[ \t\u3000]*记者[:：][^\n]*[？?]", re.MULTILINE)
_ANSWER = re.compile(rf"(?:^|(?<=[。！？!?]))[ \t\u3000]*(?P<name>[{HAN}]{{2,4}})[:：]", re.MULTILINE)
_INTERVIEW_LEAD_CHARS = 300
# a meeting named the same way by a longer name of the article is that one, from this length on
_SHORTEST_SHARED_NAME = 6
# a dateline's date (07月29日讯) dates the report, not the event
_DATELINE_ENDS = ("讯", "电")
_JOINERS = re.compile("[、和与及]")
# a portfolio whose place is not named is the page's city's
_HOME_SCOPE = "市"
# what a division's name opens and is no longer than this is the division's own facility (马山县|体育馆)
_BARE_FACILITY = 3
# 由市科技局牵头实施X: the body after 由 runs the campaign
_BY = "由"


class _Sentences:
    """Finds the sentence around a character offset, for evidence."""

    def __init__(self, article: Article, doc: Doc):
        self.article = article
        self.spans = doc.user_data.get("kg_sentences") or sentence_spans(article.text)
        self.starts = [start for start, _ in self.spans]

    def evidence(self, offset: int) -> Evidence:
        start, end = span_around(self.spans, self.starts, offset)
        return Evidence(self.article.id, self.article.text[start:end], start, end)

    def same_sentence(self, a: int, b: int) -> bool:
        return self.evidence(a).start == self.evidence(b).start


class Extractor:
    """The facts of articles from the mentions the pipeline found, by the rules of a lexicon.

    >>> from kg.nlp import build_nlp
    >>> nlp = build_nlp()
    >>> article = Article("a1", "p.txt", None, "郑州市科技局党组书记、局长夏扬表示。")
    >>> [(p.person, p.title, p.org) for p in Extractor(nlp.tokenizer.lexicon).facts(article, nlp(article.text)).posts]
    [('夏扬', '党组书记', '郑州市科技局'), ('夏扬', '局长', '郑州市科技局')]
    """

    def __init__(self, lexicon: Lexicon):
        self.lexicon = lexicon
        self.org_names = OrgNames(lexicon)
        self.chain_posts = ChainPosts(lexicon, self.org_names)
        # a state office right after a name (江主席, X总书记), or a body of thought named after the person
        # (X理论): one person is meant, whatever the page
        self._office_after = re.compile(alternation(lexicon.cue_words("leader", "doctrine")))
        self._triggers = re.compile(alternation(lexicon.words("campaign_triggers")))
        # words between a body and the verb that launches its campaign: 市委深入开展, 市科技局牵头实施
        self._promoter_adverbs = re.compile(f"(?:{alternation(lexicon.words('promoter_adverbs'))})+$")
        self.find_receptions = ReceptionFinder(lexicon)
        self.find_careers = CareerFinder(lexicon, self.chain_posts)
        self.find_visits = VisitFinder(lexicon)
        self.find_agencies = AgencyFinder(lexicon, self.org_names)
        marks = lexicon.table("interview_marks")
        before_name = {kind: [w for w, k in marks.rows if k == kind] for kind in ("yes", "no", "given")}
        self._interview_marks = tuple(before_name["yes"] + before_name["no"])
        # a mark right before the interviewee's title chain, spaces between allowed: 专访黑河市委副书记、市长甲
        self._interviewee_after = re.compile(f"(?:{alternation(before_name['yes'])})[ \\t\\u3000]*$")
        # an official who gives the interview the clause after their name names: 甲接受某台记者专访
        given = alternation(before_name["yes"] + before_name["given"])
        self._gives_interview = re.compile(f"[^，,。；;]{{0,3}}接受[^，,。；;]{{0,30}}(?:{given})")

    def facts(self, article: Article, doc: Doc) -> ArticleFacts:
        """Turn the mentions the pipeline found in `doc` into facts.

        article: the article that `doc` is the processed text of.
        doc: the Doc the govkg pipeline returned for article.text.
        Returns the article's facts; the same article always gives the same facts.
        """
        sentences = _Sentences(article, doc)
        facts = ArticleFacts(article)
        dates = mentions(doc, "DATE")
        self._people_and_posts(facts, doc, sentences, dates)
        named = named_people(doc)
        self._careers(facts, named, sentences)
        boundaries = tokens.boundaries(doc)
        facts.agencies = [
            AgencyFact(name, sentences.evidence(end - 1)) for name, end in self.find_agencies(article.text, boundaries)
        ]
        self._receptions(facts, named, sentences, dates)
        self._visits(facts, named, sentences, dates)
        self._projects(facts, doc, sentences)
        facts.campaigns = [
            CampaignFact(
                m.attrs["name"],
                m.attrs["kind"],
                evidence := sentences.evidence(m.start),
                self._promoters(article.text, evidence.start, m.start),
            )
            for m in mentions(doc, "CAMPAIGN")
        ]
        meetings = mentions(doc, "MEETING")
        names = {m.attrs["name"] for m in meetings}
        facts.meetings = [
            MeetingFact(
                self._fullest(m.attrs["name"], names),
                sentences.evidence(m.start),
                _sentence_date(m, dates, article, sentences),
            )
            for m in meetings
        ]
        return facts

    def page_facts(self, articles: list[Article], docs: Iterable[Doc]) -> list[ArticleFacts]:
        """The facts of each article of one page, and what only the page says: a page whose articles mark
        it as an interview (书记访谈, 专访) interviews the official a heading names ("鱼峰区委书记蔡林：").

        articles: the articles of one page; docs: the Doc of each article's text, in the same order.
        """
        page_facts = [self.facts(article, doc) for article, doc in zip(articles, docs)]
        marks = self._interview_marks
        if any(mark in facts.article.text[:_INTERVIEW_LEAD_CHARS] for facts in page_facts for mark in marks) or any(
            _REPORTER_ASKS.search(facts.article.text) for facts in page_facts
        ):
            officials = {post.person: post.evidence for facts in reversed(page_facts) for post in reversed(facts.posts)}
            for facts in page_facts:
                self._answering(facts, officials)
        return page_facts

    def _answering(self, facts: ArticleFacts, officials: dict[str, Evidence]) -> None:
        """On an interview page, the officials who answer: a heading that ends on an official's title chain and
        a colon ("鱼峰区委书记蔡林："), a guest's caption line spacing body, title and name, or a line of the Q&A
        that opens with the name of an official the page names with a post ("甲：……", officials: each to the
        sentence of their first post)."""
        interviewed = {interview.person for interview in facts.interviews}
        for post in facts.posts:
            heading = post.evidence.sentence.rstrip()
            # a heading "鱼峰区委书记蔡林：", or a guest's caption line "某厅 一级巡视员 某某"
            answers = heading.endswith(_COLONS) and heading[:-1].endswith(post.person)
            caption = heading.endswith(post.person) and heading[: -len(post.person)].endswith(tuple(CAPTION_SPACES))
            if (answers or caption) and post.person not in interviewed:
                facts.interviews.append(InterviewFact(post.person, post.evidence))
                interviewed.add(post.person)
        for answer in _ANSWER.finditer(facts.article.text):
            name = answer.group("name")
            if name in officials and name not in interviewed:
                facts.interviews.append(InterviewFact(name, officials[name]))
                interviewed.add(name)

    def _people_and_posts(self, facts: ArticleFacts, doc: Doc, sentences: _Sentences, dates: list[Mention]) -> None:
        text = facts.article.text
        # the body the last chain of the sentence ended in, which a chain of bare titles after it shares
        last_org: tuple[int, str] | None = None
        for chain in mentions(doc, "POST_CHAIN"):
            name, evidence = chain.attrs["name"], sentences.evidence(chain.start)
            segments = chain.attrs["segments"]
            # a bare title after a chain shares its body, but a state office after its holder's name names one
            # person (习近平总书记; 副主席甲、乙 shares it)
            title = segments[-1][1]
            state_office = chain.attrs["name_end"] == chain.end - len(title) and self._office_after.fullmatch(title)
            shares = last_org and last_org[0] == evidence.start and not segments[0][0] and not state_office
            inherited = last_org[1] if shares else None
            posts = self.chain_posts(segments, inherited)
            if posts:
                last_org = (evidence.start, posts[-1][0])
            facts.posts += [
                PostFact(name, title, org, evidence, self._written(org, title, text)) for org, title in posts
            ]
            if posts and (event := self._appointment_verb(chain.attrs.get("verbs"))):
                action, effect = event
                date = _sentence_date(chain, dates, facts.article, sentences) or facts.article.date
                facts.appointments += [
                    AppointmentFact(name, title, org, action, effect, evidence, date) for org, title in posts
                ]
            if self._interviewee_after.search(
                text, max(0, chain.start - _LONGEST_MARK), chain.start
            ) or self._gives_interview.match(text, chain.end, evidence.end):
                facts.interviews.append(InterviewFact(name, evidence))
                facts.people.append(PersonFact(name, evidence, "interviewee"))
            else:
                office = None if posts or segments[0][0] else self._office_after.fullmatch(segments[-1][1])
                facts.people.append(
                    PersonFact(name, evidence, "official" if posts else "mentioned", office and office.group())
                )
        facts.appointments = _one_act_each(facts.appointments, facts.article.date)
        for byline in mentions(doc, "BYLINE"):
            evidence = sentences.evidence(byline.start)
            facts.bylines.append(BylineFact(byline.text, byline.attrs["role"], evidence))
            facts.people.append(PersonFact(byline.text, evidence, "reporter"))
        # a bare surname (江主席) names nobody the graph could tell apart
        facts.people += [
            PersonFact(
                m.text,
                sentences.evidence(m.start),
                _PERSON_ROLES[m.attrs["source"]],
                (office := self._office_after.match(text, m.end)) and office.group(),
            )
            for m in mentions(doc, "PERSON")
            if len(m.text) > 1
        ]

    def _visits(
        self, facts: ArticleFacts, named: list[NamedPerson], sentences: _Sentences, dates: list[Mention]
    ) -> None:
        for found in self.find_visits(facts.article.text, named, sentences.spans):
            day = _verb_date(found.verb_start, found.action, dates, facts.article, sentences)
            facts.visits.append(
                VisitFact(
                    found.person,
                    found.sites,
                    found.action,
                    sentences.evidence(found.verb_start),
                    day or facts.article.date,
                )
            )

    def _written(self, org: str, title: str, text: str) -> bool:
        """False for a government only its head's title names (副市长 → 市人民政府), which the page does not write."""
        return self.lexicon.title_kind(title) != "gov_head" or org in text

    def _careers(self, facts: ArticleFacts, named: list[NamedPerson], sentences: _Sentences) -> None:
        """The posts of career lists (先后任A副书记、书记，B镇长), each once beside those the title chains gave."""
        stated = {(post.person, post.title, post.org) for post in facts.posts}
        for found in self.find_careers(facts.article.text, named, sentences.spans):
            if (found.person, found.title, found.org) not in stated:
                stated.add((found.person, found.title, found.org))
                written = self._written(found.org, found.title, facts.article.text)
                evidence = sentences.evidence(found.verb_start)
                facts.posts.append(PostFact(found.person, found.title, found.org, evidence, written))

    def _receptions(
        self, facts: ArticleFacts, named: list[NamedPerson], sentences: _Sentences, dates: list[Mention]
    ) -> None:
        text = facts.article.text
        # a headline and its report state one reception twice: the one whose sentence gives its day is kept
        kept: dict[tuple, ReceptionFact] = {}
        for found in self.find_receptions(text, named, sentences.spans):
            day = _verb_date(found.verb_start, found.action, dates, facts.article, sentences)
            said = (found.host, found.guest or found.guest_org)
            if said not in kept or (day and kept[said].date == facts.article.date):
                kept[said] = ReceptionFact(
                    found.host,
                    found.guest,
                    found.guest_org,
                    found.action,
                    sentences.evidence(found.verb_start),
                    day or facts.article.date,
                )
        # a host who meets a named guest and a party named alone (甲会见乙一行 in the headline, 甲会见了督查组一行
        # in the report) meets one party: the named guest's reception stands for both
        named_guests = {reception.host for reception in kept.values() if reception.guest}
        facts.receptions = [r for r in kept.values() if r.guest or r.host not in named_guests]

    def _appointment_verb(self, verbs: tuple[str, str] | None) -> tuple[str, str] | None:
        """The action and effect of the verbs that give a post (任命……为, 免去……的, 当选为), or None for a post
        only stated (是, 为). The verb before the names says more than the one after them."""
        if not verbs:
            return None
        table = self.lexicon.appointment_verbs
        return next((table[verb] for verb in verbs if verb in table), None)

    def _projects(self, facts: ArticleFacts, doc: Doc, sentences: _Sentences) -> None:
        lexicon = self.lexicon
        projects, portfolios = mentions(doc, "PROJECT"), mentions(doc, "PORTFOLIO")
        places = lexicon.division_mentions(facts.article.text) if projects or portfolios else []
        for project in projects:
            name, location = project.attrs["name"], None
            evidence = sentences.evidence(project.start)
            alias = lexicon.division_prefix(name)
            if alias and len(name) - len(alias) >= 3:
                location, stated = lexicon.division_by_alias[alias].name, True
                # a division written in full places the project (登封市X) and leaves its name, unless the rest is
                # the bare word of a facility (马山县体育馆: the county's); a bare 郑州 or 河南 stays in its name
                if lexicon.is_organisation(alias) and len(name) - len(alias) > _BARE_FACILITY:
                    name = name[len(alias) :]
            else:
                # the last place named before it: stated when its own sentence names it
                location, named_at = _scope(places, project.start)
                stated = named_at is not None and named_at >= evidence.start
            facts.projects.append(
                ProjectFact(name, evidence, _investment(project), location=location, location_stated=stated)
            )
        for portfolio in portfolios:
            facts.portfolios.append(
                PortfolioFact(
                    portfolio.attrs["label"],
                    portfolio.attrs["count"],
                    _scope(places, portfolio.start)[0] or _HOME_SCOPE,
                    sentences.evidence(portfolio.start),
                    _investment(portfolio, portfolio.attrs["approximate"]),
                )
            )

    def _promoters(self, text: str, sentence_start: int, campaign_start: int) -> tuple[str, ...]:
        """The bodies a sentence says run or push the campaign: "市委市政府深入开展X活动", "由市科技局牵头实施X".

        text: the article; sentence_start: where the campaign's sentence starts; campaign_start: where its name does.
        """
        clause_start = (
            max([text.rfind(c, sentence_start, campaign_start) for c in "，,；;：:"] + [sentence_start - 1]) + 1
        )
        verbs = list(self._triggers.finditer(text, clause_start, campaign_start))
        if not verbs:
            return ()
        verb = verbs[-1]  # the nearest to the campaign
        subject = self.org_names.trim_left(
            self._promoter_adverbs.sub("", text[clause_start : verb.start()]).removeprefix(_BY)
        )
        bodies = [part for part in _JOINERS.split(subject) if self.lexicon.is_organisation(part)]
        return tuple(bodies) if bodies and "".join(bodies) == _JOINERS.sub("", subject) else ()

    def _fullest(self, name: str, names: set[str]) -> str:
        """The fullest name the article gives a meeting: 九届五次常委会会议 after 市政协召开 is the
        市政协九届五次常委会会议 of the headline."""
        longer = [
            other
            for other in names
            if other.endswith(name) and other != name and self.lexicon.is_organisation(other[: -len(name)])
        ]
        return max(longer, key=len) if len(name) >= _SHORTEST_SHARED_NAME and longer else name


def _investment(mention: Mention, approximate: bool = False) -> Investment:
    """The amounts a project or portfolio mention carries (MONEY mentions as its `total` and `annual`)."""
    total, annual = mention.attrs["total"], mention.attrs["annual"]
    return Investment(
        total.attrs["value"] if total else None,
        annual.attrs["value"] if annual else None,
        approximate or any(amount.attrs["approximate"] for amount in (total, annual) if amount),
    )


def _scope(places: list[tuple[int, int, Division]], offset: int) -> tuple[str | None, int | None]:
    """The division a project or aggregate belongs to: the last one named before it (of `places`, the divisions
    the article names), with where it is named; (None, None) when none is."""
    named = [(start, division) for start, _, division in places if start < offset and len(division.name) > 1]
    return (named[-1][1].name, named[-1][0]) if named else (None, None)


def _verb_date(start: int, verb: str, dates: list[Mention], article: Article, sentences: _Sentences) -> str | None:
    """The date the sentence of an event named by its verb at `start` (会见, 来到) gives, as _sentence_date."""
    return _sentence_date(Mention("EVENT", start, start + len(verb), verb), dates, article, sentences)


def _one_act_each(appointments: list[AppointmentFact], page_date: str | None) -> list[AppointmentFact]:
    """One appointment per person, title and effect: a headline and its report state one act twice (决定甲为某市
    人民政府代理市长; 甲当选中共某市委书记, 选举甲为市委书记), and the one whose sentence gives its day stands."""
    kept: dict[tuple, AppointmentFact] = {}
    for appointment in appointments:
        key = (appointment.person, appointment.title, appointment.effect)
        if key not in kept or (kept[key].date == page_date and appointment.date != page_date):
            kept[key] = appointment
    return list(kept.values())


def _sentence_date(event: Mention, dates: list[Mention], article: Article, sentences: _Sentences) -> str | None:
    """The date the sentence of an event (a meeting, an appointment) gives, nearest to it on either side;
    a dateline's date (07月29日讯) dates the report, not the event."""

    def distance(date: Mention) -> int:
        return event.start - date.end if date.end <= event.start else date.start - event.end

    text = article.text
    near = [
        d
        for d in dates
        if sentences.same_sentence(d.start, event.start)
        and not (event.start <= d.start < event.end)
        and not text.startswith(_DATELINE_ENDS, d.end)
    ]
    for date in sorted(near, key=distance):
        if date.attrs.get("anaphoric"):
            earlier = (d for d in reversed(dates) if d.end <= date.start and not d.attrs.get("anaphoric"))
            last_day = next(filter(None, (resolve_date(d.attrs, article.date, article.year) for d in earlier)), None)
            if iso := resolve_after(date.attrs, last_day):
                return iso
        elif iso := resolve_date(date.attrs, article.date, article.year):
            return iso
    return None
