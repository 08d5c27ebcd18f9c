export interface RevenueStreamsTable {
  gfs_code: string
  name_en: string
  parent_code: string | null
}
