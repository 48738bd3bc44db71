export * from './decide.ts'
export * from './event.ts'
