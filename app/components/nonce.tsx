import { createContext, useContext } from 'react'

/** The per-request Content-Security-Policy nonce, for the few <script> tags we render. */
export const NonceContext = createContext<string | undefined>(undefined)

export function useNonce(): string | undefined {
  return useContext(NonceContext)
}
