export interface ProjectMineralsTable {
  project_id: number
  mineral: string
}
