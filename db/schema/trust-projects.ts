export interface TrustProjectsTable {
  trust_party_id: number
  project_id: number
}
