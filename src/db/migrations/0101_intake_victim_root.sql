-- The victim a (possibly merged) victim now stands for: follow merged_into to the end. Merges only ever
-- join two unmerged victims, so there are no cycles; the depth limit is a guard, not a rule.
CREATE FUNCTION victim_root(start uuid) RETURNS uuid LANGUAGE sql STABLE AS $$
  WITH RECURSIVE chain(id, merged_into, depth) AS (
    SELECT id, merged_into, 0 FROM victims WHERE id = start
    UNION ALL
    SELECT v.id, v.merged_into, c.depth + 1 FROM victims v JOIN chain c ON v.id = c.merged_into
    WHERE c.depth < 1000
  )
  SELECT id FROM chain WHERE merged_into IS NULL LIMIT 1
$$;
