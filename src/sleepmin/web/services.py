"""What the routes share for the life of the service: the configuration and the food database,
opened once (its search index is built at start, not on the first request)."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from sleepmin import usecases
from sleepmin.errors import DatabaseError, InvalidInput, SleepminError
from sleepmin.web.config import WebConfig

log = logging.getLogger("sleepmin.web")


@dataclass
class Services:
    config: WebConfig
    store: usecases.Store
    foods: usecases.FoodDatabase | None = None
    foods_problem: SleepminError | None = None  # why there is no food database

    @classmethod
    def start(cls, config: WebConfig) -> Services:
        """The service with its store and food database, or without the food database when none
        is installed (or it is outdated or damaged): food routes then answer 503, and the rest
        works. A store that cannot be opened stops the start, with its one-line reason."""
        store = usecases.open_store(config.data_dir)  # SQLite there, or $DATABASE_URL
        try:
            foods = usecases.FoodDatabase(config.foods_path)
        except (DatabaseError, InvalidInput) as exc:
            log.warning("running without the food database: %s", exc)
            return cls(config, store, None, exc)
        foods.search("warm up", 1)  # builds the search index now
        _warm_up(foods)
        return cls(config, store, foods)

    def close(self) -> None:
        if self.foods is not None:
            self.foods.close()
        self.store.close()


def _warm_up(foods: usecases.FoodDatabase) -> None:
    """One small assessment at start: it loads the knowledge base, the lab catalogue and the
    code behind them (0.3-0.6 s), which the first person to ask would otherwise wait for."""
    usecases.assess(
        usecases.answers_from({"profile": {"age": 40, "sex": "female"}}),
        today=dt.date.today(),
        foods=foods,
        log=usecases.FoodLog("1 banana", "warm-up.txt"),
    ).to_json()
