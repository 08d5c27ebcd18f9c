// Part of `npm run build`: bundles the export worker (app/exports/export-job.ts) into one plain
// JavaScript file, build/export-worker.mjs, which the production server starts as it is. Without a
// TypeScript loader in the worker it needs about 40 MB less memory (see ADR 8).
import { build } from 'esbuild'

await build({
  entryPoints: ['app/exports/export-job.ts'],
  outfile: 'build/export-worker.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // The native module stays in node_modules.
  external: ['better-sqlite3', 'pg', 'pg-cursor'],
  logLevel: 'warning',
})
