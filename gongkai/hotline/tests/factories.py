"""Factories for hotline categories and tickets (factory_boy); tickets are made through the service."""

from __future__ import annotations

import factory

from gongkai.hotline.models import Category


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"cat-{n}")
    name = factory.Sequence(lambda n: f"分类{n}")
    description = "路灯、井盖等市政设施损坏"
    group = "城市管理"
    limit_amount = 5
    urgent_hours = 2
