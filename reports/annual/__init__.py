"""Årsrapport: the annual report, drafted from the system's records (domain.md §6).

``snapshot`` builds the frozen figures, ``sections`` holds the §6 structure,
``services`` the workflow (draft → review → approval → PDF), ``selectors`` the reads.
"""
