/** What server.mjs hands every loader and action besides the request. */
declare module '@remix-run/node' {
  interface AppLoadContext {
    /** Per-request nonce for the Content-Security-Policy's script-src. */
    cspNonce: string
    /** The client's address as Express sees it (after trusted proxies). */
    clientAddress: string | null
    /**
     * Resolves when the connection can take more: Remix writes a streamed body without waiting
     * for the socket, so long downloads wait on this themselves (see app/exports/download.server.ts).
     */
    waitForDrain?: () => Promise<void>
  }
}

export {}
