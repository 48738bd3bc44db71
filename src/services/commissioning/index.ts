import type pg from 'pg'
import { listForces } from '../../repositories/commissioning/crimes.ts'
import { type ImportOptions, importCrimeFile, importCrimeFiles } from './import-crimes.ts'
import { importPopulationFile } from './import-population.ts'
import { buildNeedsAssessmentReport, type ReportRequest } from './needs-assessment.ts'

export { AssumptionError } from '../../domain/commissioning/index.ts'
export { CrimeImportError, type CrimeImportResult, type ImportOptions } from './import-crimes.ts'
export { PopulationImportError, type PopulationImportResult } from './import-population.ts'
export { type ReportRequest, ReportRequestError, type ReportTimings } from './needs-assessment.ts'

/**
 * Commissioning: the public police.uk and ONS data the hub imports, and the county's victim needs
 * assessment made from it. Built once by the composition root (services/index.ts): imports write
 * through the hub's pool; the report and the list of forces read through `readPool`, a read replica
 * when there is one, so a commissioner's report never competes with intake on the primary.
 */
export function createCommissioningService(pool: pg.Pool, readPool: pg.Pool = pool) {
  return {
    /** One police.uk street-level file (one force, one month) in one transaction; replaces the month. */
    importCrimeFile: (path: string, options?: ImportOptions) => importCrimeFile(pool, path, options),
    /** Several files, each its own transaction: one bad file leaves the others imported. */
    importCrimeFiles: (
      paths: readonly string[],
      options?: ImportOptions & { onFileDone?: (files: number, rows: number) => void },
    ) => importCrimeFiles(pool, paths, options),
    /** One ONS population file, recognised by its header, upserted in one transaction. */
    importPopulationFile: (path: string) => importPopulationFile(pool, path),
    /** The forces with imported police.uk data and the months each covers. */
    listForces: () => listForces(readPool),
    /** The needs assessment for one force and period, from the imported data. */
    needsAssessment: (request: ReportRequest) => buildNeedsAssessmentReport(readPool, request),
  }
}

export type CommissioningService = ReturnType<typeof createCommissioningService>
