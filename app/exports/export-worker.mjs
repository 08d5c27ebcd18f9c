// The export worker's entry point, plain JavaScript so that Node can start it as it is: it teaches
// the worker TypeScript (tsx) and loads the job runner. See export-job.ts.
import { register } from 'tsx/esm/api'

register()
await import('./export-job.ts')
