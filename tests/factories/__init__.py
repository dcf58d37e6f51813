"""factory_boy factories, one module per app; import them from here."""

from tests.factories.actionplans import *  # noqa: F403
from tests.factories.consent import *  # noqa: F403
from tests.factories.meetings import *  # noqa: F403
from tests.factories.municipalities import *  # noqa: F403
from tests.factories.reports import *  # noqa: F403
