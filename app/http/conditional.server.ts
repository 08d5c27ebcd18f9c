import { createHash } from 'node:crypto'

/**
 * A response with a strong ETag made from its body, answered with 304 Not Modified when the reader
 * already holds it: the ETag changes exactly when the content does, and a reader polling a list
 * that has not changed downloads nothing.
 */
export function conditionalResponse(request: Request, body: string, headers: Record<string, string>): Response {
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`
  return conditionalOn(request, etag, () => new Response(body, { headers: { ...headers, ETag: etag } }), headers)
}

/** 304 when If-None-Match holds `etag`; otherwise whatever `respond` makes. */
export function conditionalOn(request: Request, etag: string, respond: () => Response, headers: Record<string, string> = {}): Response {
  const held = request.headers.get('If-None-Match')
  if (held && (held.trim() === '*' || held.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag))) {
    const { 'Cache-Control': cacheControl } = headers
    return new Response(null, { status: 304, headers: { ETag: etag, ...(cacheControl ? { 'Cache-Control': cacheControl } : {}) } })
  }
  return respond()
}

export function badRequest(message: string): never {
  throw new Response(`${message}\n`, { status: 400, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
}

/** A whole number from the query string, or undefined when absent; anything else is a 400. */
export function wholeNumberParam(search: URLSearchParams, name: string): number | undefined {
  const raw = search.get(name)
  if (raw === null || raw === '') return undefined
  if (!/^(0|[1-9][0-9]{0,14})$/.test(raw)) badRequest(`${name} must be a whole number`)
  return Number(raw)
}

/**
 * A proof may be cached for good only when nothing in it can change: its sizes were named in the
 * address (a default follows the ledger as it grows) and were signed (the tree's current size,
 * not signed yet, may still be, which changes the answer's checkpoint links). Anything else is
 * kept a minute and then revalidated by its ETag.
 */
export function proofCacheControl(answer: { sizesGiven: boolean; signed: boolean }): string {
  return answer.sizesGiven && answer.signed ? 'public, max-age=31536000, immutable' : 'public, max-age=60'
}
