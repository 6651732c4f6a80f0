"""A client's situation reads in the page's language, however often the page asks for it."""

from __future__ import annotations

from django.utils.translation import override

from koers.web.clients.choices import Situation
from koers.web.clients.models import Client


def test_it_gives_a_choice_label_in_the_active_language_each_time() -> None:
    client = Client(situation=Situation.LOST_JOB)
    for _ in range(2):
        with override("nl"):
            assert client.get_situation_display() == "werk verloren"
        with override("en"):
            assert client.get_situation_display() == "lost the job"


def test_it_shows_a_value_that_is_no_longer_a_choice_as_it_is() -> None:
    assert Client(situation="retired_in_2019").get_situation_display() == "retired_in_2019"
