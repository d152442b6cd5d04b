"""The people a search shows are made from the facts it read, as `Person.from_db` would
make them from the same values: the same attributes, deferred fields and pickle."""

from __future__ import annotations

import pickle

from django.db.models.signals import post_init
from tests.network.warm_network import TODAY, Network

from rapport.network.graph import PERSON_FIELDS, NetworkGraph
from rapport.people.models import Person


def _made(net: Network, person: Person) -> Person:
    graph = NetworkGraph(owner=net.owner, today=TODAY)
    return graph.people([person.pk])[person.pk]


def test_a_person_is_made_as_from_db_makes_them(net: Network) -> None:
    bruno = net.person("Bruno Lima")
    ana = net.person("Ana Souza", relationship="close")
    Person.objects.filter(pk=ana.pk).update(introduced_by=bruno, headline="Engineer")
    values = Person.objects.filter(pk=ana.pk).values_list(*PERSON_FIELDS).get()

    made = _made(net, ana)
    loaded = Person.from_db("default", PERSON_FIELDS, values)

    assert list(vars(made)) == list(vars(loaded))
    assert vars(made._state) == vars(loaded._state)
    assert [getattr(made, f) for f in PERSON_FIELDS] == [getattr(loaded, f) for f in PERSON_FIELDS]
    assert made.get_deferred_fields() == loaded.get_deferred_fields()
    assert pickle.dumps(made) == pickle.dumps(loaded)
    assert made.introduced_by == bruno
    assert made.notes == ana.notes  # a deferred field still loads


def test_with_someone_listening_to_init_people_go_through_it(net: Network) -> None:
    ana = net.person("Ana Souza")
    seen: list[int] = []

    def listen(sender: type[Person], instance: Person, **kwargs: object) -> None:
        seen.append(instance.pk)

    post_init.connect(listen, sender=Person)
    try:
        _made(net, ana)
    finally:
        post_init.disconnect(listen, sender=Person)
    assert seen == [ana.pk]


def test_a_person_made_after_the_index_was_read_is_read_from_the_database(net: Network) -> None:
    net.person("Bruno Lima")
    graph = NetworkGraph(owner=net.owner, today=TODAY)
    graph.index()  # everyone's facts as they were
    ana = net.person("Ana Souza", headline="Engineer at Nubank")

    made = graph.people([ana.pk])[ana.pk]

    assert (made.full_name, made.first_name, made.headline) == ("Ana Souza", "Ana", ana.headline)
