import { staffAccess } from '../../access.ts'

/** Working the queue changes what happens to a victim's referral: data quality officers and managers. */
export const queueAccess = staffAccess('data_quality_officer', 'team_manager')

/**
 * The report also shows police where their data fails. A police referrer sees only the records their
 * own organisation sent (receipts carry the sending organisation), never other forces' or partners'.
 */
export const reportAccess = staffAccess('data_quality_officer', 'team_manager', 'police_referrer')

export const BASE = '/staff/data-quality'

export const isUuid = (value: unknown): value is string =>
  typeof value === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)
