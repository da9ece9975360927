"""EMA Workbench on the simulator, driven by the declarations of a sweep TOML.

Run::

    python experimenten/ema_voorbeeld.py [experimenten/sweep_voorbeeld.toml] [scenarios]

The sweep TOML supplies the base scenario, constants, levers, uncertainties, outcomes and the
replication seeds; EMA samples the uncertainties (Latin hypercube) and crosses them with every
lever setting (the full factorial of the lever values, as in ``simulatie sweep``).
"""

from __future__ import annotations

import sys
from pathlib import Path

from ema_workbench import MultiprocessingEvaluator, Sample, perform_experiments

from simulatie.experiment.ema import maak_model


def main() -> None:
    """Run a small EMA experiment and print a summary of the outcomes per policy."""
    sweep = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).with_name(
        "sweep_voorbeeld.toml")
    scenarios = int(sys.argv[2]) if len(sys.argv) > 2 else 8
    model = maak_model(sweep)
    # Every combination of lever values as an EMA policy.
    functie = model.function
    beleid = [Sample(name=f"h{i}", **{h.kort: combi[h.pad] for h in functie.declaratie.hefboom})
              for i, combi in enumerate(functie.declaratie.hefboom_combinaties())]
    with MultiprocessingEvaluator(model, n_processes=2) as evaluator:
        experimenten, uitkomsten = perform_experiments(model, scenarios=scenarios,
                                                       policies=beleid, evaluator=evaluator)
    tabel = experimenten[["policy"]].copy()
    for naam, waarden in uitkomsten.items():
        if waarden.ndim == 1:
            tabel[naam] = waarden
    print(tabel.groupby("policy").mean().to_string())


if __name__ == "__main__":
    main()
