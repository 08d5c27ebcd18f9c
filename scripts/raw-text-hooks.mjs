/**
 * Teaches Node (and so tsx) Vite's `?raw` imports, so that app code can
 * `import text from './file.txt?raw'` and run unchanged in the Vite server bundle, under vitest and
 * in tsx scripts. Use it as `tsx --import ./scripts/raw-text-hooks.mjs script.ts`.
 */
import { readFileSync } from 'node:fs'
import { register } from 'node:module'
import { fileURLToPath } from 'node:url'
import { isMainThread } from 'node:worker_threads'

// Node runs module hooks in a worker of their own, which loads this file again: register only once.
if (isMainThread) register(import.meta.url)

export async function load(url, context, nextLoad) {
  if (url.startsWith('file:') && new URL(url).search === '?raw') {
    const text = readFileSync(fileURLToPath(url), 'utf8')
    return { format: 'module', shortCircuit: true, source: `export default ${JSON.stringify(text)}` }
  }
  return nextLoad(url, context)
}
