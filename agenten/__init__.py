"""Mesa agent classes of the social-domain model.

Residents live in a column table (:class:`InwonerTabel`) with a lazy Mesa view (:class:`Inwoner`);
the few professionals, employers and providers are ordinary Mesa agents that act on index arrays
of residents. Agents get the model passed in and never import ``simulatie``.
"""

from agenten.aanbieder import AANBIEDER_SOORTEN, Aanbieder
from agenten.inwoners import Inwoner, InwonerTabel
from agenten.professional import COMPETENTIES, Professional, formatie
from agenten.werkgever import SECTOREN, Werkgever

__all__ = ["AANBIEDER_SOORTEN", "COMPETENTIES", "SECTOREN", "Aanbieder", "Inwoner",
           "InwonerTabel", "Professional", "Werkgever", "formatie"]
