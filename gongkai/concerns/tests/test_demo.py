from gongkai.concerns.demo import ANSWERED, OPEN, load_concerns_demo
from gongkai.concerns.models import Concern, Status
from gongkai.portal.demo import load_demo


def test_the_demo_has_an_answered_and_an_open_concern_once(db):
    load_demo()
    assert load_concerns_demo() == 2
    assert load_concerns_demo() == 0
    assert Concern.objects.get(title=ANSWERED).status == Status.RESPONDED
    assert Concern.objects.get(title=OPEN).status == Status.OPEN
