"""Score a graph against a gold file, per fact type, as ../shared/eval/GUIDELINES.md says."""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from rdflib import Graph

from kg.lexicon import load_lexicon
from kg.rdf.vocab import PREFIXES, name_key, source_iri

FACT_TYPES = ("posts", "people", "interviews", "bylines", "projects", "portfolios", "campaigns", "meetings")


@dataclass
class Score:
    """Counts for one fact type and the measures derived from them."""

    gold: int = 0
    predicted: int = 0
    matched: int = 0

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


def _campaign_key(name: str) -> str:
    key = name_key(name)
    for kind in sorted(load_lexicon().campaign_kinds, key=len, reverse=True):
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
    for membership, person, title, label in _query(graph, f"""SELECT ?m ?name ?title ?label WHERE {{ {article}
            ?m a org:Membership ; prov:wasDerivedFrom ?article ; org:member/foaf:name ?name ;
               org:role/rdfs:label ?title ; org:organization ?org .
            {{ ?org skos:prefLabel ?label }} UNION {{ ?org skos:altLabel ?label }} }}""", file_name):
        posts[(membership, str(person), str(title))].add(name_key(str(label)))
    facts: dict[str, list] = {"posts": [(p, t, labels) for (_, p, t), labels in posts.items()]}
    facts["people"] = sorted({(str(n), str(p)) for p, n in _query(graph, f"""SELECT ?p ?name WHERE {{ {article}
            ?article kg:mentions ?p . ?p a foaf:Person ; foaf:name ?name }}""", file_name)})
    facts["interviews"] = sorted({str(n) for (n,) in _query(graph, f"""SELECT ?name WHERE {{ {article}
            ?article kg:interviewee/foaf:name ?name }}""", file_name)})
    facts["bylines"] = sorted({str(n) for (n,) in _query(graph, f"""SELECT ?name WHERE {{ {article}
            ?article schema:author/foaf:name ?name }}""", file_name)})
    projects = {}
    for node, label, total, annual in _query(graph, f"""SELECT ?p ?label ?total ?annual WHERE {{ {article}
            ?article kg:mentions ?p . ?p a kg:Project ; rdfs:label ?label .
            OPTIONAL {{ ?p kg:totalInvestment ?total }} OPTIONAL {{ ?p kg:annualInvestment ?annual }} }}""", file_name):
        projects[_project_key(str(label))] = (total and total.toPython(), annual and annual.toPython())
    facts["projects"] = list(projects.items())
    facts["portfolios"] = sorted({(int(c), t and t.toPython(), a and a.toPython()) for c, t, a in _query(graph, f"""
            SELECT ?count ?total ?annual WHERE {{ {article} ?article kg:mentions ?p . ?p a kg:ProjectPortfolio ;
            kg:projectCount ?count . OPTIONAL {{ ?p kg:totalInvestment ?total }}
            OPTIONAL {{ ?p kg:annualInvestment ?annual }} }}""", file_name)}, key=str)
    facts["campaigns"] = sorted({_campaign_key(str(n)) for (n,) in _query(graph, f"""SELECT ?label WHERE {{ {article}
            ?article kg:mentions ?c . ?c a kg:Campaign ; rdfs:label ?label }}""", file_name)})
    meetings = defaultdict(set)
    for label, date in _query(graph, f"""SELECT ?label ?date WHERE {{ {article} ?article kg:mentions ?m .
            ?m a kg:Meeting ; rdfs:label ?label . OPTIONAL {{ ?m schema:startDate ?date }} }}""", file_name):
        meetings[name_key(str(label))].add(str(date) if date else None)
    facts["meetings"] = list(meetings.items())
    return facts


