"""The built-in policies: plug-ins on the public API of :mod:`simulatie.kern`.

Each module holds one policy class (a :class:`~simulatie.kern.Beleid` subclass decorated with
:func:`~simulatie.kern.registreer`) and is declared in the entry-point group
``simulatie.beleid`` of ``pyproject.toml``, which is how the core finds it without naming it:

    * :mod:`.work_first` - work from day one, sanctions, priority for the job-ready, parking;
    * :mod:`.integrale_teams` - wijkcoaches, one integral diagnosis and plan, outreach;
    * :mod:`.contract_compliance` - social return in Wmo procurement;
    * :mod:`.preventie` - collective provisions and early signalling.

A new policy needs one module like these plus one entry-point line (or a
:func:`~simulatie.kern.registreer` call in a script or notebook); see docs/beleid.md.
"""
