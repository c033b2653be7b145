"""The PPID cast: an officer and the atasan PPID on SUMSEL."""

import pytest

from zona.orgs.models import Role
from zona.orgs.services import role_grant


@pytest.fixture
def officer(cast, units):
    role_grant(user=cast["pic"], unit=units["SUMSEL"], role=Role.PPID_OFFICER)
    return cast["pic"]


@pytest.fixture
def superior(cast, units):
    role_grant(user=cast["admin"], unit=units["SUMSEL"], role=Role.ATASAN_PPID)
    return cast["admin"]
