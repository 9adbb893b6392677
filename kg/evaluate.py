"""Score a graph against a gold file, per fact type, as docs/eval.md says (the gold format and what matches)."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

import zhconv
from rdflib import Graph

from kg.extract.facts import FACT_TYPES as EXTRACTED_TYPES
from kg.lexicon import Lexicon
from kg.rdf.vocab import PREFIXES, name_key, source_iri

# every fact type the extractor gives; appointments are scored only against a gold file that lists them
FACT_TYPES = EXTRACTED_TYPES
_LISTED_ONLY = ("appointments", "receptions", "visits", "agencies")


@dataclass
class Score:
    """Counts for one fact type and the measures derived from them."""

    gold: int = 0
    predicted: int = 0
    matched: int = 0
    # (file, fact) of each gold fact not found and each predicted fact not in the gold, for `kg eval --errors`
    missed: list[tuple[str, str]] = field(default_factory=list)
    false: list[tuple[str, str]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _project_key(name: str) -> str:
    return re.sub("项目$", "", name_key(name))


# the scorer reads the package's campaign kinds, as the guidelines list them, longest first
_CAMPAIGN_KINDS = tuple(sorted(Lexicon().campaign_kinds, key=len, reverse=True))


def _campaign_key(name: str) -> str:
    key = name_key(name)
    for kind in _CAMPAIGN_KINDS:
        if key.endswith(kind) and len(key) > len(kind):
            return key[: -len(kind)]
    return key


def _close(a, b) -> bool:
    if a is None or b is None:
        return False
    a, b = Decimal(str(a)), Decimal(str(b))
    return abs(a - b) <= Decimal("0.005") * max(abs(b), Decimal(1))


def _query(graph: Graph, text: str, file_name: str) -> list:
    return list(graph.query(text, initNs=PREFIXES, initBindings={"source": source_iri(file_name)}))


def predicted_facts(graph: Graph, file_name: str) -> dict[str, list]:
    """The facts the graph holds for one source file, in the shapes the scorer compares."""
    article = "?article prov:wasDerivedFrom ?source ."
    posts = defaultdict(set)
    for membership, person, title, label in _query(
        graph,
        f"""SELECT ?m ?name ?title ?label WHERE {{ {article}
            ?m a org:Membership ; prov:wasDerivedFrom ?article ; org:member/foaf:name ?name ;
               org:role/rdfs:label ?title ; org:organization ?org .
            {{ ?org skos:prefLabel ?label }} UNION {{ ?org skos:altLabel ?label }} }}""",
        file_name,
    ):
        posts[(membership, str(person), str(title))].add(name_key(str(label)))
    facts: dict[str, list] = {"posts": [(p, t, labels) for (_, p, t), labels in posts.items()]}
    appointments = defaultdict(set)
    for node, person, title, effect, label in _query(
        graph,
        f"""SELECT ?a ?name ?title ?effect ?label WHERE {{ {article}
            ?a a kg:Appointment ; prov:wasDerivedFrom ?article ; kg:appointee/foaf:name ?name ;
               org:role/rdfs:label ?title ; kg:termEffect ?effect ; org:organization ?org .
            {{ ?org skos:prefLabel ?label }} UNION {{ ?org skos:altLabel ?label }} }}""",
        file_name,
    ):
        appointments[(node, str(person), str(title), str(effect))].add(name_key(str(label)))
    facts["appointments"] = [(p, t, labels, e) for (_, p, t, e), labels in appointments.items()]
    facts["people"] = sorted(
        {
            (str(n), str(p))
            for p, n in _query(
                graph,
                f"""SELECT ?p ?name WHERE {{ {article}
            ?article kg:mentions ?p . ?p a foaf:Person ; foaf:name ?name }}""",
                file_name,
            )
        }
    )
    for fact_type, path in (("interviews", "kg:interviewee/foaf:name"), ("bylines", "schema:author/foaf:name")):
        facts[fact_type] = sorted(
            {str(n) for (n,) in _query(graph, f"SELECT ?name WHERE {{ {article} ?article {path} ?name }}", file_name)}
        )
    projects = {}
    for _node, label, total, annual in _query(
        graph,
        f"""SELECT ?p ?label ?total ?annual WHERE {{ {article}
            ?article kg:mentions ?p . ?p a kg:Project ; rdfs:label ?label .
            OPTIONAL {{ ?p kg:totalInvestment ?total }} OPTIONAL {{ ?p kg:annualInvestment ?annual }} }}""",
        file_name,
    ):
        projects[_project_key(str(label))] = (total and total.toPython(), annual and annual.toPython())
    facts["projects"] = list(projects.items())
    facts["portfolios"] = sorted(
        {
            (int(c), t and t.toPython(), a and a.toPython())
            for c, t, a in _query(
                graph,
                f"""
            SELECT ?count ?total ?annual WHERE {{ {article} ?article kg:mentions ?p . ?p a kg:ProjectPortfolio ;
            kg:projectCount ?count . OPTIONAL {{ ?p kg:totalInvestment ?total }}
            OPTIONAL {{ ?p kg:annualInvestment ?annual }} }}""",
                file_name,
            )
        },
        key=str,
    )
    facts["campaigns"] = sorted(
        {
            _campaign_key(str(n))
            for (n,) in _query(
                graph,
                f"""SELECT ?label WHERE {{ {article}
            ?article kg:mentions ?c . ?c a kg:Campaign ; rdfs:label ?label }}""",
                file_name,
            )
        }
    )
    meetings = defaultdict(set)
    for label, date in _query(
        graph,
        f"""SELECT ?label ?date WHERE {{ {article} ?article kg:mentions ?m .
            ?m a kg:Meeting ; rdfs:label ?label . OPTIONAL {{ ?m schema:startDate ?date }} }}""",
        file_name,
    ):
        meetings[name_key(str(label))].add(str(date) if date else None)
    facts["meetings"] = list(meetings.items())
    receptions: dict[str, list] = {}
    for node, host, guest, label, date in _query(
        graph,
        f"""SELECT ?r ?host ?guest ?label ?date WHERE {{ {article}
            ?r a kg:Reception ; prov:wasDerivedFrom ?article ; kg:host/foaf:name ?host .
            OPTIONAL {{ ?r kg:guest/foaf:name ?guest }}
            OPTIONAL {{ ?r kg:guest ?o . {{ ?o skos:prefLabel ?label }} UNION {{ ?o skos:altLabel ?label }} }}
            OPTIONAL {{ ?r schema:startDate ?date }} }}""",
        file_name,
    ):
        found = receptions.setdefault(str(node), [str(host), set(), set(), str(date) if date else None])
        found[1].update([str(guest)] if guest else [])
        found[2].update([name_key(str(label))] if label else [])
    facts["receptions"] = [tuple(found) for found in receptions.values()]
    agencies = defaultdict(set)
    for node, label in _query(
        graph,
        f"""SELECT ?o ?label WHERE {{ {article} ?article kg:mentions ?o .
            {{ ?o a kg:PartyCommittee }} UNION {{ ?o a kg:GovernmentBody }}
            {{ ?o skos:prefLabel ?label }} UNION {{ ?o skos:altLabel ?label }} }}""",
        file_name,
    ):
        agencies[str(node)].add(name_key(str(label)))
    facts["agencies"] = list(agencies.values())
    # one visited node of one visitor is one fact, whatever the spellings of its labels
    visits = defaultdict(set)
    for person, site, label in _query(
        graph,
        f"""SELECT DISTINCT ?person ?s ?label WHERE {{ {article}
            ?v a kg:Visit ; prov:wasDerivedFrom ?article ; kg:visitor/foaf:name ?person ; kg:site ?s .
            ?s rdfs:label|skos:prefLabel|skos:altLabel ?label }}""",
        file_name,
    ):
        visits[(str(person), str(site))].add(name_key(str(label)))
    facts["visits"] = [(person, frozenset(labels)) for (person, _), labels in sorted(visits.items())]
    return facts


def evaluate(graph: Graph, gold: dict) -> dict:
    """Precision, recall and F1 per fact type over every file of the gold.

    graph: the workspace's union graph; gold: the parsed gold JSON.
    Returns {"scores": {type: Score}, "amounts": (right, of), "meeting_dates": (right, of),
             "people_merged": n, "people_split": n}.
    """
    listed = {fact_type for document in gold["documents"].values() for fact_type in document}
    scores = {t: Score() for t in FACT_TYPES if t not in _LISTED_ONLY or t in listed}
    amounts, dates = [0, 0], [0, 0]
    nodes_of_key: dict[str, set] = defaultdict(set)
    keys_of_node: dict[str, set] = defaultdict(set)
    effects, reception_dates = [0, 0], [0, 0]
    for file_name, gold_doc in gold["documents"].items():
        gold_doc = simplified(gold_doc)
        predicted = simplified(predicted_facts(graph, file_name))
        _score_posts(scores["posts"], file_name, gold_doc.get("posts", []), predicted["posts"])
        if "agencies" in scores:
            _score_agencies(scores["agencies"], file_name, gold_doc.get("agencies", []), predicted["agencies"])
        if "visits" in scores:
            _score_visits(scores["visits"], file_name, gold_doc.get("visits", []), predicted["visits"])
        if "receptions" in scores:
            _score_receptions(
                scores["receptions"],
                file_name,
                gold_doc.get("receptions", []),
                predicted["receptions"],
                reception_dates,
            )
        if "appointments" in scores:
            _score_posts(
                scores["appointments"], file_name, gold_doc.get("appointments", []), predicted["appointments"], effects
            )
        _score_people(
            scores["people"], file_name, gold_doc.get("people", []), predicted["people"], nodes_of_key, keys_of_node
        )
        _score_names(
            scores["interviews"],
            file_name,
            [g["interviewee"] for g in gold_doc.get("interviews", [])],
            predicted["interviews"],
        )
        _score_names(
            scores["bylines"], file_name, [g["person"] for g in gold_doc.get("bylines", [])], predicted["bylines"]
        )
        _score_projects(
            scores["projects"], file_name, gold_doc.get("projects", []), dict(predicted["projects"]), amounts
        )
        _score_portfolios(scores["portfolios"], file_name, gold_doc.get("portfolios", []), predicted["portfolios"])
        _score_names(
            scores["campaigns"],
            file_name,
            [_campaign_key(g["name"]) for g in gold_doc.get("campaigns", [])],
            predicted["campaigns"],
            key=lambda name: name,
        )
        _score_meetings(scores["meetings"], file_name, gold_doc.get("meetings", []), dict(predicted["meetings"]), dates)
    split = sum(len(nodes) - 1 for nodes in nodes_of_key.values() if len(nodes) > 1)
    merged = sum(len(keys) - 1 for keys in keys_of_node.values() if len(keys) > 1)
    scores["people"].matched -= split + merged
    scores["people"].false += [("", f"one node for {sorted(keys)}") for keys in keys_of_node.values() if len(keys) > 1]
    return {
        "scores": scores,
        "amounts": tuple(amounts),
        "meeting_dates": tuple(dates),
        "appointment_effects": tuple(effects),
        "reception_dates": tuple(reception_dates),
        "people_merged": merged,
        "people_split": split,
    }


_SENTENCE = re.compile(r"[^。！？!?\n]*[。！？!?]?")
# what names a fact in an --errors line: the person of a post ("甲 | 局长 | 某局"), a project or meeting
# before its amounts or date ("某项目: amounts …"), the label of a portfolio ("6 特色农业项目 total …")
_FACT_NAME = re.compile(r"^(?:\d+ )?(?P<name>[^|:]+?)(?: \||:| total|$)")


def error_sentences(graph: Graph, scores: dict[str, Score]) -> dict[tuple[str, str], str]:
    """For each fact missed or found falsely, the first sentence of its file's articles that names it
    ("" when none does), so that `kg eval --errors` shows where the text says what was missed or misread."""
    texts: dict[str, list[str]] = {}
    found = {}
    for score in scores.values():
        for file_name, fact in score.missed + score.false:
            if not file_name:
                continue
            if file_name not in texts:
                texts[file_name] = [
                    str(text)
                    for (text,) in _query(
                        graph,
                        """SELECT ?text WHERE {
                    ?article prov:wasDerivedFrom ?source ; kg:articleText ?text }""",
                        file_name,
                    )
                ]
            match = _FACT_NAME.match(fact)
            name = match["name"].strip() if match else fact
            found[(file_name, fact)] = next(
                (
                    sentence.strip()
                    for text in texts[file_name]
                    if name in text
                    for sentence in _SENTENCE.findall(text)
                    if name in sentence
                ),
                "",
            )
    return found


def _score_names(score: Score, file_name: str, gold_names, predicted_names, key=name_key) -> None:
    gold_set, predicted_set = {key(n) for n in gold_names}, {key(n) for n in predicted_names}
    score.gold += len(gold_set)
    score.predicted += len(predicted_set)
    score.matched += len(gold_set & predicted_set)
    score.missed += [(file_name, name) for name in sorted(gold_set - predicted_set)]
    score.false += [(file_name, name) for name in sorted(predicted_set - gold_set)]


def _pair(score: Score, file_name: str, gold_facts, predicted, matches, gold_line, predicted_line) -> list[tuple]:
    """Pair each gold fact with the first predicted fact not yet paired that `matches` it, each used once;
    count them, and list the gold facts missed and the predicted ones left over (each written by
    `gold_line` and `predicted_line`, for `kg eval --errors`). Returns the (gold, predicted) pairs, for what
    a fact type scores apart (an appointment's effect, a reception's day)."""
    score.gold += len(gold_facts)
    score.predicted += len(predicted)
    unused = list(predicted)
    pairs = []
    for gold in gold_facts:
        candidate = next((candidate for candidate in unused if matches(gold, candidate)), None)
        if candidate is None:
            score.missed.append((file_name, gold_line(gold)))
            continue
        unused.remove(candidate)
        score.matched += 1
        pairs.append((gold, candidate))
    score.false += [(file_name, predicted_line(candidate)) for candidate in unused]
    return pairs


def _score_posts(score: Score, file_name: str, gold_posts, predicted_posts, effects: list | None = None) -> None:
    """Posts, or appointments (whose effect, the fourth of a predicted one, is counted in `effects`)."""

    def matches(post, candidate) -> bool:
        orgs = {name_key(post["org"])} | {name_key(a) for a in post.get("org_aliases", [])}
        return candidate[0] == post["person"] and candidate[1] == post["title"] and bool(candidate[2] & orgs)

    pairs = _pair(
        score,
        file_name,
        gold_posts,
        predicted_posts,
        matches,
        lambda post: f"{post['person']} | {post['title']} | {post['org']}",
        lambda fact: f"{fact[0]} | {fact[1]} | {'/'.join(sorted(fact[2]))}",
    )
    if effects is not None:
        effects[0] += sum(candidate[3] == post.get("effect") for post, candidate in pairs)
        effects[1] += len(pairs)


def _score_receptions(score: Score, file_name: str, gold_receptions, predicted, dates: list) -> None:
    """A reception matches on its host and its guest, or without a guest, on the body received."""

    def matches(gold, candidate) -> bool:
        host, guests, orgs, _ = candidate
        if gold.get("guest"):
            return host == gold["host"] and gold["guest"] in guests
        return host == gold["host"] and name_key(gold.get("guest_org") or "") in orgs

    pairs = _pair(
        score,
        file_name,
        gold_receptions,
        predicted,
        matches,
        lambda gold: f"{gold['host']} | {gold.get('guest')} | {gold.get('guest_org')}",
        lambda fact: f"{fact[0]} | {'/'.join(sorted(fact[1]))} | {'/'.join(sorted(fact[2]))}",
    )
    dated = [(gold, candidate) for gold, candidate in pairs if gold.get("date")]
    dates[0] += sum(candidate[3] == gold["date"] for gold, candidate in dated)
    dates[1] += len(dated)


def _score_agencies(score: Score, file_name: str, gold_agencies, predicted) -> None:
    """A public body matches on its name or one of its aliases against the labels of one body of the graph."""
    _pair(
        score,
        file_name,
        gold_agencies,
        predicted,
        lambda gold, labels: bool(labels & ({name_key(gold["name"])} | {name_key(a) for a in gold.get("aliases", [])})),
        lambda gold: gold["name"],
        lambda labels: "/".join(sorted(labels)),
    )


def _score_visits(score: Score, file_name: str, gold_visits, predicted) -> None:
    """A visit matches on its person and a visited node one of whose labels holds the gold target, or the
    reverse; targets a label equals are paired first, so that a short target takes no longer site's node."""

    def matches(gold, candidate) -> bool:
        person, labels = candidate
        target = name_key(gold["target"])
        return person == gold["person"] and any(target in label or label in target for label in labels)

    def exact_first(gold) -> bool:
        return not any(p == gold["person"] and name_key(gold["target"]) in labels for p, labels in predicted)

    _pair(
        score,
        file_name,
        sorted(gold_visits, key=exact_first),
        predicted,
        matches,
        lambda gold: f"{gold['person']} | {gold['target']}",
        lambda fact: f"{fact[0]} | {'/'.join(sorted(fact[1]))}",
    )


