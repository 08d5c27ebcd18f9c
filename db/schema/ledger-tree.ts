import type { IsoText } from './types'

/** One per approved entry, by seq: the canonical bytes as published and their RFC 9162 leaf hash. */
export interface LedgerLeavesTable {
  seq: number
  entry_id: number
  entry_json: string
  leaf_hash: Uint8Array
}

/** The hash of the complete subtree covering leaves [idx·2^level, (idx+1)·2^level); level ≥ 1. */
export interface LedgerTreeNodesTable {
  level: number
  idx: number
  hash: Uint8Array
}

/** Every signed tree head published, as the C2SP signed note served to readers. */
export interface LedgerCheckpointsTable {
  size: number
  root_hash: Uint8Array
  signed_at: IsoText
  note: string
}
