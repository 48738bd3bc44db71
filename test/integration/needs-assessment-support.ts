// The needs assessment integration tests read the real public data files in the shared folder.
import { SHARED_DATA_DIR } from '../support/shared-data.ts'

export const SAMPLE_DATA = process.env.VICTIM_HUB_SAMPLE_DATA ?? SHARED_DATA_DIR
