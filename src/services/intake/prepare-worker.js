// Entry point of the prepare worker thread: a worker does not inherit the main thread's TypeScript
// loader when the CLI registered it in-process, so it registers its own before loading the worker.
import { register } from 'tsx/esm/api'

register()
await import('./prepare-worker.ts')
