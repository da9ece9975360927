"""The ten verbs of the monthly step, one module each (ONTWERP.md, "One month").

:data:`VERB_FUNCTIES` maps each hookable verb of :data:`simulatie.kern.beleid.VERBS` to its
function; ``verzamelen`` runs last, outside the policy hooks.
"""

from simulatie.kern.beleid import VERBS
from simulatie.kern.stappen import (
    activeren,
    arbeidsmarkt,
    begeleiden,
    boekhouden,
    demografie,
    jeugd,
    signaleren,
    toewijzen,
    verzamelen,
    wmo,
)

VERB_FUNCTIES = {
    "demografie": demografie.demografie,
    "signaleren": signaleren.signaleren,
    "toewijzen": toewijzen.toewijzen,
    "begeleiden": begeleiden.begeleiden,
    "activeren": activeren.activeren,
    "arbeidsmarkt": arbeidsmarkt.arbeidsmarkt,
    "wmo": wmo.wmo,
    "jeugd": jeugd.jeugd,
    "boekhouden": boekhouden.boekhouden,
}
if tuple(VERB_FUNCTIES) != VERBS:  # the policy API's verb list and the step must agree
    raise RuntimeError(f"verb functions {tuple(VERB_FUNCTIES)} differ from VERBS {VERBS}")

__all__ = ["VERB_FUNCTIES", "activeren", "arbeidsmarkt", "begeleiden", "boekhouden",
           "demografie", "jeugd", "signaleren", "toewijzen", "verzamelen", "wmo"]