def simplified(value):
    """Every string in `value` (dicts, lists, tuples, sets of them) in simplified characters: the guidelines
    compare names in traditional and simplified characters as one.

    >>> simplified({"person": "張國華", "titles": ("縣長", 1)})
    {'person': '张国华', 'titles': ('县长', 1)}
    """
    if isinstance(value, str):
        return zhconv.convert(value, "zh-cn")
    if isinstance(value, dict):
        return {simplified(key): simplified(item) for key, item in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return type(value)(simplified(item) for item in value)
    return value


def _score_people(score, file_name: str, gold_people, predicted_people, nodes_of_key, keys_of_node) -> None:
    pairs = _pair(
        score,
        file_name,
        gold_people,
        predicted_people,
        lambda person, candidate: candidate[0] == person["name"],
        lambda person: person["name"],
        lambda candidate: candidate[0],
    )
    for person, (_, node) in pairs:
        nodes_of_key[person["key"]].add(node)
        keys_of_node[node].add(person["key"])


def _score_projects(score: Score, file_name: str, gold_projects, predicted: dict, amounts: list) -> None:
    score.gold += len(gold_projects)
    score.predicted += len(predicted)
    unused = dict(predicted)
    for project in gold_projects:
        names = [_project_key(project["name"])] + [_project_key(a) for a in project.get("aliases", [])]
        found = next((predicted[n] for n in names if n in predicted), None)
        if found is None:
            score.missed.append((file_name, project["name"]))
            continue
        score.matched += 1
        for name in names:
            unused.pop(name, None)
        gold_amounts = (project.get("total_investment_yuan"), project.get("annual_investment_yuan"))
        if any(a is not None for a in gold_amounts):
            amounts[1] += 1
            right = all(g is None or _close(p, g) for p, g in zip(found, gold_amounts))
            amounts[0] += right
            if not right:
                score.missed.append((file_name, f"{project['name']}: amounts {gold_amounts}, found {found}"))
    score.false += [(file_name, name) for name in unused]


def _score_portfolios(score: Score, file_name: str, gold_portfolios, predicted) -> None:
    def matches(portfolio, candidate) -> bool:
        count, total, annual = candidate
        return count == portfolio["count"] and (
            _close(total, portfolio.get("total_investment_yuan"))
            or _close(annual, portfolio.get("annual_investment_yuan"))
        )

    _pair(
        score,
        file_name,
        gold_portfolios,
        predicted,
        matches,
        lambda portfolio: (
            f"{portfolio['count']} {portfolio.get('label', '')} "
            f"total {portfolio.get('total_investment_yuan')} "
            f"annual {portfolio.get('annual_investment_yuan')}"
        ),
        lambda fact: f"{fact[0]} total {fact[1]} annual {fact[2]}",
    )


def _score_meetings(score: Score, file_name: str, gold_meetings, predicted: dict, dates: list) -> None:
    score.gold += len(gold_meetings)
    score.predicted += len(predicted)
    unused = dict(predicted)
    for meeting in gold_meetings:
        found = predicted.get(name_key(meeting["name"]))
        if found is None:
            score.missed.append((file_name, meeting["name"]))
            continue
        score.matched += 1
        unused.pop(name_key(meeting["name"]), None)
        if meeting.get("date"):
            dates[1] += 1
            dates[0] += meeting["date"] in found
            if meeting["date"] not in found:
                score.missed.append(
                    (file_name, f"{meeting['name']}: date {meeting['date']}, found {sorted(map(str, found))}")
                )
    score.false += [(file_name, name) for name in unused]
