/** One row, scope 'public': the version of everything the public can read; see app/models/data-version.server.ts. */
export interface DataVersionTable {
  scope: 'public'
  version: number
}