def evaluate(graph: Graph, gold: dict) -> dict:
    """Precision, recall and F1 per fact type over every file of the gold.

    graph: the workspace's union graph; gold: the parsed gold JSON.
    Returns {"scores": {type: Score}, "amounts": (right, of), "meeting_dates": (right, of),
             "people_merged": n, "people_split": n}.
    """
    scores = {fact_type: Score() for fact_type in FACT_TYPES}
    amounts, dates = [0, 0], [0, 0]
    nodes_of_key: dict[str, set] = defaultdict(set)
    keys_of_node: dict[str, set] = defaultdict(set)
    for file_name, gold_doc in gold["documents"].items():
        predicted = predicted_facts(graph, file_name)
        _score_posts(scores["posts"], gold_doc.get("posts", []), predicted["posts"])
        _score_people(scores["people"], gold_doc.get("people", []), predicted["people"], nodes_of_key, keys_of_node)
        _score_names(scores["interviews"], [g["interviewee"] for g in gold_doc.get("interviews", [])], predicted["interviews"])
        _score_names(scores["bylines"], [g["person"] for g in gold_doc.get("bylines", [])], predicted["bylines"])
        _score_projects(scores["projects"], gold_doc.get("projects", []), dict(predicted["projects"]), amounts)
        _score_portfolios(scores["portfolios"], gold_doc.get("portfolios", []), predicted["portfolios"])
        _score_names(scores["campaigns"], [_campaign_key(g["name"]) for g in gold_doc.get("campaigns", [])],
                     predicted["campaigns"], key=lambda name: name)
        _score_meetings(scores["meetings"], gold_doc.get("meetings", []), dict(predicted["meetings"]), dates)
    split = sum(len(nodes) - 1 for nodes in nodes_of_key.values() if len(nodes) > 1)
    merged = sum(len(keys) - 1 for keys in keys_of_node.values() if len(keys) > 1)
    scores["people"].matched -= split + merged
    return {"scores": scores, "amounts": tuple(amounts), "meeting_dates": tuple(dates),
            "people_merged": merged, "people_split": split}


def _score_names(score: Score, gold_names, predicted_names, key=name_key) -> None:
    gold_set, predicted_set = {key(n) for n in gold_names}, {key(n) for n in predicted_names}
    score.gold += len(gold_set)
    score.predicted += len(predicted_set)
    score.matched += len(gold_set & predicted_set)


def _score_posts(score: Score, gold_posts, predicted_posts) -> None:
    score.gold += len(gold_posts)
    score.predicted += len(predicted_posts)
    unused = list(predicted_posts)
    for post in gold_posts:
        orgs = {name_key(post["org"])} | {name_key(a) for a in post.get("org_aliases", [])}
        for candidate in unused:
            if candidate[0] == post["person"] and candidate[1] == post["title"] and candidate[2] & orgs:
                unused.remove(candidate)
                score.matched += 1
                break


def _score_people(score, gold_people, predicted_people, nodes_of_key, keys_of_node) -> None:
    score.gold += len(gold_people)
    score.predicted += len(predicted_people)
    unused = list(predicted_people)
    for person in gold_people:
        for candidate in unused:
            if candidate[0] == person["name"]:
                unused.remove(candidate)
                score.matched += 1
                nodes_of_key[person["key"]].add(candidate[1])
                keys_of_node[candidate[1]].add(person["key"])
                break


def _score_projects(score: Score, gold_projects, predicted: dict, amounts: list) -> None:
    score.gold += len(gold_projects)
    score.predicted += len(predicted)
    for project in gold_projects:
        names = [_project_key(project["name"])] + [_project_key(a) for a in project.get("aliases", [])]
        found = next((predicted[n] for n in names if n in predicted), None)
        if found is None:
            continue
        score.matched += 1
        gold_amounts = (project.get("total_investment_yuan"), project.get("annual_investment_yuan"))
        if any(a is not None for a in gold_amounts):
            amounts[1] += 1
            amounts[0] += all(g is None or _close(p, g) for p, g in zip(found, gold_amounts))


def _score_portfolios(score: Score, gold_portfolios, predicted) -> None:
    score.gold += len(gold_portfolios)
    score.predicted += len(predicted)
    unused = list(predicted)
    for portfolio in gold_portfolios:
        for candidate in unused:
            count, total, annual = candidate
            if count == portfolio["count"] and (_close(total, portfolio.get("total_investment_yuan"))
                                                or _close(annual, portfolio.get("annual_investment_yuan"))):
                unused.remove(candidate)
                score.matched += 1
                break


def _score_meetings(score: Score, gold_meetings, predicted: dict, dates: list) -> None:
    score.gold += len(gold_meetings)
    score.predicted += len(predicted)
    for meeting in gold_meetings:
        found = predicted.get(name_key(meeting["name"]))
        if found is None:
            continue
        score.matched += 1
        if meeting.get("date"):
            dates[1] += 1
            dates[0] += meeting["date"] in found
