// The commissioning capability's rules, pure: police.uk rows and their classification, volumes, rates,
// forecast, victims and demand, capacity, and the needs assessment that puts them together.
export * from './assumptions.ts'
export * from './capacity.ts'
export * from './classification.ts'
export * from './demand.ts'
export * from './forecast.ts'
export * from './needs-assessment.ts'
export * from './police-uk-row.ts'
export * from './rates.ts'
export * from './volume.ts'
