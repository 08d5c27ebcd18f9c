import { createHash } from 'node:crypto'
import { promisify } from 'node:util'
import { brotliCompress, constants as zlib, gzip } from 'node:zlib'
import { LRUCache } from 'lru-cache'
import { publicPageAddress } from './public-pages'

const gzipAsync = promisify(gzip)
/**
 * The first reader of a page after a write waits for its compression. Measured on the Urdu project
 * page (37 KB): brotli at quality 6 takes 0.9 ms for 4,951 bytes, at 9 it takes 9.6 ms for 4,751,
 * at 11 56 ms for 4,291; gzip 6 and 9 both take under half a millisecond, within 1% of each other.
 */
const BROTLI_QUALITY = 6
const GZIP_LEVEL = 6
const brotliAsync = promisify(brotliCompress)

/** What a request must say for the cache to answer it. */
export interface PageRequest {
  method: string
  /** Path and query string, as received. */
  url: string
  /** Scheme and host the reader asked for (pages may name their own address). */
  origin: string
  headers: { cookie?: string; 'accept-encoding'?: string; 'if-none-match'?: string }
}

export interface PageAnswer {
  status: number
  headers: Record<string, string | string[]>
  /** Empty for HEAD and 304. */
  body: Buffer
}

type Encoding = 'br' | 'gzip' | 'identity'

interface CachedPage {
  /** The data version it was rendered at: a page is kept for its address only until the version moves. */
  version: number
  status: 200 | 404
  /** The rendered page's own headers worth keeping (Content-Type, Content-Security-Policy, Link…). */
  headers: Record<string, string>
  etagBase: string
  bodies: Partial<Record<Encoding, Buffer>>
}

/** Rendered headers a cached copy keeps; anything else (Date, Content-Length) is the answer's own. */
const KEPT_HEADERS = ['content-type', 'content-security-policy', 'content-language', 'link']

/**
 * Shared caches (a proxy or CDN in front) may keep a public page for a few seconds and must then
 * ask again; browsers ask every time. Asking again is cheap: a 304 without a body.
 */
export const PUBLIC_CACHE_CONTROL = 'public, max-age=0, s-maxage=10, must-revalidate'

export interface PageCacheOptions {
  /** The bound on what the cache holds: every stored body, compressed or not, counts. */
  maxBytes: number
  /** The version of the data; every committing write bumps it (app/models/data-version.server.ts). */
  dataVersion: () => Promise<number>
  /** Renders the page at a normalised URL (origin and address), as an anonymous reader would get it. */
  render: (url: string) => Promise<Response>
  /** Changes with every build, so a new release never answers 304 for an old page. */
  buildId: string
  sessionCookieNames: readonly string[]
}

/**
 * Rendered public pages for anonymous readers, one per normalised address, each served only while
 * the data version it was rendered at is current, held compressed, served before Remix is reached. Deny by default: only GET and HEAD of
 * a listed public page (app/http/public-pages.ts) without a session cookie is answered here, and
 * a rendered answer is kept only when it is a 200 or 404 HTML page that sets no cookie and ships no
 * script. When many readers miss the same page at once, it is rendered once.
 */
export class PublicPageCache {
  readonly #pages: LRUCache<string, CachedPage>
  readonly #rendering = new Map<string, Promise<CachedPage | Uncacheable>>()
  readonly #compressing = new Map<string, Promise<Buffer>>()
  #nextVersionRead: Promise<number> | null = null

