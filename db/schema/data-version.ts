/** A single row (id 1): the version of everything the public can read; see app/models/data-version.server.ts. */
export interface DataVersionTable {
  id: number
  version: number
}
