"""The words of a SPARQL query as its grammar reads them (IRIs, strings, comments, variables, prefixed
names, keywords), so that a check of what a query does never mistakes text inside an IRI, a string or a
comment for a keyword, nor a keyword hidden there for text.

    >>> [(token.kind, token.text) for token in tokens('SELECT ?from WHERE { <a#b> ?p "SERVICE" } # DELETE')]
    [('word', 'SELECT'), ('variable', '?from'), ('word', 'WHERE'), ('punctuation', '{'), ('iri', '<a#b>'), \
('variable', '?p'), ('string', '"SERVICE"'), ('punctuation', '}'), ('comment', '# DELETE')]
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

# SPARQL 1.1, section 19.8 (the terminals); what matches none of them is one character of punctuation
_PN_CHARS_BASE = (
    "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d"
    "\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff"
)
_PN_CHARS = _PN_CHARS_BASE + "_0-9\u00b7\u0300-\u036f\u203f-\u2040-"
_LOCAL_CHAR = rf"(?:[{_PN_CHARS}:.]|%[0-9A-Fa-f]{{2}}|\\[_~.\-!$&'()*+,;=/?#@%])"
_TERMINALS = [
    ("space", r"\s+"),
    ("comment", r"#[^\r\n]*"),
    ("iri", r'<[^<>"{}|^`\\\x00-\x20]*>'),
    ("string", r'"""(?:[^"\\]|\\.|"(?!""))*"""' + r"|'''(?:[^'\\]|\\.|'(?!''))*'''"),
    ("string", r'"(?:[^"\\\r\n]|\\.)*"' + r"|'(?:[^'\\\r\n]|\\.)*'"),
    ("variable", rf"[?$][{_PN_CHARS_BASE}_0-9][{_PN_CHARS_BASE}_0-9\u00b7\u0300-\u036f\u203f-\u2040]*"),
    ("blank", rf"_:[{_PN_CHARS}]+"),
    ("prefixed", rf"(?:[{_PN_CHARS_BASE}][{_PN_CHARS}.]*)?:{_LOCAL_CHAR}*"),
    ("language", r"@[A-Za-z]+(?:-[A-Za-z0-9]+)*"),
    ("number", r"[+-]?(?:\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)"),
    ("word", rf"[{_PN_CHARS_BASE}_][{_PN_CHARS}]*"),
    ("punctuation", r"\^\^|\|\||&&|!=|<=|>=|."),
]
_TOKEN = re.compile("|".join(f"(?P<{kind}{i}>{pattern})" for i, (kind, pattern) in enumerate(_TERMINALS)), re.S)


@dataclass(frozen=True)
class Token:
    """One word of a query: its kind, its text, where it starts."""

    kind: str
    text: str
    start: int


def tokens(query: str, comments: bool = True) -> Iterator[Token]:
    """The tokens of `query` in order, white space left out (and comments, with comments=False)."""
    for found in _TOKEN.finditer(query):
        token = _token(found)
        if token.kind == "space" or (token.kind == "comment" and not comments):
            continue
        yield token


def _token(found: re.Match) -> Token:
    return Token(found.lastgroup.rstrip("0123456789"), found.group(), found.start())


_OPERANDS = frozenset({"variable", "number", "string", "iri", "prefixed", "language", "word", "blank"})


def other_readings(query: str) -> Iterator[Token]:
    """The tokens a parser may read where `tokens` reads an IRI: inside brackets and after an operand,
    `<` is also "less than", and what stands between it and the next `>` is then words of the query
    (`FILTER(?x<?y)SERVICE#>` is a comparison, a SERVICE clause and a comment).

    >>> [token.text for token in other_readings('ASK { FILTER(?x<?y)LOAD#>\\n) }')]
    ['?y', ')', 'LOAD', ')']
    """
    # a state is a place, a depth of brackets and whether an operand stands before it; from a state once
    # read, what follows is read the same, so each is read once
    read: set[tuple[int, int, bool]] = set()
    starts = [(0, 0, False)]
    first = True
    while starts:
        position, depth, operand = starts.pop()
        while position < len(query) and (position, depth, operand) not in read:
            read.add((position, depth, operand))
            found = _TOKEN.match(query, position)
            token = _token(found)
            if token.kind == "iri" and depth > 0 and operand:
                starts.append((position + 1, depth, False))
            if token.kind not in {"space", "comment"}:
                if not first:
                    yield token
                depth = max(0, depth + (token.text == "(") - (token.text == ")"))
                operand = token.kind in _OPERANDS or token.text in {")", "]"}
            position = found.end()
        first = False


_UPDATES = frozenset({"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH", "USING"})
_FORMS = frozenset({"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"})


@dataclass(frozen=True)
class Reach:
    """What a query does beyond reading the store's own graphs, found in its tokens."""

    form: str | None  # SELECT, ASK, CONSTRUCT or DESCRIBE; None when the query has none
    updates: tuple[str, ...]  # the update keywords it holds
    services: int  # how many SERVICE clauses
    graphs: tuple[str, ...]  # the IRIs its FROM and FROM NAMED clauses name, expanded
    unnamed_graphs: int  # FROM clauses followed by anything but an IRI or a known prefixed name


def reach(query: str, prefixes: Mapping[str, str]) -> Reach:
    """What `query` asks of the world: its form, updates, SERVICE clauses and the graphs it reads FROM.

    prefixes: those the store declares; a query's own PREFIX lines add to them.

    >>> reach('PREFIX ex: <http://ex.org/> SELECT * FROM ex:g WHERE { ?s ?p "FROM" }', {})
    Reach(form='SELECT', updates=(), services=0, graphs=('http://ex.org/g',), unnamed_graphs=0)
    """
    words = list(tokens(query, comments=False))
    known = dict(prefixes)
    form, updates, services, graphs, unnamed = None, [], 0, [], 0
    for index, token in enumerate(words):
        if token.kind != "word":
            continue
        keyword = token.text.upper()
        following = words[index + 1 : index + 3]
        if keyword == "PREFIX" and len(following) == 2 and following[0].kind == "prefixed":
            known[following[0].text[:-1]] = following[1].text[1:-1]
        elif keyword in _FORMS and form is None:
            form = keyword
        elif keyword in _UPDATES:
            updates.append(keyword)
        elif keyword == "SERVICE":
            services += 1
        elif keyword == "FROM":
            if following and following[0].kind == "word" and following[0].text.upper() == "NAMED":
                following = following[1:]
            iri = _iri(following[0], known) if following else None
            if iri is None:
                unnamed += 1
            else:
                graphs.append(iri)
    # what another reading of `<` makes words counts too, a FROM there as a graph not named
    for token in other_readings(query):
        keyword = token.text.upper() if token.kind == "word" else None
        updates += [keyword] if keyword in _UPDATES else []
        services += keyword == "SERVICE"
        unnamed += keyword == "FROM"
    return Reach(form, tuple(updates), services, tuple(graphs), unnamed)


def _iri(token: Token, prefixes: Mapping[str, str]) -> str | None:
    if token.kind == "iri":
        return token.text[1:-1]
    if token.kind == "prefixed":
        prefix, _, local = token.text.partition(":")
        if prefix in prefixes:
            return prefixes[prefix] + re.sub(r"\\(.)", r"\1", local)
    return None


def where_opening(query: str) -> int | None:
    """Where the query's WHERE pattern opens: just after its first `{` that follows WHERE, SELECT or ASK.

    >>> query = '# WHERE { in a comment\\nSELECT ?x WHERE { ?x ?p ?o }'
    >>> query[where_opening(query) :]
    ' ?x ?p ?o }'
    """
    words = list(tokens(query, comments=False))
    for index, token in enumerate(words):
        if token.kind == "word" and token.text.upper() in {"WHERE", "SELECT", "ASK"}:
            for later in words[index + 1 :]:
                if later.text == "{":
                    return later.start + 1
                if later.kind == "word" and later.text.upper() in {"WHERE", "SELECT", "ASK"}:
                    break
    return None


def projected(query: str) -> set[str] | None:
    """The variables a SELECT query answers with (None for every one: SELECT * or another form).

    >>> sorted(projected("SELECT DISTINCT ?name (COUNT(?post) AS ?posts) WHERE { ?p ?q ?post }"))
    ['name', 'posts']
    """
    words = list(tokens(query, comments=False))
    select = next((i for i, token in enumerate(words) if token.kind == "word" and token.text.upper() == "SELECT"), None)
    if select is None:
        return None
    names: set[str] = set()
    depth = 0
    for before, token in zip(words[select:], words[select + 1 :], strict=False):
        if token.text == "*" and depth == 0:
            return None
        if token.text == "{" or (token.kind == "word" and token.text.upper() in {"WHERE", "FROM"}):
            break
        if token.kind == "variable" and (depth == 0 or before.text.upper() == "AS"):
            names.add(token.text[1:])
        depth += (token.text == "(") - (token.text == ")")
    return names
