-- "Who has seen this record" finds the list views that showed a victim or a held record by the ids
-- each listing row keeps (docs/adr/0027): only those rows are indexed.
CREATE INDEX audit_log_listed_victims ON audit_log USING gin ((details -> 'victims'))
  WHERE action = 'restricted_records.listed';
CREATE INDEX audit_log_listed_receipts ON audit_log USING gin ((details -> 'receipts'))
  WHERE action = 'restricted_records.listed';
