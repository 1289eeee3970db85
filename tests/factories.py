"""factory_boy factories. Claims and quotations are anchored to words that really are in the body."""

import factory
from django.contrib.auth import get_user_model

from articles import anchoring
from articles.models import Article, Citation, Claim, Quotation
from sources.models import Person, Source

BODY = (
    "The council approved a budget of 4.2 million dollars on Tuesday.\n\n"
    "Crime fell by 12 percent last year, according to the police department.\n\n"
    '"We are proud of this work," said Mayor Jane Doe. "It is only the start."'
)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("correct horse battery staple")


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Faker("name")
    role = "Mayor"


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    title = factory.Sequence(lambda n: f"Annual report {n}")
    kind = Source.Kind.REPORT
    publisher = "City of Springfield"
    url = factory.Sequence(lambda n: f"https://example.org/reports/{n}")


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    title = factory.Sequence(lambda n: f"Council passes budget {n}")
    slug = factory.Sequence(lambda n: f"council-budget-{n}")
    standfirst = "The vote came after a long debate."
    body = BODY


class AnchoredFactory(factory.django.DjangoModelFactory):
    class Meta:
        abstract = True

    article = factory.SubFactory(ArticleFactory)
    exact = "budget of 4.2 million dollars"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        item = model_class(*args, **kwargs)
        anchoring.apply(item, anchoring.require(item.article.body, item.exact))
        item.save()
        return item


class ClaimFactory(AnchoredFactory):
    class Meta:
        model = Claim

    kind = Claim.Kind.STATISTIC


class QuotationFactory(AnchoredFactory):
    class Meta:
        model = Quotation

    exact = "We are proud of this work,"
    speaker = factory.SubFactory(PersonFactory)


class CitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Citation

    source = factory.SubFactory(SourceFactory)
    locator = "p. 4"


def sourced_claim(**kwargs) -> Claim:
    claim = ClaimFactory(**kwargs)
    CitationFactory(claim=claim)
    return claim


def sourced_quotation(**kwargs) -> Quotation:
    quotation = QuotationFactory(**kwargs)
    CitationFactory(quotation=quotation)
    return quotation
