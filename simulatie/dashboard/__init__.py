"""Live training dashboard in Dutch, on Mesa's visualisation stack (Solara).

Modules:
    * :mod:`simulatie.dashboard.keuzes` - what a participant chooses (municipality, policies,
      uncertainties, seed) and how that becomes a :class:`~simulatie.kern.scenario.Scenario`.
    * :mod:`simulatie.dashboard.sessie` - the models of one browser session (variant A and, in
      comparison mode, variant B on the same seed), stepped month by month.
    * :mod:`simulatie.dashboard.grafieken` - every chart as a pair (data table, matplotlib figure);
      :mod:`simulatie.dashboard.kaart` draws the schematic wijk map.
    * :mod:`simulatie.dashboard.export` - PNG and CSV bytes for the download buttons.
    * :mod:`simulatie.dashboard.app` - the Solara page (imports solara; nothing imports it).
    * :mod:`simulatie.dashboard.commando` - ``simulatie dashboard``.

Only :mod:`~simulatie.dashboard.app` and the command function import solara, so the rest can be
tested and benchmarked without a web server.
"""
