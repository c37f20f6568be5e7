"""The Python API: one object that builds, loads and queries the knowledge base.

    >>> from assistant import Assistant
    >>> kb = Assistant()                       # config from defaults and environment
    >>> kb.build()                             # no-op when the index is up to date
    >>> kb.ask("我们被乱罚款了能打12345吗").answer
    >>> kb.search("转办时限", k=5)[0].chunk.section

The model and the index load lazily, once, on first use.
"""
from __future__ import annotations

import sys
import threading
from dataclasses import replace
from datetime import date

from .answer import BASE_MIN_DENSE, AnswerConfig, answer
from .config import Config, from_env
from .embed.encoder import ADAPT_QA as PRIOR_QA, Embedder, make_embedder
from .prior import TrapPrior, load_prior
from .retrieve import RetrievalConfig, search
from .sectionprior import load_section_prior
from .store.build import BuildReport, build_index
from .store.load import KnowledgeBase, open_index
from .types import Answer, Document, Hit


def _log(line: str) -> None:
    print(line, file=sys.stderr)


class Assistant:
    def __init__(self, config: Config | None = None, answer_config: AnswerConfig = AnswerConfig(),
                 embedder: Embedder | None = None):
        self.config = config or from_env()
        if getattr(embedder, "encoder", self.config.encoder) != self.config.encoder:
            # the index records the encoder that really embeds, not the one configured
            self.config = replace(self.config, encoder=embedder.encoder)
        if self.config.query_model == "base" or self.config.encoder != "torch":
            if answer_config.min_dense == AnswerConfig.min_dense:   # the gate calibrated for that encoder
                answer_config = replace(answer_config, min_dense=BASE_MIN_DENSE)
        self.answer_config = answer_config
        self.embedder = embedder or make_embedder(self.config.model, self.config.models_dir, self.config.encoder,
                                                   self.config.query_model)
        self._kb: KnowledgeBase | None = None
        self._prior: TrapPrior | None | bool = False      # False: not loaded yet
        self._lock = threading.Lock()

    def build(self, force: bool = False, log=lambda s: None) -> BuildReport:
        report = build_index(self.config.corpus, self.config.index, self.config.settings, self.embedder,
                             force=force, log=log, store=self.config.store, store_uri=self.config.store_uri)
        if hasattr(self.embedder, "prepare"):
            self.embedder.prepare()     # the adapted query encoder is trained at set-up, not on the first question
        self.prior                      # and so is the trap prior
        with self._lock:
            self._kb = None
        return report

    @property
    def kb(self) -> KnowledgeBase:
        with self._lock:
            if self._kb is None:
                self._kb = open_index(self.config.index, self.config.settings, self.embedder, self.config.corpus,
                                      store=self.config.store, store_uri=self.config.store_uri)
                self._kb.section_prior = load_section_prior(self.config.models_dir, self._kb.chunks,
                                                            sorted(PRIOR_QA.glob("*.jsonl")), log=_log)
            return self._kb

    @property
    def prior(self) -> TrapPrior | None:
        """The trap prior (prior.py), trained from evals/qa on first use; None without those files."""
        with self._lock:
            if self._prior is False:
                self._prior = load_prior(self.config.models_dir, sorted(PRIOR_QA.glob("*.jsonl")), log=_log)
            return self._prior

    def search(self, question: str, k: int = 10, config: RetrievalConfig | None = None) -> list[Hit]:
        return search(self.kb, question, k=k, config=config or self.answer_config.retrieval)

    def ask(self, question: str, today: date | None = None) -> Answer:
        return answer(self.kb, question, today or date.today(), self.answer_config, self.prior)

    def documents(self) -> list[Document]:
        return list(self.kb.documents.values())
