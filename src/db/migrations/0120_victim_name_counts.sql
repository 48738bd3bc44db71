-- How many victims the hub knows by each full name (docs/adr/0030-name-frequency-in-matching.md): a name
-- and a date of birth with nothing else in common link only when few victims have that name. Intake adds
-- to the counts as it creates victims, or learns a victim's other name, in the same transaction; one row
-- a name is read per name in a chunk, however many victims there are.
--
-- The key is src/domain/matching fullNameOf: the first forename word and the whole surname run together,
-- normalised ('Mr John Paul Smith-Jones' is 'john smithjones'). Counts only ever grow: a merge or an
-- erasure leaves a count a little high, which errs towards review, never towards a wrong link.
CREATE TABLE victim_name_counts (
  full_name text PRIMARY KEY,
  victims integer NOT NULL CHECK (victims >= 0)
);

-- Victims already in the hub, counted from the names they were first recorded with, normalised as
-- fullNameOf does for plain ASCII names (accented letters are left out here, so such a name counts low
-- until intake meets it again). Titles are dropped from the front of the forename.
INSERT INTO victim_name_counts (full_name, victims)
SELECT full_name, count(*)::int FROM (
  SELECT split_part(f, ' ', 1) || ' ' || replace(s, ' ', '') AS full_name
  FROM (
    SELECT
      regexp_replace(
        trim(regexp_replace(regexp_replace(lower(forename), '[''‘’`]', '', 'g'), '[^a-z]+', ' ', 'g')),
        '^((mr|mrs|ms|miss|mx|master|dr|prof|professor|rev|revd|reverend|sir|dame|lord|lady) )+', ''
      ) AS f,
      trim(regexp_replace(regexp_replace(lower(surname), '[''‘’`]', '', 'g'), '[^a-z]+', ' ', 'g')) AS s
    FROM victims WHERE merged_into IS NULL
  ) names
  WHERE f <> '' AND s <> ''
) keyed
GROUP BY full_name;
