import type { AppLoadContext } from '@remix-run/node'

/**
 * A long download's response: compressed here (when the reader accepts gzip) rather than by the
 * compression middleware, and produced only as fast as the connection takes it. Remix writes a
 * streamed body without waiting for the socket, so without this a slow reader would make the
 * server hold the whole export in memory.
 */
export function downloadResponse(
  request: Request,
  context: AppLoadContext,
  body: ReadableStream<Uint8Array>,
  headers: Record<string, string>,
  options: { compress: boolean; gzipped?: boolean } = { compress: true },
): Response {
  const gzip = options.gzipped === true || (options.compress && acceptsGzip(request))
  const encoded = gzip && !options.gzipped ? body.pipeThrough(new CompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>) : body
  const waitForDrain = context.waitForDrain ?? (() => Promise.resolve())
  const reader = encoded.getReader()
  const paced = new ReadableStream<Uint8Array>({
    async pull(controller) {
      await waitForDrain()
      const next = await reader.read()
      if (next.done) controller.close()
      else controller.enqueue(next.value)
    },
    cancel: (reason) => reader.cancel(reason),
  })
  return new Response(paced, {
    headers: {
      ...headers,
      // no-transform keeps the compression middleware from compressing (and buffering) it again.
      'Cache-Control': `${headers['Cache-Control'] ?? 'no-cache'}, no-transform`,
      Vary: 'Accept-Encoding',
      ...(gzip ? { 'Content-Encoding': 'gzip' } : {}),
    },
  })
}

export function acceptsGzip(request: Request): boolean {
  return /\bgzip\b/.test(request.headers.get('Accept-Encoding') ?? '')
}
