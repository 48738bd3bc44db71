-- Victim search (docs/adr/0012-victim-search.md) finds victims by the start of their surname or forename,
-- in any case. A plain index on lower(surname) cannot serve LIKE 'prefix%' unless the database collation
-- is C; text_pattern_ops can, whatever the collation, and serves equality as well, so it replaces the
-- surname index (no query used it) rather than sit beside it: a new victim still writes one name index
-- more than before, not two.
DROP INDEX victims_surname;
CREATE INDEX victims_surname_prefix ON victims (lower(surname) text_pattern_ops);
CREATE INDEX victims_forename_prefix ON victims (lower(forename) text_pattern_ops);
