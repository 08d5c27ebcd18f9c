// Types for the standalone verifier, so the portal's tests can call it.
export class VerificationError extends Error {}
export interface VerifyOptions {
  export?: string
  checkpoint: string
  key: string
  previous?: string
  proof?: string
}
export function run(options: VerifyOptions, lines?: AsyncIterable<string> | Iterable<string>): Promise<string[]>
export function leafHash(bytes: Uint8Array): Buffer
export function verifyConsistency(oldSize: number, newSize: number, oldRoot: Buffer, newRoot: Buffer, proof: Buffer[]): boolean