  constructor(private readonly options: PageCacheOptions) {
    this.#pages = new LRUCache<string, CachedPage>({
      maxSize: options.maxBytes,
      sizeCalculation: (page) => Object.values(page.bodies).reduce((n, body) => n + body.length, 0) + 1024,
    })
  }

  /** The cache's answer, or null when the request is not for it and must go on to Remix. */
  async respond(request: PageRequest): Promise<PageAnswer | null> {
    if (request.method !== 'GET' && request.method !== 'HEAD') return null
    if (this.#signedIn(request.headers.cookie)) return null
    const queryAt = request.url.indexOf('?')
    const address = publicPageAddress(queryAt === -1 ? request.url : request.url.slice(0, queryAt), queryAt === -1 ? '' : request.url.slice(queryAt + 1))
    if (address === null) return null

    const version = await this.#dataVersion()
    const url = `${request.origin}${address}`
    const kept = this.#pages.get(url)
    const found = kept?.version === version ? kept : await this.#renderedOrAwaited(url, version)
    if (found === null) return null
    if (found instanceof Uncacheable) return found.answer(request.method)

    const encoding = chooseEncoding(request.headers['accept-encoding'])
    const etag = `"${found.etagBase}-${encoding}"`
    const headers: Record<string, string> = { ...found.headers, ETag: etag, 'Cache-Control': PUBLIC_CACHE_CONTROL, Vary: 'Accept-Encoding' }
    if (matches(request.headers['if-none-match'], etag)) return { status: 304, headers, body: Buffer.alloc(0) }
    const body = await this.#bodyIn(url, found, encoding)
    if (encoding !== 'identity') headers['Content-Encoding'] = encoding
    headers['Content-Length'] = String(body.length)
    return { status: found.status, headers, body: request.method === 'HEAD' ? Buffer.alloc(0) : body }
  }

  /** How much the cache holds now, for the bench and the tests. */
  get stats(): { pages: number; bytes: number } {
    return { pages: this.#pages.size, bytes: this.#pages.calculatedSize }
  }

  /**
   * The data version as it is once this reader has arrived. Readers who arrive in the same turn of
   * the event loop share one read, which starts only after the last of them arrived: a read already
   * under way may predate a write this reader has seen acknowledged, so no one joins it late.
   */
  #dataVersion(): Promise<number> {
    this.#nextVersionRead ??= new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
      this.#nextVersionRead = null
      return this.options.dataVersion()
    })
    return this.#nextVersionRead
  }

  #signedIn(cookie: string | undefined): boolean {
    if (!cookie) return false
    return cookie.split(';').some((pair) => this.options.sessionCookieNames.includes(pair.split('=')[0]!.trim()))
  }

  /**
   * A miss: rendered here, or awaited when another reader's render of it is under way. What that
   * render answered, if it may not be cached, was for that reader alone: this one gets null and
   * goes on to Remix.
   */
  #renderedOrAwaited(url: string, version: number): Promise<CachedPage | Uncacheable | null> {
    const key = `${version} ${url}`
    const underway = this.#rendering.get(key)
    if (underway) return underway.then((r) => (r instanceof Uncacheable ? null : r))
    const pending = this.#render(url, version).finally(() => this.#rendering.delete(key))
    this.#rendering.set(key, pending)
    return pending
  }

  async #render(url: string, version: number): Promise<CachedPage | Uncacheable> {
    const response = await this.options.render(url)
    const body = Buffer.from(await response.arrayBuffer())
    const type = response.headers.get('content-type') ?? ''
    const cacheable =
      (response.status === 200 || response.status === 404) &&
      !response.headers.has('set-cookie') &&
      type.startsWith('text/html') &&
      // A page that ships a script carries a per-request nonce; it must never reach another reader.
      !body.includes('<script')
    if (!cacheable) return new Uncacheable(response, body)
    const headers: Record<string, string> = {}
    for (const name of KEPT_HEADERS) {
      const value = response.headers.get(name)
      if (value !== null) headers[name] = value
    }
    const etagBase = createHash('sha256').update(`${this.options.buildId}\n${version}\n${url}`).digest('base64url').slice(0, 27)
    const page: CachedPage = { version, status: response.status as 200 | 404, headers, etagBase, bodies: { identity: body } }
    // One page per address: the one of the newest version replaces any older (which no reader can
    // be answered with again), and a slow render of an older version never replaces a newer one.
    const kept = this.#pages.peek(url)
    if (!kept || kept.version <= version) this.#pages.set(url, page)
    return page
  }

  /** The page's body in `encoding`, compressed the first time a reader asks for it, once. */
  async #bodyIn(url: string, page: CachedPage, encoding: Encoding): Promise<Buffer> {
    const ready = page.bodies[encoding]
    if (ready) return ready
    const job = `${page.version} ${url} ${encoding}`
    let pending = this.#compressing.get(job)
    if (!pending) {
      const identity = page.bodies.identity!
      pending = (
        encoding === 'br'
          ? brotliAsync(identity, { params: { [zlib.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY, [zlib.BROTLI_PARAM_SIZE_HINT]: identity.length } })
          : gzipAsync(identity, { level: GZIP_LEVEL })
      ).finally(() => this.#compressing.delete(job))
      this.#compressing.set(job, pending)
    }
    const body = await pending
    page.bodies[encoding] = body
    // Stored again so that the cache counts the new body against its bound (unless it was dropped meanwhile).
    if (this.#pages.peek(url) === page) this.#pages.set(url, page)
    return body
  }
}

/** br when the reader takes it, else gzip, else none; q=0 refuses. */
export function chooseEncoding(accept: string | undefined): Encoding {
  const offered = new Map<string, number>()
  for (const part of (accept ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';')
    if (!name) continue
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='))
    offered.set(name, q ? Number(q.slice(2)) : 1)
  }
  const takes = (name: string) => (offered.get(name) ?? offered.get('*') ?? 0) > 0
  if (takes('br')) return 'br'
  if (takes('gzip')) return 'gzip'
  return 'identity'
}

/** If-None-Match, compared weakly as RFC 9110 asks of GET. */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false
  if (ifNoneMatch.trim() === '*') return true
  return ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)
}

/** A rendered answer that may not be cached: sent, as it is, to the one reader it was rendered for. */
class Uncacheable {
  constructor(
    private readonly response: Response,
    private readonly body: Buffer,
  ) {}

  answer(method: string): PageAnswer {
    const headers: Record<string, string | string[]> = {}
    this.response.headers.forEach((value, name) => {
      if (name !== 'content-length' && name !== 'set-cookie') headers[name] = value
    })
    const cookies = this.response.headers.getSetCookie()
    if (cookies.length > 0) headers['set-cookie'] = cookies
    headers['content-length'] = String(this.body.length)
    return { status: this.response.status, headers, body: method === 'HEAD' ? Buffer.alloc(0) : this.body }
  }
}
