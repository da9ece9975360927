"""The nine verbs of the monthly step, one module each (ONTWERP.md, "One month")."""

from simulatie.stappen import (
    activeren,
    arbeidsmarkt,
    begeleiden,
    boekhouden,
    demografie,
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
    "boekhouden": boekhouden.boekhouden,
}

__all__ = ["VERB_FUNCTIES", "activeren", "arbeidsmarkt", "begeleiden", "boekhouden",
           "demografie", "signaleren", "toewijzen", "verzamelen", "wmo"]
